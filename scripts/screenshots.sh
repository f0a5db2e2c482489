#!/usr/bin/env bash
# Re-creates the README's screenshots under Xvfb: the training lab after a few seconds of training
# on the embedded MNIST (fresh settings, so the defaults are shown).
#   ./scripts/screenshots.sh [OUT_DIR]      (default: docs/)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/docs}"
mkdir -p "$out"
[ -x "$here/build/release/app/daelab" ] || { "$here/scripts/setup.sh"; cmake --preset release >/dev/null; cmake --build --preset release -j"$(nproc)" --target daelab; }
config="$(mktemp -d)"
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$here/build/release/app/daelab" --start --screenshot "$out/training-lab.png" --screenshot-delay 8000
