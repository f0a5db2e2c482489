#!/usr/bin/env bash
# Runs several grids of experiments as one queue, one single-threaded run per core, through GNU
# parallel (every grid's unfinished runs from `daelab-cli grid --print-commands`), then merges each
# grid. A grid with "select" (model selection on the validation set) learns its picks only once its
# screening runs are done, so the queue is asked again until no run is left. Resumable: run the same
# command again after a kill; finished runs are never redone, stopped ones go on from their last epoch.
#
#   ./scripts/experiment_series.sh OUT_DIR GRID [GRID …]        (GRID: a name under experiments/grids/)
#   JOBS=2 DAELAB_CLI=path/to/daelab-cli NICE=10 ./scripts/experiment_series.sh …
#
# DAELAB_CLI lets the runs use a build kept apart from the one being changed (a rebuild must never
# change a running experiment); without it the release build is made and used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
out="$1"
shift
jobs="${JOBS:-$(nproc)}"
cli="${DAELAB_CLI:-}"
if [ -z "$cli" ]; then
  "$here/scripts/setup.sh"
  cmake --preset release >/dev/null
  cmake --build --preset release -j"$(nproc)" --target daelab-cli
  cli="$here/build/release/app/daelab-cli"
fi
mkdir -p "$out"
# Started detached (setsid, a service: no terminal), the series is an autogroup of its own, and Linux
# shares the CPU equally between autogroups whatever the nice value: the runs would take half of every
# core from builds and tests. A detached series' group gets the runs' nice value instead.
if [ -z "$(ps -o tty= -p $$ | tr -d ' ?')" ] && [ -w /proc/self/autogroup ]; then
  echo "${NICE:-10}" > /proc/self/autogroup 2>/dev/null || true
fi
while true; do
  commands="$(for g in "$@"; do "$cli" grid "$here/experiments/grids/$g.json" -o "$out/$g" --print-commands; done)"
  [ -n "$commands" ] || break
  echo "$(date -u +%FT%TZ) series: $(echo "$commands" | wc -l) runs to do" >&2
  # One process per core, single-threaded (each run's spec says threads = 1); a failed run stops
  # nothing else and is reported by the merge.
  echo "$commands" | nice -n "${NICE:-10}" parallel -j "$jobs" --line-buffer || true
  before="$commands"
  commands="$(for g in "$@"; do "$cli" grid "$here/experiments/grids/$g.json" -o "$out/$g" --print-commands; done)"
  [ "$commands" != "$before" ] || { echo "series: these runs failed again; see their log.txt" >&2; break; }
done
for g in "$@"; do "$cli" grid "$here/experiments/grids/$g.json" -o "$out/$g" --merge; done
echo "$(date -u +%FT%TZ) series: done; each grid's summary.md (and selection.md) in $out" >&2
