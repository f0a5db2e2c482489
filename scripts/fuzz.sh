#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a number of executions.
#   ./scripts/fuzz.sh [RUNS] [TARGET…]   default 10,000,000 executions per target, every target
#                                       (idx model npz checkpoint config csv); 2 jobs at a time
# CI runs every target briefly (./scripts/fuzz.sh 20000) as a smoke test.
# Findings (crash-*, leak-*, timeout-*) are left in build/fuzz/findings/<target>/.
# FUZZ_TIMEOUT (seconds, default 10) is the wall-clock time after which one input counts as a hang:
# raise it when the fuzzers share a loaded machine at low priority, or starvation reads as a hang.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
runs="${1:-10000000}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(idx model npz checkpoint config csv)
./scripts/setup.sh
for p in clang libclang-rt-14-dev libomp-14-dev; do  # libomp: OpenMP for clang (the core uses it)
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$p"; }
done
build="$here/build/fuzz"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DDAELAB_BUILD_GUI=OFF -DDAELAB_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target make_corpus $(printf 'fuzz_%s ' "${targets[@]}")
"$build/fuzz/make_corpus" "$build/seeds" >/dev/null
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target" "$build/findings/$target"
  cp -n "$build/seeds/$target/"* "$build/corpus/$target/" 2>/dev/null || true
done
run() {
  local target="$1" max_len=65536
  [ "$target" = config ] && max_len=4096  # JSON configs are a few hundred bytes
  [ "$target" = csv ] && max_len=8192     # and these CSVs a few rows
  ( cd "$build/findings/$target" &&
    "$build/fuzz/fuzz_$target" -runs="$runs" -max_len="$max_len" -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-10}" \
      -print_final_stats=1 "$build/corpus/$target" > "$build/fuzz-$target.log" 2>&1 ) &&
    echo "fuzz_$target: $(grep -E 'stat::number_of_executed_units' "$build/fuzz-$target.log" | awk '{print $2}') executions, no finding" ||
    { echo "fuzz_$target: FINDING, see $build/fuzz-$target.log and $build/findings/$target"; return 1; }
}
status=0
pids=()
for target in "${targets[@]}"; do
  run "$target" & pids+=($!)
  if [ "${#pids[@]}" -ge 2 ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
