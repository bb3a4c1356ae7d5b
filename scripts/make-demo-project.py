#!/usr/bin/python3
"""Writes assets/demo/demo.gsproj, the project the app opens on first run.

The bookmarks and the interpolation path are real points of the bundled 2D
model: the z of the first two-bar window of five demo files, as
`groovescape-cli encode` reports them. Run from the repository root:

    scripts/make-demo-project.py [path/to/groovescape-cli]
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build/release/bin/groovescape-cli")
MODEL = ROOT / "models/rhythmvae-2d.gsmodel"
DEMO = ROOT / "assets/demo/gmd"

# (name, tags, file) for each bookmark: the first window of these demo beats.
BOOKMARKS = [
    ("Funk pocket", ["funk", "80 bpm", "busy hats"], "drummer1/session1/1_funk_80_beat_4-4.mid"),
    ("Hip-hop head nod", ["hiphop", "92 bpm", "laid back"], "drummer3/session2/26_hiphop_92_beat_4-4.mid"),
    ("Jazz ride", ["jazz", "sparse"], "drummer1/session1/48_jazz_93_beat_4-4.mid"),
    ("Afrobeat", ["afrobeat", "103 bpm"], "drummer8/session2/14_afrobeat_103_beat_4-4.mid"),
    ("Straight rock", ["rock", "130 bpm", "backbeat"], "drummer2/session2/3_rock_130_beat_4-4.mid"),
]


def encode(relative):
    out = subprocess.run([CLI, "encode", str(MODEL), str(DEMO / relative), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return [round(v, 6) for v in json.loads(out)["windows"][0]["z"]]


def main():
    marks = [{"name": n, "tags": t, "z": encode(f)} for n, t, f in BOOKMARKS]
    rock = marks[4]["z"]
    jazz = marks[2]["z"]
    project = {
        "format": "groovescape-project",
        "version": 1,
        "parts": {
            "session": {"dataset": ["data:assets/demo"], "model": "data:models/rhythmvae-2d.gsmodel",
                        "window": -1, "bpm": 100},
            "transport": {"swing": 50, "humanise": 1, "metronome": False, "volume": 0.8, "kit": "acoustic"},
            "cursor": {"z": marks[0]["z"]},
            "bookmarks": marks,
            "interpolation": {"a": rock, "b": jazz, "steps": 8, "spherical": False},
        },
    }
    target = ROOT / "assets/demo/demo.gsproj"
    target.write_text(json.dumps(project, indent=4) + "\n")
    print(f"wrote {target}: {len(marks)} bookmarks, one path (rock -> jazz, 8 steps)")


if __name__ == "__main__":
    main()
