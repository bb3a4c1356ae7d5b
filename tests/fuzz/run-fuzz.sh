#!/usr/bin/env bash
# Fuzzes the MIDI reader (parseMidi -> extractWindows -> writer -> parseMidi),
# the other file readers (fuzz_files: dataset file, drum map, model config) and
# the kit readers (fuzz_kits: kit.json, Hydrogen drumkit.xml, SFZ, SF2) with
# libFuzzer under ASan + UBSan for a bounded time, split between them (half
# MIDI, a quarter each for files and kits: the total stays SECONDS).
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

midi_seconds=$(( seconds / 2 ))
files_seconds=$(( seconds / 4 ))
kits_seconds=$(( seconds - midi_seconds - files_seconds ))
common=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
  -I"$root/src" -I"$here")

echo "fuzz: building $out/fuzz_midi, $out/fuzz_files and $out/fuzz_kits with $cxx"
"$cxx" "${common[@]}" "$root"/src/core/*.cpp "$root"/src/midi/*.cpp "$here/fuzz_midi.cpp" -o "$out/fuzz_midi"
"$cxx" "${common[@]}" "$root"/src/core/*.cpp "$root"/src/midi/*.cpp "$root"/src/dataset/*.cpp \
  "$root/src/model/modelconfig.cpp" "$here/fuzz_files.cpp" -o "$out/fuzz_files"
# The kit readers and what they use (no drivers, no engine); libsndfile and libsamplerate decode samples.
kit_sources=()
for f in kit samplefile kitloader jsonkit hydrogenkit drumnames notemapping kitvoices kitregions sfzparser sfzkit \
         riffreader sf2reader sf2envelope sf2kit keynames folderkit xmlreader; do kit_sources+=("$root/src/audio/$f.cpp"); done
"$cxx" "${common[@]}" -DGS_FUZZ_KIT_SAMPLES="\"$root/assets/kits/acoustic/samples\"" "$root"/src/core/*.cpp \
  "${kit_sources[@]}" "$here/fuzz_kits.cpp" "$here/fuzz_kits_main.cpp" -o "$out/fuzz_kits" -lsndfile -lsamplerate

# Seeds of the files fuzzer: the built-in drum maps and the bundled models' configs (tagged by
# their first byte as fuzz_files.cpp reads them).
mkdir -p "$out/files-corpus" "$out/files-seeds"
python3 - "$root" "$out/files-seeds" <<'PY'
import json, struct, sys, pathlib
root, seeds = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for name in ("rhythmvae-2d", "recurrent-32d-flat"):
    b = (root / "models" / (name + ".gsmodel")).read_bytes()
    meta = json.loads(b[48:48 + struct.unpack("<Q", b[16:24])[0]])
    (seeds / (name + ".config")).write_bytes(b"\x01" + json.dumps(meta["config"]).encode())
    (seeds / (name + ".map")).write_bytes(b"\x02" + json.dumps(meta["config"]["drum_map"]).encode())
# A small dataset file (the layout of docs/file-formats.md; fuzz_files recomputes the checksum).
def s(t): return struct.pack("<I", len(t)) + t
m = json.dumps(meta["config"]["drum_map"]).encode()
p = s(m) + struct.pack("<iiiiBQd", 2, 4, 0, 6, 1, 1, 1 / 6) + struct.pack("<iiI", 0, 0, 1)
p += s(b"a.mid") + struct.pack("<QQB", 1, 100, 0) + s(b"") + struct.pack("<5iI", 2, 1, 1, 1, 1, 0)
p += s(b"rock") + struct.pack("<Bdii BB".replace(" ", ""), 0, 120.0, 4, 4, 0, 0)
p += struct.pack("<I", 1) + struct.pack("<7ifI", 0, 0, 2, 4, 4, 4, 9, 120.0, 1) + struct.pack("<Iff", 0, 0.8, 0.0)
(seeds / "tiny.gsd").write_bytes(b"GSDS" + struct.pack("<IQQ", 1, len(p), 0) + p)
PY

run() {  # run NAME SECONDS CORPUS...
  local name="$1" secs="$2"; shift 2
  local log="$out/last-run-$name.log" status=0
  echo "fuzz: running $name for $secs s"
  UBSAN_OPTIONS=print_stacktrace=1 "$out/$name" \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$out/$name-" "$@" >"$log" 2>&1 || status=$?
  local runs
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    echo "fuzz: $name FAILED (exit $status) after ${runs:-?} executions; crash inputs: $(ls "$out/$name"-crash-* 2>/dev/null | tr '\n' ' ')"
    exit "$status"
  fi
  echo "fuzz: $name: $runs executions in $secs s, no crash (log: $log)"
}
run fuzz_midi "$midi_seconds" "$out/corpus" "$shared/bad-midi/jazz-soft" "$out/seeds"
run fuzz_files "$files_seconds" "$out/files-corpus" "$out/files-seeds"
# Seeds of the kits fuzzer: the bundled kit.json and the Hydrogen test kit, tagged by their first byte.
mkdir -p "$out/kits-corpus" "$out/kits-seeds"
{ printf '\x00'; cat "$root/assets/kits/acoustic/kit.json"; } > "$out/kits-seeds/acoustic.kit"
{ printf '\x01'; cat "$root/tests/audio/data/hydrogen-kit/drumkit.xml"; } > "$out/kits-seeds/hydrogen.kit"
run fuzz_kits "$kits_seconds" "$out/kits-corpus" "$out/kits-seeds"
