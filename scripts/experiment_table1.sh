#!/usr/bin/env bash
# Reproduces the set-up of Table 1 of Bahdanau & Jaeger (2014) on the embedded MNIST:
# 8,000 training / 2,000 held-out digits; 784-500-784 untied sigmoid DAEs, Gaussian noise
# σ ∈ {0.3, 0.5, 0.7}, squared error, walkback k ∈ {1, 3}, b = 20, ρ = 0.1, α = 0.99, N epochs.
# Each model is trained, evaluated (iterate to the 75 % criterion, logistic regression on the
# fixed points) and its outcomes drawn as contact sheets.
#
#   ./scripts/experiment_table1.sh [OUT_DIR]        (EPOCHS=100 by default; ~10 min on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/experiments/table1}"
epochs="${EPOCHS:-100}"
cli="$here/build/release/app/daelab-cli"
[ -x "$cli" ] || { "$here/scripts/setup.sh"; cmake --preset release >/dev/null; cmake --build --preset release -j"$(nproc)" --target daelab-cli; }
mkdir -p "$out"
rm -f "$out/table1.csv"
for k in 1 3; do
  for sigma in 0.3 0.5 0.7; do
    name="k${k}-sigma${sigma}"
    echo "== $name ==" >&2
    "$cli" train --preset bahdanau --walkback "$k" --level "$sigma" --epochs "$epochs" \
      --train-samples 8000 --validation-samples 2000 --seed 1 -q -o "$out/$name.dae" --csv "$out/$name-curves.csv" >&2
    "$cli" evaluate "$out/$name.dae" -q --csv "$out/table1.csv" > "$out/$name-evaluate.txt"
    "$cli" iterate "$out/$name.dae" -q --sheet "$out/$name" --sheet-count 20 > "$out/$name-iterate.txt"
  done
done
echo "results: $out/table1.csv" >&2
