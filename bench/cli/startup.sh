#!/usr/bin/env bash
# What groovescape-cli costs to start, per kind of command: wall time (the shell's
# clock around /usr/bin/time, which itself counts in 10 ms) and peak memory
# (/usr/bin/time -v), median of RUNS runs, and whether LibTorch is in the
# process (ldd of the program that ends up running the command).
#   bench/cli/startup.sh [CLI] [RUNS]   (CLI: build/release/bin/groovescape-cli, RUNS: 5)
# Needs the shared data (GS_SHARED_DATA, else ../shared/data) for the import of
# the Groove MIDI Dataset, and a bundled model (models/rhythmvae-2d.gsmodel).
# A comparison, never a test: figures depend on the machine and its load.
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=$(realpath "${1:-build/release/bin/groovescape-cli}")
runs=${2:-5}
data=${GS_SHARED_DATA:-../shared/data}
midi=$(find "$data/gmd/drummer1/session1" -name '*.mid' | sort | head -n1)
model=models/rhythmvae-2d.gsmodel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1

# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

measure() {  # name, command...
    local name=$1; shift
    local walls=() rss=()
    for ((i = 0; i < runs; i++)); do
        local start=$EPOCHREALTIME
        /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
        local end=$EPOCHREALTIME
        walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print (b - a) * 1000}')")
        rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
    done
    printf '%-34s %8.0f ms %8.0f MB\n' "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
        "$(printf '%s\n' "${rss[@]}" | median | awk '{print $1 / 1024}')"
}

torchcli=$(dirname "$cli")/groovescape-cli-torch
[ -x "$torchcli" ] || torchcli=$(dirname "$cli")/../libexec/groovescape/groovescape-cli-torch
echo "groovescape-cli: $cli ($runs runs, median; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  libraries: $(ldd "$cli" | wc -l), LibTorch: $(ldd "$cli" | grep -c -E 'libtorch|libc10' || true)"
if [ -x "$torchcli" ]; then
    echo "groovescape-cli-torch: libraries $(ldd "$torchcli" | wc -l), LibTorch: $(ldd "$torchcli" | grep -c -E 'libtorch|libc10' || true)"
fi
printf '%-34s %10s %11s\n' command wall "max RSS"
measure "--help" "$cli" --help
measure "inspect MIDI file" "$cli" inspect "$midi"
measure "inspect model" "$cli" inspect "$model"
measure "import GMD (1,021 files)" "$cli" import "$data/gmd" --out "$work/gmd.gsd"
measure "inspect dataset (GMD)" "$cli" inspect "$work/gmd.gsd"
measure "generate (model command)" "$cli" generate "$model" --z 0,0 --out "$work/clip.mid"
measure "encode (model command)" "$cli" encode "$model" "$midi"
