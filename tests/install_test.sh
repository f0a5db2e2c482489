#!/usr/bin/env bash
# Checks an installed daelab and runs both programs from there, as an installed program: the full
# MNIST from <prefix>/share/daelab/mnist (not the source tree's), a fresh home folder.
#   install_test.sh BUILD_DIR [CMAKE]    `cmake --install` into a throwaway prefix, then checks it
#   install_test.sh --prefix PREFIX      checks an installed tree (scripts/package.sh: the unpacked .deb)
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: install_test.sh BUILD_DIR [CMAKE] | --prefix PREFIX" >&2; exit 2; }
if [ "$1" = --prefix ]; then
  prefix="$2"
else
  build="$1"
  cmake="${2:-cmake}"
  prefix="$(mktemp -d)"
  trap 'rm -rf "$prefix"' EXIT
  "$cmake" --install "$build" --prefix "$prefix" >/dev/null
fi
for f in bin/daelab bin/daelab-cli share/applications/daelab.desktop share/mime/packages/daelab-model.xml \
  share/icons/hicolor/scalable/apps/daelab.svg share/icons/hicolor/48x48/apps/daelab.png \
  share/icons/hicolor/256x256/apps/daelab.png share/daelab/mnist/train-images-idx3-ubyte.gz \
  share/daelab/mnist/t10k-labels-idx1-ubyte.gz share/doc/daelab/README.md; do
  [ -e "$prefix/$f" ] || { echo "install: $f is missing"; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$prefix/share/applications/daelab.desktop"; fi
# PNG icons of the size their folder names (the IHDR width and height, bytes 16-23).
for size in 16 48 256; do
  dims="$(od -An -tu1 -j16 -N8 "$prefix/share/icons/hicolor/${size}x${size}/apps/daelab.png" | tr -s ' ')"
  [ "$dims" = " 0 0 $((size / 256)) $((size % 256)) 0 0 $((size / 256)) $((size % 256))" ] ||
    { echo "install: the ${size}x${size} icon is not ${size}x${size} ($dims)"; exit 1; }
done

home="$(mktemp -d)"
trap 'rm -rf "$home" ${build:+"$prefix"}' EXIT
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
unset DAELAB_MNIST_DIR
cd "$prefix"
out="$("$prefix/bin/daelab-cli" datasets)"
# Here-strings, not pipes: under pipefail a `grep -q` that stops reading early fails the pipeline
# with its writer's SIGPIPE (a flaky "not the installed copy" under load).
grep -Eq '^mnist +60000 +10000 +28x28 +ready' <<<"$out" || { echo "install: no full MNIST:"; echo "$out"; exit 1; }
grep -qF "from $prefix/share/daelab/mnist" <<<"$out" ||
  { echo "install: the MNIST is not the installed copy:"; echo "$out"; exit 1; }
# Each output captured first: a program that fails after printing fails the test (set -e).
info="$("$prefix/bin/daelab-cli" info mnist)"
grep -q "60000 training + 10000 official test" <<<"$info"
cli_version="$("$prefix/bin/daelab-cli" --version)"
grep -q '^daelab-cli [0-9]' <<<"$cli_version"
gui_version="$("$prefix/bin/daelab" --version)"
grep -q '^daelab [0-9]' <<<"$gui_version"
help="$("$prefix/bin/daelab" --help)"
grep -q -- '--screenshot' <<<"$help"
QT_QPA_PLATFORM=offscreen "$prefix/bin/daelab" --screenshot "$home/window.png" --screenshot-delay 200
dims="$(od -An -tu4 --endian=big -j16 -N8 "$home/window.png" | tr -s ' ')"
read -r width height <<<"$dims"
[ "$width" -ge 600 ] && [ "$height" -ge 400 ] || { echo "install: the window's screenshot is ${width}x${height}"; exit 1; }
echo "install: both programs run from $prefix (window ${width}x${height}, MNIST from share/daelab/mnist)"
