#pragma once
// The rhythm of any MIDI part (a bass line, a lead, a tapped pad) as windows of one voice: every
// note of the chosen channels flattened, as the monotonic groove of a drum window is (monotonic.h):
// at each step a hit where any note starts, the loudest note's velocity and its offset.
#include "groovemidi.h"

#include <vector>

namespace gs {

struct RhythmOptions {
    std::vector<int> channels;  // 0-based; empty = every channel but 9 (or 9 when only it has notes)
    int bars = 2;
    int stepsPerBeat = 4;
};

struct RhythmExtraction {
    std::vector<GrooveWindow> windows;  // consecutive, every one kept (silent ones too)
    std::vector<int> channels;  // the channels that were read (0-based)
    int notes = 0;  // note-ons read from them
    int bars = 0;  // bars in the file
    bool truncated = false;  // cut at kMaxExtractBars
};

// An error naming `name` when the chosen channels hold no notes (or a channel is not 0..15).
Result<RhythmExtraction> extractRhythm(const MidiFile& file, const RhythmOptions& options, const std::string& name);

} // namespace gs
