#pragma once
// A Standard MIDI File, read into what Groovescape needs: note-ons with their
// channel and absolute tick, the tempo map and the meter map. The reader
// never crashes, hangs or reads out of bounds; on failure it returns a precise
// reason (truncated chunk, bad VLQ, data byte > 127, missing MThd, ...).
#include "core/error.h"
#include "core/grid.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct MidiNote {
    std::int64_t tick = 0;  // absolute, in the file's ticks
    std::int64_t endTick = 0;  // the matching note-off (or note-on velocity 0); == tick + 1 if none
    int channel = 0;  // 0-based: the GM drum channel is 9
    int note = 0;
    int velocity = 0;  // 1..127
    int track = 0;
};

struct TempoChange {
    std::int64_t tick = 0;
    double microsecondsPerQuarter = 500000.0;
    double bpm() const { return 60'000'000.0 / microsecondsPerQuarter; }
};

struct MeterChange {
    std::int64_t tick = 0;
    Meter meter;
};

struct MidiFile {
    int format = 0;  // 0 or 1 (format 2 is refused)
    int ticksPerQuarter = 480;
    int trackCount = 0;
    std::vector<MidiNote> notes;  // every channel, sorted by tick
    std::vector<TempoChange> tempos;  // sorted by tick; empty means 120 BPM
    std::vector<MeterChange> meters;  // sorted by tick; empty means 4/4
    std::vector<std::string> trackNames;
    std::int64_t lengthTicks = 0;  // the last event's tick

    double bpmAt(std::int64_t tick) const;
    Meter meterAt(std::int64_t tick) const;
    double secondsAt(std::int64_t tick) const;  // through the whole tempo map
};

// Reads a .mid/.midi/.rmi (RIFF RMID wrapper) file. The error names the file.
// Accepted: formats 0 and 1 (a format 0 file with several tracks too), running
// status (kept across meta and sysex events, as real files need), note-on
// velocity 0 as note-off, unknown chunks (skipped), bytes after the last
// declared track (ignored), system real-time / common bytes inside a track
// (skipped). Refused with a reason: format 2, SMPTE time division (a groove
// needs musical time; converting at an assumed tempo would be silently wrong),
// undefined status bytes 0xF4/0xF5, truncated chunks and events, VLQs longer
// than 4 bytes, data bytes > 127, missing tracks, tempo 0, meters the grid
// cannot hold (e.g. 3/32). trackNames has one entry per track ("" if unnamed).
// GS/XG sysex that turn another channel into a drum part are not interpreted.
Result<MidiFile> readMidiFile(const std::string& path);
// Parses bytes already in memory; `name` goes into the error.
Result<MidiFile> parseMidi(const std::uint8_t* data, std::size_t size, const std::string& name);

} // namespace gs
