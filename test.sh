#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test:
#   1. the release preset: all libraries, the app, the command line; every CTest test;
#   2. the asan preset (ASan + UBSan): the Qt-free, torch-free libraries and their tests;
#   3. the .deb package: built with CPack, its contents and dependencies checked;
#   4. the MIDI reader fuzzer for a bounded time, when clang is present.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
jobs=$(nproc)
export OPENBLAS_NUM_THREADS=1

# The tests read the shared data: GS_SHARED_DATA, else ../shared/data beside the project, else (a clone made
# somewhere else from a local checkout) the shared data beside the checkout it was cloned from.
if [ -z "${GS_SHARED_DATA:-}" ]; then
  origin=$(git config --get remote.origin.url 2>/dev/null || true)
  for candidate in ../shared/data "${origin:+$origin/../shared/data}"; do
    if [ -n "$candidate" ] && [ -d "$candidate" ]; then GS_SHARED_DATA=$(cd "$candidate" && pwd); break; fi
  done
fi
data_option=()
if [ -n "${GS_SHARED_DATA:-}" ]; then
  export GS_SHARED_DATA
  data_option=(-DGS_SHARED_DATA="$GS_SHARED_DATA")
  echo "== shared data: $GS_SHARED_DATA"
fi

echo "== release build (free space: $(df -h --output=avail . | tail -1 | tr -d ' '))"
cmake --preset release "${data_option[@]}" >/dev/null
cmake --build --preset release -- -j"$jobs"
echo "== release tests"
ctest --preset release -j"$jobs"

echo "== package (.deb contents and dependencies)"
scripts/check-package.sh build/release

echo "== asan build (Qt-free, torch-free libraries)"
cmake --preset asan "${data_option[@]}" >/dev/null
cmake --build --preset asan -- -j"$jobs"
echo "== asan tests"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$PWD/tests/lsan-suppressions.txt" \
    ctest --preset asan -j"$jobs"

if [ -x tests/fuzz/run-fuzz.sh ]; then
  echo "== fuzzing the MIDI reader"
  tests/fuzz/run-fuzz.sh "${GS_FUZZ_SECONDS:-60}"
fi
echo "== all tests passed"
