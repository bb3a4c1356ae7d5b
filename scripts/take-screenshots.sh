#!/usr/bin/env bash
# Screenshots of every view from the real app on its bundled defaults (demo project,
# 2D model, acoustic kit), each in a fresh settings folder so no earlier run leaks in.
#   scripts/take-screenshots.sh [APP] [OUT_DIR]
# Needs xvfb-run (scripts/install-deps.sh installs it). Views are chosen through the
# app's command line and the same settings keys the window restores on start.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
app="${1:-$here/build/release/bin/groovescape}"
out="${2:-$here/docs/screenshots}"
[ -x "$app" ] || { echo "take-screenshots: no app at $app (build it first)" >&2; exit 1; }
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shot NAME "SETTINGS INI LINES" APP-OPTIONS...
shot() {
    local name="$1" ini="$2"; shift 2
    local home="$work/$name"
    mkdir -p "$home/config/Groovescape" "$home/data" "$home/runtime"
    chmod 700 "$home/runtime"
    printf '%b' "$ini" > "$home/config/Groovescape/Groovescape.conf"
    HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/runtime" \
        QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$app" --new-instance --screenshot "$out/$name.png" --quit-after 9000 "$@" 2>&1 \
        | grep -E 'first frame|screenshot' || true
}

shot app-map ""
shot app-grid-playing "" --play
shot app-piano-roll "[bottom]\nview=roll\n" --play
shot app-browser-windows "" --file 1 --window 3
shot app-browser-stats "[browser]\ntab=1\n"
shot training "[window]\\nwidth=1600\\nheight=1000\\n" --tab train
shot map-3d "[map]\\nshow3D=true\\n" --model "$here/models/rhythmvae-3d.gsmodel"
shot app-about "" --about
shot app-audio-settings "" --audio-settings
