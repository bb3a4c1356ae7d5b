#!/usr/bin/env bash
# A first session with Groovescape, driven like a person: a 1366x768 X server with a window
# manager (openbox), the real app in a fresh HOME, keys and mouse through xdotool.
#   start -> Space (play) -> drag on the map -> Ctrl+E, type a new name, Enter: a MIDI clip
#   -> Ctrl+Shift+E, type a name, Enter: a WAV -> Ctrl+Shift+S, type a new project name, Enter
#   -> Ctrl+Q -> start again with that project -> compare tempo, kit, bookmarks and cursor with
#   what was saved (the title must not say "modified"; Ctrl+S makes the app write what it holds,
#   which must equal the first save) -> Ctrl+Q -> start again on the Groove tab: click steps of the input
#   lane, G, Ctrl+E: the exported drums play on the clicked steps -> Ctrl+S, Ctrl+Q.
# Every wait has a timeout: a dialog that never comes fails the test, it never hangs.
# Screenshots of each step: OUT/NN-step.png. Exit 0 pass, 1 fail, 77 skip (tools missing).
#
# usage: person.sh --app BUILD/bin/groovescape --cli BUILD/bin/groovescape-cli --out DIR
# The reopen checks of issue 17.6 (tempo and "modified" after opening a project) fail the test;
# GS_E2E_CHECK_REOPEN=0 reports them as KNOWN instead.
set -uo pipefail

app="" cli="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "person.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$app" ] && [ -x "$cli" ] && [ -n "$out" ] || { echo "usage: person.sh --app APP --cli CLI --out DIR" >&2; exit 2; }

for tool in Xvfb openbox xdotool import xprop python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: '$tool' is not installed (scripts/install-deps.sh installs xvfb openbox xdotool imagemagick x11-utils)"
    exit 77
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d /tmp/gs-e2e.XXXXXX)
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share \
       XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# A plain X session: Qt's own widgets and dialogs, no desktop's platform theme.
unset QT_QPA_PLATFORMTHEME QT_STYLE_OVERRIDE XDG_CURRENT_DESKTOP DESKTOP_SESSION QT_QPA_PLATFORM WAYLAND_DISPLAY
export OPENBLAS_NUM_THREADS=1

failures=0
known=0
xvfb_pid="" wm_pid="" app_pid=""
log() { echo "[$(date +%T)] $*"; }
fail() { log "FAIL: $*"; failures=$((failures + 1)); }
cleanup() {
  for pid in $app_pid $wm_pid $xvfb_pid; do
    kill "$pid" 2>/dev/null
  done
  sleep 0.5
  for pid in $app_pid $wm_pid $xvfb_pid; do
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

# wait_for SECONDS COMMAND...: true as soon as COMMAND succeeds, false after SECONDS.
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  while [ $SECONDS -lt $end ]; do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}
shot() { import -display "$DISPLAY" -window root "$out/$1.png" 2>/dev/null || log "could not take screenshot $1"; }
window_named() { xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1; }

# ---- an X server of our own, and a window manager (keyboard focus needs one)
# Xvfb picks a free display itself and writes its number to fd 3 once it listens (-displayfd): two runs
# at once (parallel checkouts, CI retries) never race for the same display. -noreset: without it the
# server resets when its last client (the xprop probe) leaves, and openbox connecting during the reset
# fails ("Failed to open the display"), about one start in fifteen here.
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp -noreset 3>"$out/display.num" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
wait_for 15 test -s "$out/display.num" || { echo "person.sh: Xvfb did not start"; cat "$out/xvfb.log"; exit 1; }
export DISPLAY=":$(head -n1 "$out/display.num")"
wait_for 15 xprop -root || { echo "person.sh: Xvfb $DISPLAY does not answer"; exit 1; }
openbox --sm-disable >"$out/openbox.log" 2>&1 &
wm_pid=$!
wait_for 15 sh -c 'xprop -root _NET_SUPPORTING_WM_CHECK | grep -q "window id"' || { echo "person.sh: openbox did not start"; cat "$out/openbox.log"; exit 1; }
log "X server $DISPLAY (1366x768) with openbox; HOME=$HOME"

start_app() {  # start_app LOG [ARGS...]: the app, its window found and active
  local logfile=$1; shift
  "$app" --new-instance "$@" >"$out/$logfile" 2>&1 &
  app_pid=$!
  if ! wait_for 60 sh -c "xdotool search --onlyvisible --name 'Groovescape\$' | grep -q ."; then
    shot "no-window"
    echo "person.sh: the app's window did not appear within 60 s (log: $out/$logfile)"; exit 1
  fi
  win=$(window_named 'Groovescape$')
  xdotool windowactivate --sync "$win" >/dev/null 2>&1
  sleep 6  # the project, its dataset and model load on workers; the map fills
}
quit_app() {  # quit_app NAME: Ctrl+Q as a person would; the window manager's close if that does nothing
  xdotool windowactivate --sync "$win" >/dev/null 2>&1
  xdotool key --clearmodifiers ctrl+q
  if ! wait_for 20 sh -c "! kill -0 $app_pid"; then
    fail "$1: Ctrl+Q did not quit within 20 s; closing the window through the window manager"
    xdotool key --clearmodifiers alt+F4
    wait_for 20 sh -c "! kill -0 $app_pid" || { fail "$1: the app does not quit"; kill "$app_pid"; }
  fi
  wait "$app_pid" 2>/dev/null
  app_pid=""
}
# save_with_dialog TITLE TYPED EXPECTED STEP: the dialog TITLE must come up as its own window
# (a real file dialog); the name is typed where the focus is and Enter pressed; EXPECTED must appear.
save_with_dialog() {
  local title=$1 typed=$2 expected=$3 step=$4
  if wait_for 10 sh -c "xdotool search --onlyvisible --name '^$title' | grep -q ."; then
    sleep 0.7  # the folder listing settles
    shot "$step-dialog"
    log "$step: dialog '$title' is up: typing '$typed' + Enter"
  else
    shot "$step-no-dialog"
    fail "$step: no file dialog window titled '$title' within 10 s; typing into the app anyway"
  fi
  xdotool type --delay 40 "$typed"
  xdotool key Return
  if wait_for 20 test -s "$expected"; then
    log "$step: wrote $expected"
  else
    fail "$step: $expected was not written within 20 s"
    shot "$step-not-written"
    # A dialog still up (e.g. a QML one in the app's window): leave it for the next step.
    xdotool key Escape
  fi
  shot "$step-after"
}

# ---- first start: the demo project
mkdir -p "$HOME/clips" "$HOME/projects"
start_app app-first.log
shot 01-start
geometry=$(xdotool getwindowgeometry --shell "$win")
eval "$geometry"  # X Y WIDTH HEIGHT
log "window $WIDTH x $HEIGHT at $X,$Y"

log "Space: play"
xdotool key space
sleep 1.5
shot 02-playing

# A tempo of our own, typed into the BPM box (Ctrl+T): the demo's 100 is the value a lost tempo falls back
# to, so only another one shows that reopening keeps it (issue 17.6).
log "Ctrl+T: type 123 as the tempo"
xdotool key --clearmodifiers ctrl+t
sleep 0.3
xdotool type --delay 60 "123"
xdotool key Return
sleep 0.5
shot 02b-tempo

# The map: right of the dataset browser (about 420 px), below the transport bar and the tabs,
# above the drum grid (about 330 px at the bottom).
map_x=$((X + 430 + (WIDTH - 430) * 35 / 100))
map_y=$((Y + 90 + (HEIGHT - 330 - 90) / 2))
log "drag on the map from $map_x,$map_y"
xdotool mousemove "$map_x" "$map_y" && sleep 0.3
xdotool mousedown 1
for i in $(seq 1 12); do xdotool mousemove "$((map_x + i * 8))" "$((map_y + i * 5))"; sleep 0.05; done
xdotool mouseup 1
sleep 1.5
shot 03-dragged

# MIDI clip by its shortcut: a relative path typed into the name field (the dialog starts at home).
xdotool key --clearmodifiers ctrl+e
save_with_dialog "Export the groove as MIDI" "clips/first clip" "$HOME/clips/first clip.mid" 04-midi
if [ -s "$HOME/clips/first clip.mid" ]; then
  if "$cli" inspect "$HOME/clips/first clip.mid" --json >"$out/clip-inspect.json" 2>"$out/clip-inspect.err"; then
    python3 - "$out/clip-inspect.json" <<'EOF' || fail "04-midi: the clip is not a drum clip (see clip-inspect.json)"
import json, sys
info = json.load(open(sys.argv[1]))
assert info["kind"] == "midi", info
assert info["drum_notes"] > 0 and info["bars"] >= 1, info
print("  clip: %d drum notes, %d bars, %s bpm" % (info["drum_notes"], info["bars"], [t["bpm"] for t in info["tempos"]]))
EOF
  else
    fail "04-midi: groovescape-cli inspect cannot read the clip: $(cat "$out/clip-inspect.err")"
  fi
fi

# WAV by its shortcut: the exports folder is remembered (clips/), a bare name lands there.
xdotool key --clearmodifiers ctrl+shift+e
save_with_dialog "Export the groove as WAV" "groove take" "$HOME/clips/groove take.wav" 05-wav
if [ -s "$HOME/clips/groove take.wav" ]; then
  sleep 1  # the exporter renames its temporary file into place; give a slow machine a moment
  python3 - "$HOME/clips/groove take.wav" <<'EOF' || fail "05-wav: not a WAV with sound (see above)"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "no RIFF/WAVE header"
pos, fmt, size, body = 12, None, 0, b""
while pos + 8 <= len(data):
    cid, n = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
    if cid == b"fmt ":
        fmt = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
    elif cid == b"data":
        size, body = n, data[pos + 8:pos + 8 + n]
    pos += 8 + n + (n & 1)
assert fmt and size > 0, "no fmt or empty data chunk"
channels, rate, bits = fmt[1], fmt[2], fmt[5]
seconds = size / (channels * rate * bits // 8)
assert seconds > 0.5, "only %.3f s" % seconds
assert any(b != 0 for b in body), "all samples are zero"
print("  wav: %d Hz, %d channels, %d bit, %.2f s" % (rate, channels, bits, seconds))
EOF
fi

# Save project as: an absolute path typed in full.
project="$HOME/projects/my session.gsproj"
xdotool key --clearmodifiers ctrl+shift+s
save_with_dialog "Save the project as" "$HOME/projects/my session" "$project" 06-save-project

quit_app "first run"
shot 07-quit
[ -s "$project" ] || { fail "no project was saved: nothing to reopen"; log "$failures failure(s)"; exit 1; }
cp "$project" "$out/saved-first.gsproj"

# ---- second start: the saved project, opened from the command line
start_app app-second.log "$project"
shot 08-reopened
title=$(xdotool getwindowname "$win")
log "title after reopening: $title"
modified=0
case "$title" in \**) modified=1 ;; esac
cp "$project" "$out/after-reopen.gsproj"
before=$(stat -c %Y.%s "$project")
sleep 1.1  # a new save gets a new modification time
xdotool key --clearmodifiers ctrl+s
wait_for 15 sh -c "[ \"\$(stat -c %Y.%s '$project')\" != '$before' ]" || log "Ctrl+S: the file did not change (same content, or not saved)"
sleep 0.5
cp "$project" "$out/saved-second.gsproj"
shot 09-saved-again
quit_app "second run"

python3 "$here/compare-projects.py" "$out/saved-first.gsproj" "$out/after-reopen.gsproj" "$out/saved-second.gsproj" \
    "$modified" "${GS_E2E_CHECK_REOPEN:-1}" 123
case $? in
  0) ;;
  3) known=1 ;;
  *) fail "the reopened project differs from what was saved (see above)" ;;
esac

# ---- third start: play a rhythm, get drums (the Groove tab, issue 13). Click steps of the input lane
# (the row in line with the drum grid, just above it), press G, export the answer with Ctrl+E. With
# "Lock to rhythm" (on by default) the drums play on the clicked steps and nowhere else.
start_app app-third.log "$project" --tab groove
shot 10-groove-tab
eval "$(xdotool getwindowgeometry --shell "$win")"
# At 1366x768 the lane's steps are 24.85 px apart from x 575, its row 316 px above the window's bottom.
lane_y=$((Y + HEIGHT - 322))  # the upper part of a cell: a loud hit
clicked="0 3 6 8 12 16 19 22 24 28"
log "click the input lane at steps $clicked (y $lane_y)"
for step in $clicked; do
  xdotool mousemove "$((X + 575 + step * 2485 / 100))" "$lane_y" click 1
  sleep 0.2
done
shot 11-lane
log "G: generate"
xdotool key g
sleep 2
shot 12-generated
xdotool key --clearmodifiers ctrl+e
# The dialog opens in the exports folder remembered from the first run (clips/): a bare name lands there.
save_with_dialog "Export the groove as MIDI" "answer" "$HOME/clips/answer.mid" 13-answer
if [ -s "$HOME/clips/answer.mid" ]; then
  drums=$(python3 "$here/midi_steps.py" "$HOME/clips/answer.mid") || fail "13-answer: cannot read the exported clip"
  log "drum steps of the answer: $drums"
  python3 - "$clicked" "$drums" <<'EOF' || fail "13-answer: the drums do not follow the clicked rhythm"
import sys
clicked = {int(s) for s in sys.argv[1].split()}
drums = [int(s) for s in sys.argv[2].split()]
assert drums, "no drum hits"
# The clip may repeat the two bars; micro-timing may round a hit to a neighbouring step.
on = sum(1 for s in drums if s % 32 in clicked)
assert on >= 0.9 * len(drums), "only %d of %d drum steps are clicked steps" % (on, len(drums))
covered = {s % 32 for s in drums} & clicked
assert len(covered) >= 0.8 * len(clicked), "drums on only %d of %d clicked steps" % (len(covered), len(clicked))
print("  answer: %d of %d drum steps on the clicked steps, %d of %d clicked steps played" % (on, len(drums), len(covered), len(clicked)))
EOF
fi
# Keep the lane with the project (and leave nothing unsaved for Ctrl+Q).
before=$(stat -c %Y.%s "$project")
sleep 1.1
xdotool key --clearmodifiers ctrl+s
wait_for 15 sh -c "[ \"\$(stat -c %Y.%s '$project')\" != '$before' ]" || fail "Ctrl+S after the Groove tab: the project was not saved"
python3 - "$project" "$clicked" <<'EOF' || fail "the saved project does not hold the clicked lane"
import json, sys
lane = json.load(open(sys.argv[1]))["parts"]["groove"]["lane"]
steps = sorted(int(hit[0]) for hit in lane)
expected = sorted(int(s) for s in sys.argv[2].split())
assert steps == expected, "lane %s, clicked %s" % (steps, expected)
print("  project: lane steps %s" % steps)
EOF
quit_app "third run"

if [ "$failures" -gt 0 ]; then
  log "$failures failure(s); screenshots and logs in $out"
  exit 1
fi
[ "$known" -eq 1 ] && log "passed with KNOWN issue 17.6 checks reported (GS_E2E_CHECK_REOPEN=1 makes them fail)"
log "passed; screenshots and logs in $out"
exit 0
