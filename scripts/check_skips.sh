#!/usr/bin/env bash
# CTest counts a skipped Qt test function as passed: this names every skip of the last CTest run of a
# preset's build, and fails when one is not listed in tests/allowed_skips.txt for that preset.
#   ./scripts/check_skips.sh PRESET          (after ctest --preset PRESET)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:?usage: check_skips.sh PRESET}"
log="$here/build/$preset/Testing/Temporary/LastTest.log"
[ -f "$log" ] || { echo "check_skips.sh: $log: no CTest log" >&2; exit 1; }
status=0
mapfile -t skipped < <(grep -E '^SKIP   : ' "$log" | sed -E 's/^SKIP   : ([^ ]+\)).*/\1/' | sort -u)
for s in "${skipped[@]+"${skipped[@]}"}"; do
  if grep -E "^($preset|\*) " "$here/tests/allowed_skips.txt" | awk '{print $2}' | grep -qxF "$s"; then
    echo "check_skips.sh: skipped (allowed for $preset): $s" >&2
  else
    echo "check_skips.sh: SKIPPED and not allowed for $preset: $(grep -F "SKIP   : $s" "$log" | head -1)" >&2
    status=1
  fi
done
echo "check_skips.sh: ${#skipped[@]} test function(s) skipped in the $preset run" >&2
exit "$status"
