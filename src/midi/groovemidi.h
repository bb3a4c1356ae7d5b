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

// Bars cut into windows at most, per file (about 5.5 hours of 4/4 at 120 BPM):
// a corrupt or absurd file cannot exhaust memory.
inline constexpr int kMaxExtractBars = 10000;

struct DrumExtraction {
    std::vector<GrooveWindow> windows;  // every window, empty ones included (filtering is the dataset's job)
    std::map<int, int> unmappedNotes;  // note -> count, on the drum channel, that no voice took
    int drumNotes = 0;  // note-ons on the drum channel
    int mappedNotes = 0;
    int bars = 0;  // bars in the file (by its meter map)
    double bpm = 120.0;  // the first tempo
    Meter meter;  // the first meter
    bool truncated = false;  // the file has more than kMaxExtractBars bars; windows stop there
    bool hasDrums() const { return drumNotes > 0; }
};

// Cuts the file's drum channel into windows of `options.bars` bars. A window
// never straddles a meter change (it is skipped); a hit in the last half step
// of a window belongs to the next window's first step, with a negative offset.
// Windows start at each meter change and every hopBars bars after it; the
// file's last bar counts as whole, a bar cut short by a meter change does not.
// Offsets lie in [-1, 1): a hit exactly half a step late goes to the next step.
DrumExtraction extractWindows(const MidiFile& file, const DrumMap& map, const WindowOptions& options);

struct ClipOptions {
    double bpm = 120.0;
    // A whole tempo map (ticks in ticksPerQuarter) written instead of `bpm` when not empty: drums made
    // for a file keep its tempo changes.
    std::vector<TempoChange> tempos;
    int ticksPerQuarter = 480;
    double noteLengthSteps = 0.5;  // note length as a fraction of a step
    std::string trackName = "Groovescape drums";
};

// Writes grooves one after another (a path through the latent space becomes a
// multi-bar clip): SMF format 1, tempo + time signature track, one drum track
// on channel 10, offsets and velocities applied. Written atomically.
// A hit before the clip's start (step 0 of the first groove, early) is
// written at tick 0; an offset of +1 is written one tick short of half a
// step late so that it reads back on its own step. writeGrooveMidi refuses
// grooves whose voice count differs from the map's; grooveMidiBytes skips
// voices the map does not have.
Status writeGrooveMidi(const std::string& path, const std::vector<Groove>& grooves, const DrumMap& map,
                       const ClipOptions& options = {});
std::vector<std::uint8_t> grooveMidiBytes(const std::vector<Groove>& grooves, const DrumMap& map,
                                          const ClipOptions& options = {});

// Reads a clip back as consecutive windows of `grid` (its meter taken from the file),
// from MIDI channel 10. A file whose notes are all on other channels is an error.
Result<std::vector<Groove>> readGrooveMidi(const std::string& path, const DrumMap& map, int bars = 2,
                                           int stepsPerBeat = 4);

} // namespace gs
