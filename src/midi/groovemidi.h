#pragma once
// MIDI <-> groove windows. Quantisation is in ticks relative to the bar, so
// tempo changes never move the grid; only the meter map decides where bars are.
#include "core/drummap.h"
#include "core/groove.h"
#include "midifile.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

struct WindowOptions {
    int bars = 2;  // 1, 2 or 4
    int stepsPerBeat = 4;  // 4 or 12 (per quarter note)
    int hopBars = 0;  // 0 = non-overlapping (hop = bars)
    int drumChannel = 9;  // 0-based; -1 = every channel
};

struct GrooveWindow {
    Groove groove;
    int firstBar = 0;  // 0-based bar index in the file
    double bpm = 120.0;  // tempo at the window's start
};

struct DrumExtraction {
    std::vector<GrooveWindow> windows;  // every window, empty ones included (filtering is the dataset's job)
    std::map<int, int> unmappedNotes;  // note -> count, on the drum channel, that no voice took
    int drumNotes = 0;  // note-ons on the drum channel
    int mappedNotes = 0;
    int bars = 0;  // bars in the file (by its meter map)
    double bpm = 120.0;  // the first tempo
    Meter meter;  // the first meter
    bool hasDrums() const { return drumNotes > 0; }
};

// Cuts the file's drum channel into windows of `options.bars` bars. A window
// never straddles a meter change (it is skipped); a hit in the last half step
// of a window belongs to the next window's first step, with a negative offset.
DrumExtraction extractWindows(const MidiFile& file, const DrumMap& map, const WindowOptions& options);

struct ClipOptions {
    double bpm = 120.0;
    int ticksPerQuarter = 480;
    double noteLengthSteps = 0.5;  // note length as a fraction of a step
    std::string trackName = "Groovescape drums";
};

// Writes grooves one after another (a path through the latent space becomes a
// multi-bar clip): SMF format 1, tempo + time signature track, one drum track
// on channel 10, offsets and velocities applied. Written atomically.
Status writeGrooveMidi(const std::string& path, const std::vector<Groove>& grooves, const DrumMap& map,
                       const ClipOptions& options = {});
std::vector<std::uint8_t> grooveMidiBytes(const std::vector<Groove>& grooves, const DrumMap& map,
                                          const ClipOptions& options = {});

// Reads a clip back as consecutive windows of `grid` (its meter taken from the file).
Result<std::vector<Groove>> readGrooveMidi(const std::string& path, const DrumMap& map, int bars = 2,
                                           int stepsPerBeat = 4);

} // namespace gs
