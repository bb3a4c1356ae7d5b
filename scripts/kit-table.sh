#!/usr/bin/env bash
# The per-kit table of the kits issue: for every Hydrogen kit Debian installs, the
# instruments, which instrument each of the 9 voices plays and how it was mapped
# (note / name / order), and hits without a sample when rendering one Groove MIDI
# Dataset groove. Then the same for the SoundFont drum kits in /usr/share/sounds/sf2 (each
# drum preset family of FluidR3_GM: Standard, Room, Power, Electronic, TR-808, Jazz, Brush,
# Orchestra; the avldrums kits). Uses groovescape-cli render --json (build the release preset first).
#   scripts/kit-table.sh [CLI] [GROOVE.mid] [DRUMKITS FOLDER] [SF2 FOLDER]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$here/build/release/bin/groovescape-cli}
groove=${2:-${GS_SHARED_DATA:-$here/../shared/data}/gmd/drummer7/session3/23_pop-soft_83_beat_4-4.mid}
kits=${3:-/usr/share/hydrogen/data/drumkits}
sf2s=${4:-/usr/share/sounds/sf2}
[ -x "$cli" ] || { echo "kit-table: no CLI at $cli (cmake --build --preset release --target groovescape-cli)" >&2; exit 2; }
[ -f "$groove" ] || { echo "kit-table: no groove at $groove" >&2; exit 2; }
[ -d "$kits" ] || { echo "kit-table: no kits in $kits (apt install hydrogen-drumkits hydrogen-drumkits-effects)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "groove: $groove"
row() {  # row JSON NAME ERRFILE: one table row from render --json
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
name = sys.argv[2]
try:
    r = json.load(open(sys.argv[1]))
except Exception:
    print(f"| {name} | FAILED: {open(sys.argv[3]).read().strip()} |")
    sys.exit(0)
if "error" in r:
    print(f"| {name} | ERROR: {r['error']} |")
    sys.exit(0)
how = {}
for v in r["voices"]:
    how[v["mapped_by"]] = how.get(v["mapped_by"], 0) + 1
mapped = sum(n for k, n in how.items() if k != "none")
cells = "; ".join(f"{v['voice']}: {v['instrument'] or '-'} ({v['mapped_by']})" for v in r["voices"])
summary = ", ".join(f"{k} {n}" for k, n in sorted(how.items()))
print(f"| {name} | {r['kit_instruments']} | {mapped}/9 ({summary}) | {r['hits_without_sample']}/{r['hits'] + r['hits_without_sample']} | {len(r['kit_warnings'])} | {cells} |")
PY
}
{
for kit in "$kits"/*/; do
    "$cli" render "$groove" --out "$out/k.wav" --kit "${kit%/}" --json > "$out/k.json" 2> "$out/err" || true
    row "$out/k.json" "$(basename "$kit")" "$out/err"
done
for sf2 in "$sf2s"/*.sf2; do
    [ -f "$sf2" ] && [ ! -L "$sf2" ] || continue  # default-GM.sf2 is a link to FluidR3_GM.sf2
    presets=(-1)
    [ "$(basename "$sf2")" = FluidR3_GM.sf2 ] && presets=(0 8 16 24 25 32 40 48)
    for preset in "${presets[@]}"; do
        args=()
        [ "$preset" -ge 0 ] && args=(--preset "$preset")
        "$cli" render "$groove" --out "$out/k.wav" --kit "$sf2" "${args[@]}" --json > "$out/k.json" 2> "$out/err" || true
        row "$out/k.json" "$(basename "$sf2")$([ "$preset" -ge 0 ] && echo " preset $preset")" "$out/err"
    done
done
} | { echo "| kit | instruments | voices mapped (how) | hits without sample | warnings | voice: instrument (how) |"; echo "|---|---|---|---|---|---|"; cat; }
