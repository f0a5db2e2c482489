#!/usr/bin/env bash
# Vincent et al. (2008) §5 on our data: 3-hidden-layer networks initialised by stacking denoising
# autoencoders (SdA-3), ordinary autoencoders (SAA-3, ν = 0) or nothing (MLP), fine-tuned with a
# softmax layer and early stopping, on the embedded digits and the generated variants rot, bg-rand
# and bg-img. 7,000 train / 1,000 validation / 2,000 test; 500-500-500 sigmoid units; tied
# weights, masking noise and cross-entropy for pretraining; ν per variant as the paper chose it.
#
#   ./scripts/experiment_stacked.sh [OUT_DIR]     (PRETRAIN=15, FINETUNE=50 epochs; ~10 min on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/experiments/stacked}"
cli="$here/build/release/app/daelab-cli"
[ -x "$cli" ] || { "$here/scripts/setup.sh"; cmake --preset release >/dev/null; cmake --build --preset release -j"$(nproc)" --target daelab-cli; }
mkdir -p "$out"
rm -f "$out/stacked.csv"
for spec in basic:0.1 rot:0.1 bg-rand:0.4 bg-img:0.25; do
  variant="${spec%%:*}" nu="${spec##*:}"
  dataset="mnist-10k-$variant"
  [ "$variant" = basic ] && dataset=mnist-10k
  echo "== $dataset (SdA ν = $nu) ==" >&2
  "$cli" stacked -d "$dataset" --noise "$nu" --layers 500,500,500 \
    --pretrain-epochs "${PRETRAIN:-15}" --finetune-epochs "${FINETUNE:-50}" --seed 1 -q \
    --csv "$out/stacked.csv" --filters "$out/stacked-$variant.png" | tee "$out/stacked-$variant.txt"
done
echo "results: $out/stacked.csv" >&2
