#!/usr/bin/env bash
# Sets up (if needed), builds the release preset and launches the daelab GUI on the embedded MNIST.
# Extra arguments are passed to daelab.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
"$here/scripts/setup.sh"
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
exec "$here/build/release/app/daelab" "$@"
