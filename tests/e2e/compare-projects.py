#!/usr/bin/env python3
"""Compares what a project held when it was saved with what the app holds after reopening it.

usage: compare-projects.py FIRST AFTER_REOPEN SECOND TITLE_MODIFIED STRICT [TYPED_TEMPO]
  FIRST         the project as "Save project as" wrote it (first run, after a drag on the map)
  AFTER_REOPEN  the same file once the app had reopened it (nothing may have rewritten it differently)
  SECOND        the file after Ctrl+S in the reopened app: what the app held
  TITLE_MODIFIED 1 if the window title said "modified" (a leading *) right after opening
  STRICT        1: the checks of issue 17.6 (tempo, "modified" after open) fail; 0: reported as KNOWN
  TYPED_TEMPO   the tempo typed into the BPM box before saving (the first save must hold it)
Exit 0 equal, 1 different, 3 only the 17.6 checks differ (and STRICT is 0).
"""
import json
import os
import sys

first_path, reopen_path, second_path, modified, strict = sys.argv[1:6]
typed_tempo = float(sys.argv[6]) if len(sys.argv) > 6 else None
strict = strict == "1"
demo_path = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "demo", "demo.gsproj")


def parts(path):
    with open(path) as f:
        doc = json.load(f)
    assert doc.get("format") == "groovescape-project", path
    return doc["parts"]


def state(p):
    """The values compared: tempo, kit, bookmarks (name, tags, z) and the map cursor."""
    return {
        "tempo": p.get("session", {}).get("bpm"),
        "kit": p.get("transport", {}).get("kit"),
        "bookmarks": [(b.get("name"), tuple(b.get("tags", [])), tuple(b.get("z", []))) for b in p.get("bookmarks", [])],
        "cursor": tuple(p.get("cursor", {}).get("z", [])),
    }


def close(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-4
    return a == b


hard, known = [], []


def check(label, saved, now, issue=None):
    if close(saved, now):
        print(f"  ok   {label}: {now}")
        return
    line = f"{label}: saved {saved!r}, now {now!r}"
    if issue and not strict:
        known.append(line)
        print(f"  KNOWN ({issue}, GS_E2E_CHECK_REOPEN=1 to fail on it) {line}")
    else:
        hard.append(line)
        print(f"  FAIL {line}")


first = state(parts(first_path))
print("saved:", first)
if first["tempo"] is None or first["kit"] in (None, "") or not first["cursor"]:
    hard.append("the saved project lacks tempo, kit or cursor")
    print("  FAIL the saved project lacks tempo, kit or cursor")
if typed_tempo is not None:
    if first["tempo"] is None or abs(float(first["tempo"]) - typed_tempo) > 1e-6:
        hard.append(f"the tempo typed into the BPM box ({typed_tempo:g}) is not in the saved project ({first['tempo']})")
        print(f"  FAIL the typed tempo {typed_tempo:g} is not in the saved project: {first['tempo']}")
    else:
        print(f"  ok   the typed tempo {typed_tempo:g} was saved")
if os.path.exists(demo_path):
    demo = state(parts(demo_path))
    if close(demo["cursor"], first["cursor"]):
        hard.append("the drag on the map did not move the cursor")
        print(f"  FAIL the drag on the map did not move the cursor (still {first['cursor']})")
    else:
        print(f"  ok   the drag moved the cursor from {demo['cursor']}")

print("after reopening (the file on disk):")
reopened = state(parts(reopen_path))
for key in ("tempo", "kit", "bookmarks", "cursor"):
    check(key, first[key], reopened[key], "17.6" if key == "tempo" else None)
print("what the app holds (Ctrl+S after reopening):")
second = state(parts(second_path))
for key in ("tempo", "kit", "bookmarks", "cursor"):
    check(key, first[key], second[key], "17.6" if key == "tempo" else None)
check("title says modified right after opening", "0", modified, "17.6")

if hard:
    sys.exit(1)
sys.exit(3 if known else 0)
