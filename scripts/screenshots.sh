#!/usr/bin/env bash
# Re-creates the README's screenshots under Xvfb, with fresh settings (the defaults are shown), each
# workspace on a 1280 × 800 and a 1600 × 1000 screen (the window opens at nine tenths of it):
#   docs/ws-train-<size>.png        Train, 8 s into training on the full MNIST
#   docs/ws-iterate-<size>.png      Iterate: a test digit's trajectory and the whole set's outcomes, with
#                                   a DAE trained for 15 epochs by daelab-cli on the embedded 10,000 digits
#                                   (Bahdanau & Jaeger's set-up), or DYNAMICS_MODEL=FILE (and DYNAMICS_DATA=id)
#   docs/ws-explore-<size>.png      Explore: the 2-D playground, 25 s into its live training
#   docs/ws-train-hidden-1280.png   Train / Hidden units, 25 s into training with a sparsity penalty of 0.05
#   docs/ws-iterate-edited-1600.png Iterate: held-out digit 8 with its top third covered, beside the original
#   docs/ws-landscape-<size>.png    Explore / Landscape: 2,000 test digits at their end points under the
#                                   Iterate model (the README's: the full MNIST, 100 epochs, σ = 0.5)
#   docs/ws-experiments-<size>.png  Experiments: the phase diagram of Table 1(a)'s 27 runs
#   docs/ws-runs-<size>.png         Experiments / Runs: Table 1(a)'s runs grouped, its Fig. 5 as a scatter
#   docs/tour.png                   the guided tour a first start offers
#   ./scripts/screenshots.sh [OUT_DIR]      (default: docs/; about 4 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/docs}"
mkdir -p "$out"
build="${DAELAB_BUILD:-$here/build/release}"  # or another build folder, e.g. build/dev
gui="$build/app/daelab"
cli="$build/app/daelab-cli"
[ -x "$gui" ] && [ -x "$cli" ] || { "$here/scripts/setup.sh"; cmake --preset release >/dev/null; cmake --build --preset release -j"$(nproc)"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
shot() {  # SCREEN, then daelab's flags; a fresh configuration folder for every picture
  local screen="$1"
  shift
  rm -rf "$tmp/config" && mkdir -p "$tmp/config"
  XDG_CONFIG_HOME="$tmp/config" xvfb-run -a -s "-screen 0 ${screen}x24" "$gui" "$@"
}
model="${DYNAMICS_MODEL:-$tmp/model.dae}"
data="${DYNAMICS_DATA:-mnist-10k}"
[ -n "${DYNAMICS_MODEL:-}" ] || "$cli" train -d mnist-10k --preset bahdanau --epochs 15 -q -o "$model" >/dev/null
for screen in 1280x800 1600x1000; do
  size="${screen%x*}"
  shot "$screen" --start --screenshot "$out/ws-train-$size.png" --screenshot-delay 8000
  shot "$screen" -d "$data" --model "$model" --iterate 7 --iterate-set --screenshot "$out/ws-iterate-$size.png" \
    --screenshot-delay 60000
  shot "$screen" --train-toy --screenshot "$out/ws-explore-$size.png" --screenshot-delay 25000
  [ "$size" = 1280 ] && shot "$screen" --start --option sparsity=0.05 --tab "Hidden units" \
    --screenshot "$out/ws-train-hidden-$size.png" --screenshot-delay 25000
  [ "$size" = 1600 ] && shot "$screen" -d "$data" --model "$model" --edit 8 \
    --screenshot "$out/ws-iterate-edited-$size.png" --screenshot-delay 20000
  shot "$screen" -d "$data" --model "$model" --landscape 2000 --screenshot "$out/ws-landscape-$size.png" \
    --screenshot-delay 120000
  (cd "$here" && shot "$screen" --phase docs/experiments/table1a-results.csv \
    --screenshot "$out/ws-experiments-$size.png" --screenshot-delay 2000)  # the path as the window shows it
  (cd "$here" && shot "$screen" --runs docs/experiments/table1a-results.csv --runs-group --runs-view scatter \
    --screenshot "$out/ws-runs-$size.png" --screenshot-delay 3000)
done
shot 1600x1000 --tour --screenshot "$out/tour.png" --screenshot-delay 1500
