#!/usr/bin/python3
"""Reference reader for bench_import: Debian's python3-mido parsing the same files.

Usage: /usr/bin/python3 mido_read.py LIST_FILE  (one MIDI path per line)
Prints one JSON object: files, failed, bytes, seconds (parsing only, files read inside the timing).
"""
import json
import sys
import time

import mido


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    failed = 0
    size = 0
    notes = 0
    start = time.perf_counter()
    for path in paths:
        try:
            midi = mido.MidiFile(path)
            for track in midi.tracks:
                for msg in track:
                    if msg.type == "note_on" and msg.velocity > 0:
                        notes += 1
        except Exception:  # a broken file counts as failed, as in our importer
            failed += 1
            continue
    seconds = time.perf_counter() - start
    for path in paths:
        try:
            with open(path, "rb") as f:
                size += len(f.read())
        except OSError:
            pass
    print(json.dumps({"files": len(paths), "failed": failed, "bytes": size, "notes": notes,
                      "seconds": seconds, "mido": mido.__version__}))


if __name__ == "__main__":
    main()
