#pragma once
// The musical frame of a groove window: how many bars, how finely a beat is
// divided, and the meter. Steps are counted per quarter note so that any
// meter (3/4, 6/8, 7/8, 5/4) maps to a whole number of steps per bar.
#include <string>

namespace gs {

struct Meter {
    int numerator = 4;
    int denominator = 4;  // a power of two: 2, 4, 8, 16

    // Quarter notes in one bar, times 4 (so 7/8 -> 14, 4/4 -> 16): exact for denominators up to 16.
    int sixteenthsPerBar() const { return numerator * 16 / denominator; }
    std::string text() const { return std::to_string(numerator) + "/" + std::to_string(denominator); }
    bool valid() const;
    bool operator==(const Meter&) const = default;
};

struct Grid {
    int bars = 2;
    int stepsPerBeat = 4;  // steps per quarter note: 4 = 16ths, 12 = 16ths and triplets
    Meter meter;

    // Steps in one bar; e.g. 16 for 4/4 at 4 steps per beat, 14 for 7/8, 36 for 3/4 at 12.
    int stepsPerBar() const { return meter.sixteenthsPerBar() * stepsPerBeat / 4; }
    int steps() const { return bars * stepsPerBar(); }
    // Length of one step in MIDI ticks for a file with this many ticks per quarter note.
    double ticksPerStep(int ticksPerQuarter) const { return double(ticksPerQuarter) / stepsPerBeat; }
    bool valid() const;
    bool operator==(const Grid&) const = default;
};

} // namespace gs
