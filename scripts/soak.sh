#!/usr/bin/env bash
# Soak test of the window (a measurement, not part of CI): builds the release preset's soak_gui and
# runs it under Xvfb for 30 minutes (or the minutes given), training on the default data set while a
# driver moves the noise slider, uses it for training, pauses, steps, resumes, iterates test digits,
# shows a replayed epoch, switches workspaces, runs the 2-D playground and maps the Landscape (following
# the model from then on, its dots animating), every 3 s. It prints the event loop's lateness (p50, p99,
# max), the slowest driver action, and the slope of resident memory after warm-up, and writes every
# 10-second sample to soak.csv (or the file given).
#   ./scripts/soak.sh [minutes] [csv]          (PRESET=dev uses the dev build instead of release)
# Run it on an otherwise idle machine: other processes make the lateness the machine's, not ours.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
minutes="${1:-30}"
csv="${2:-soak.csv}"
"$here/scripts/setup.sh"
preset="${PRESET:-release}"
# shellcheck disable=SC2086
cmake --preset "$preset" ${DAELAB_CMAKE_ARGS:-} >/dev/null
cmake --build --preset "$preset" -j"$(nproc)" --target soak_gui
command -v xvfb-run >/dev/null || { echo "soak.sh: xvfb-run is missing (apt install xvfb)" >&2; exit 1; }
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$here/build/$preset/bench/soak_gui" --minutes "$minutes" --csv "$csv"
