#!/usr/bin/env bash
# Builds daelab's .deb (CPack) and checks it: its contents (bin/, the menu entry, the icon, the full
# MNIST), its declared dependencies, and both programs run from the unpacked package.
#   ./scripts/package.sh               portable release build (x86-64-v3) in build/package → build/package/*.deb
#   ./scripts/package.sh --test BUILD  packages an existing build into a throwaway folder and checks it (CTest)
# Install the result with `sudo apt install ./build/package/daelab_<version>_amd64.deb`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = --test ]; then
  build="$(cd "$2" && pwd)"
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
else
  "$here/scripts/setup.sh"
  build="$here/build/package"
  out="$build"
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAELAB_ARCH=x86-64-v3 ${DAELAB_CMAKE_ARGS:-} >/dev/null
  cmake --build "$build" -j"$(nproc)" --target daelab daelab-cli daelab_icons daelab_mnist_gz
fi
(cd "$out" && cpack --config "$build/CPackConfig.cmake" -B "$out" >/dev/null)
deb="$(ls "$out"/daelab_*.deb)"
contents="$(dpkg-deb -c "$deb")"
for f in ./usr/bin/daelab ./usr/bin/daelab-cli ./usr/share/applications/daelab.desktop \
  ./usr/share/icons/hicolor/scalable/apps/daelab.svg ./usr/share/icons/hicolor/48x48/apps/daelab.png \
  ./usr/share/daelab/mnist/train-images-idx3-ubyte.gz; do
  grep -q " $f\$" <<<"$contents" || { echo "package: $f is not in $deb"; exit 1; }
done
depends="$(dpkg-deb -f "$deb" Depends)"
for d in libqt6widgets6 libqt6charts6 qt6-qpa-plugins libgomp1 libzip4; do
  grep -q "$d" <<<"$depends" || { echo "package: Depends lacks $d: $depends"; exit 1; }
done
root="$out/root"
dpkg-deb -x "$deb" "$root"
bash "$here/tests/install_test.sh" --prefix "$root/usr"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1)), Depends: $depends"
