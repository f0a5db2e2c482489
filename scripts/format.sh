#!/usr/bin/env bash
# Formats every C++ source of the project with the committed .clang-format (clang-format 14, as
# Debian 12 ships it). With --check, changes nothing and fails listing the files that differ (CI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
format="$(command -v clang-format-14 || command -v clang-format || true)"
[ -n "$format" ] || { echo "format.sh: clang-format is not installed (apt-get install clang-format)" >&2; exit 1; }
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    if ! "$format" --style=file "$f" | cmp -s - "$f"; then bad+=("$f"); fi
  done
  if [ "${#bad[@]}" -gt 0 ]; then
    printf 'format.sh: not formatted (run ./scripts/format.sh): %s\n' "${bad[@]}" >&2
    exit 1
  fi
  echo "format.sh: ${#files[@]} files formatted as .clang-format says"
else
  "$format" --style=file -i "${files[@]}"
fi
