#!/usr/bin/env bash
# Reproduces Table 1 of Bahdanau & Jaeger (2014) on the full MNIST (50,000 train / 10,000
# validation from the 60,000-digit file, the 10,000 t10k digits as the test set) with the
# reproduction harness: Table 1(a), k ∈ {1, 2, 3} × σ ∈ {0.3, 0.5, 0.7}, and Table 1(b), σ = 0.7,
# k ∈ {4, 5}, three seeds each (experiments/grids/table1a.json, table1b.json). Each run trains a
# 784-500-784 DAE (b = 20, ρ = 0.1, α = 0.99, N = 100), iterates both sets to the paper's 75 % rule
# and classifies the fixed points (logistic regression, §5.5). Then draws Fig. 5, the contact
# sheets of the k = 3, σ = 0.7 model, Fig. 4 from the three k = 1 models (σ = 0.3, 0.5, 0.7) and
# Fig. 6 and 7 from the seed-1 k = 5 model.
#
#   ./scripts/experiment_table1.sh [OUT_DIR] [JOBS]
#
# Time on this project's 2-core machine, one single-threaded run per core (training + evaluation):
# on its Zen 5 (2026-12-02) k = 1 9–11 min, k = 2 19–21 min, k = 3 25–29 min, Table 1(a) ≈ 5 h; on
# its Intel Xeon (2026-12-06, nothing else running) k = 2 23–30 min, k = 3 34–38 min; on the Zen 3
# it had before, k = 1 27 min, k = 2 59 min, k = 3 85 min, Table 1(a) ≈ 13 h, Table 1(b) ≈ 6 h more.
# Resumable: run the same command again after a kill; finished runs are never redone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/experiments/table1}"
jobs="${2:-0}"
cli="$here/build/release/app/daelab-cli"
"$here/scripts/setup.sh"
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target daelab-cli
mkdir -p "$out"
"$cli" grid "$here/experiments/grids/table1a.json" -o "$out/table1a" -j "$jobs"
"$cli" grid "$here/experiments/grids/table1b.json" -o "$out/table1b" -j "$jobs"
"$cli" plot fig5 "$out/table1a" "$out/table1b" -o "$out/fig5.png"
best="$out/table1a/runs/walkback3-level0.7-seed1/model.dae"
"$cli" iterate "$best" -q --compare-rules --sheet "$out/k3-sigma0.7" --sheet-count 20 > "$out/k3-sigma0.7-iterate.txt"
k1="$out/table1a/runs/walkback1-level"
"$cli" plot fig4 "${k1}0.3-seed1/model.dae" "${k1}0.5-seed1/model.dae" "${k1}0.7-seed1/model.dae" -o "$out/fig4.png"
"$cli" plot fig6 "$out/table1b/runs/walkback5-seed1/model.dae" -q -o "$out/fig6.png" --fig7 "$out/fig7.png"
echo "results: $out/table1a/summary.md, $out/table1b/summary.md, $out/fig4.png … fig7.png" >&2
