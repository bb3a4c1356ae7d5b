#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts Groovescape
# on its bundled defaults (default model, default kit, demo dataset).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target groovescape groovescape-cli groovescape-cli-torch -- -j"$(nproc)"
export OPENBLAS_NUM_THREADS=1
exec ./build/release/bin/groovescape "$@"
