#!/usr/bin/env bash
# Re-creates the README's screenshots under Xvfb, with fresh settings (the defaults are shown):
#   docs/training-lab.png     8 s into training on the embedded MNIST
#   docs/dynamics.png         a test digit iterated, and the whole test set (10,000 digits, ~2 min),
#                             with a DAE trained for 30 epochs by daelab-cli (Bahdanau & Jaeger's
#                             set-up), or with DYNAMICS_MODEL=FILE (the README's: Table 1(a)'s k = 3,
#                             σ = 0.7, seed-2 model)
#   docs/vector-field.png     the 2-D toy mode on the spiral
#   docs/atlas.png            the outcome atlas of a 12-epoch run
#   docs/sweep.png            a noise sweep (Vincent's set-up, 10 epochs per level)
#   docs/stacked.png          SdA vs SAA vs MLP on mnist-bg-rand (the tab's defaults)
#   docs/tour.png             the guided tour a first start offers
#   ./scripts/screenshots.sh [OUT_DIR]      (default: docs/; about 6 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/docs}"
mkdir -p "$out"
gui="$here/build/release/app/daelab"
cli="$here/build/release/app/daelab-cli"
[ -x "$gui" ] && [ -x "$cli" ] || { "$here/scripts/setup.sh"; cmake --preset release >/dev/null; cmake --build --preset release -j"$(nproc)"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
shot() {  # a fresh configuration folder for every picture
  rm -rf "$tmp/config" && mkdir -p "$tmp/config"
  XDG_CONFIG_HOME="$tmp/config" xvfb-run -a -s "-screen 0 1600x1000x24" "$gui" "$@"
}
shot --start --screenshot "$out/training-lab.png" --screenshot-delay 8000
shot --tour --screenshot "$out/tour.png" --screenshot-delay 1500
model="${DYNAMICS_MODEL:-$tmp/model.dae}"
[ -n "${DYNAMICS_MODEL:-}" ] || "$cli" train --preset bahdanau --epochs 30 -q -o "$model" >/dev/null
shot --model "$model" --tab Dynamics --iterate 7 --iterate-set --screenshot "$out/dynamics.png" --screenshot-delay 150000
shot --tab "2-D vector field" --train-toy --screenshot "$out/vector-field.png" --screenshot-delay 6000
# The next three shoot when their job has finished (the delay is only a time limit).
shot --start --option epochs=12 --atlas --tab "Outcome atlas" --screenshot "$out/atlas.png" --screenshot-delay 120000
shot --option tied=true --option corruption=masking --option level=0.25 --option loss=cross-entropy \
  --sweep --tab "Noise sweep" --screenshot "$out/sweep.png" --screenshot-delay 180000
shot --dataset mnist-bg-rand --tab "Stacked DAEs" --stacked --screenshot "$out/stacked.png" --screenshot-delay 900000
