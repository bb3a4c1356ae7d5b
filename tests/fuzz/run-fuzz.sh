#!/usr/bin/env bash
# Fuzzes the MIDI reader (parseMidi -> extractWindows -> writer -> parseMidi)
# with libFuzzer under ASan + UBSan for a bounded time.
#   tests/fuzz/run-fuzz.sh [SECONDS]     (default 60)
# Builds with clang++ straight from the gs_core and gs_midi sources (the main
# build uses g++), seeds from ../shared/data/bad-midi/jazz-soft and a few
# Groove MIDI Dataset files, keeps its corpus in build/fuzz/corpus between
# runs. Exits non-zero on a crash (the input is saved as build/fuzz/crash-*);
# exits 0 with a message when clang or libFuzzer is not installed.
set -euo pipefail
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${GS_SHARED_DATA:-$root/../shared/data}"
out="${GS_FUZZ_DIR:-$root/build/fuzz}"
cxx="${GS_FUZZ_CXX:-}"
if [ -z "$cxx" ]; then
  for candidate in clang++ clang++-14 clang++-15 clang++-16; do
    if command -v "$candidate" >/dev/null 2>&1; then cxx="$candidate"; break; fi
  done
fi
if [ -z "$cxx" ]; then
  echo "fuzz: skipped: clang++ is not installed (apt-get install clang)"
  exit 0
fi
mkdir -p "$out/corpus" "$out/seeds"

probe="$out/probe.cpp"
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe"
if ! "$cxx" -fsanitize=fuzzer "$probe" -o "$out/probe" >/dev/null 2>&1; then
  echo "fuzz: skipped: $cxx has no libFuzzer (-fsanitize=fuzzer failed to link)"
  exit 0
fi

if [ ! -d "$shared/bad-midi/jazz-soft" ]; then
  echo "fuzz: shared data missing: $shared/bad-midi/jazz-soft (set GS_SHARED_DATA)" >&2
  exit 1
fi
for f in drummer1/session1/1_funk_80_beat_4-4.mid drummer1/session2/4_jazz_120_beat_3-4.mid \
         drummer6/session1/3_rock_80_beat_6-8.mid drummer5/session1/8_latin-venezuelan-merengue_162_beat_5-8.mid; do
  cp -f "$shared/gmd/$f" "$out/seeds/" 2>/dev/null || echo "fuzz: note: seed $f not found"
done

echo "fuzz: building $out/fuzz_midi with $cxx"
"$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$root/src" -I"$here" \
  "$root"/src/core/*.cpp "$root"/src/midi/*.cpp "$here/fuzz_midi.cpp" \
  -o "$out/fuzz_midi"

echo "fuzz: running for $seconds s"
log="$out/last-run.log"
status=0
UBSAN_OPTIONS=print_stacktrace=1 "$out/fuzz_midi" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$out/" \
  "$out/corpus" "$shared/bad-midi/jazz-soft" "$out/seeds" >"$log" 2>&1 || status=$?
runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
if [ "$status" -ne 0 ]; then
  tail -n 60 "$log"
  echo "fuzz: FAILED (exit $status) after ${runs:-?} executions; crash inputs: $(ls "$out"/crash-* 2>/dev/null | tr '\n' ' ')"
  exit "$status"
fi
echo "fuzz: $runs executions in $seconds s, corpus $(ls "$out/corpus" | wc -l) inputs, no crash (log: $log)"
