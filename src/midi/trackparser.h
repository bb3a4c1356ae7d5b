#pragma once
// Reads the events of one MTrk chunk into a MidiFile: note-ons paired with
// their note-offs, tempo, time signature and track name. Tolerant where real
// files bend the rules (running status kept across meta and sysex events,
// note-on velocity 0 as note-off, system real-time bytes skipped), strict
// where the bytes cannot be read (truncated events, bad VLQs, data > 127).
#include "chunkreader.h"
#include "midifile.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class TrackParser {
public:
    // `track` is 0-based; messages call it track+1, as musicians count.
    TrackParser(MidiFile& file, int track);

    // Appends the track's events to the file. On failure the message says
    // what is wrong and at which byte of the file (the caller adds the name).
    Status parse(ChunkReader body);

private:
    Status fail(std::size_t at, const std::string& what) const;
    Status channelMessage(ChunkReader& in, std::uint8_t status, std::uint8_t first, std::size_t at);
    Status metaEvent(ChunkReader& in, std::size_t at, bool& endOfTrack);
    void noteOn(int channel, int note, int velocity);
    void noteOff(int channel, int note);

    MidiFile& m_file;
    int m_track;
    std::int64_t m_tick = 0;
    bool m_hasName = false;
    // Open notes per channel x note, oldest first (FIFO): indices into
    // m_file.notes, chained through m_next (indexed from m_firstNote).
    std::array<int, 16 * 128> m_head;
    std::array<int, 16 * 128> m_tail;
    std::vector<int> m_next;
    std::size_t m_firstNote = 0;
};

} // namespace gs
