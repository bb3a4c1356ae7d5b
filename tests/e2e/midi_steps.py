#!/usr/bin/env python3
"""Prints the 16th-note steps of a MIDI file's drum hits (note-ons on channel 10), one line, space
separated. Standard MIDI File reading of our own (python3 only: the end-to-end test needs no module).
usage: midi_steps.py FILE.mid"""
import struct
import sys


def var_len(data, pos):
    value = 0
    while True:
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos


def drum_steps(path):
    data = open(path, "rb").read()
    if data[:4] != b"MThd":
        raise SystemExit(f"{path}: not a Standard MIDI File")
    length, _fmt, tracks, division = struct.unpack(">IHHH", data[4:14])
    if division & 0x8000:
        raise SystemExit(f"{path}: SMPTE time division is not read here")
    ticks_per_step = division / 4.0
    pos, steps = 8 + length, set()
    for _ in range(tracks):
        if data[pos:pos + 4] != b"MTrk":
            raise SystemExit(f"{path}: track header missing at byte {pos}")
        end = pos + 8 + struct.unpack(">I", data[pos + 4:pos + 8])[0]
        pos, tick, status = pos + 8, 0, 0
        while pos < end:
            delta, pos = var_len(data, pos)
            tick += delta
            if data[pos] & 0x80:
                status = data[pos]
                pos += 1
            if status == 0xFF:  # meta: type, length, data
                n, pos = var_len(data, pos + 1)
                pos += n
            elif status in (0xF0, 0xF7):  # sysex
                n, pos = var_len(data, pos)
                pos += n
            else:
                size = 1 if status & 0xF0 in (0xC0, 0xD0) else 2
                if status == 0x99 and data[pos + 1] > 0:  # note-on, channel 10, velocity > 0
                    steps.add(round(tick / ticks_per_step))
                pos += size
        pos = end
    return sorted(steps)


if __name__ == "__main__":
    print(" ".join(str(s) for s in drum_steps(sys.argv[1])))
