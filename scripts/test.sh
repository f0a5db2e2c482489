#!/usr/bin/env bash
# Sets up (if needed), builds and runs the whole test suite, offscreen.
#   ./scripts/test.sh                  dev preset (optimised, with debug info)
#   PRESET=asan ./scripts/test.sh      the same under ASan + UBSan (asan, tsan, release also work)
#   DAELAB_CMAKE_ARGS=-DDAELAB_WERROR=ON ./scripts/test.sh    extra configure flags (CI: warnings are errors)
# Extra arguments go to ctest (e.g. -R tst_idx).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
"$here/scripts/setup.sh"
preset="${PRESET:-dev}"
# shellcheck disable=SC2086
cmake --preset "$preset" ${DAELAB_CMAKE_ARGS:-} >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
status=0
ctest --preset "$preset" "$@" || status=$?
"$here/scripts/check_skips.sh" "$preset" || status=1
exit "$status"
