#pragma once
// Where the bars of a MIDI file are, from its meter map alone (tempo never
// matters). Each time signature change starts a segment whose bars are laid
// out from the change's tick; a bar cut short by the next change is partial.
// The file's last bar counts as whole even where the recording stops inside it.
#include "core/grid.h"
#include "midifile.h"

#include <cstdint>
#include <vector>

namespace gs {

struct BarSegment {
    std::int64_t startTick = 0;
    std::int64_t endTick = 0;  // exclusive: the next segment's start, or the end of the music
    Meter meter;
    int firstBar = 0;  // 0-based bar index in the file
    int bars = 0;  // bars that start in this segment
    int fullBars = 0;  // of those, the complete ones (all but a partial last bar)
};

class BarMap {
public:
    // `endTick` is where the music ends; at most `maxBars` bars are laid out.
    BarMap(const MidiFile& file, std::int64_t endTick, int maxBars);

    const std::vector<BarSegment>& segments() const { return m_segments; }
    int bars() const { return m_bars; }
    // True when the file has more than maxBars bars (the rest is left out).
    bool truncated() const { return m_truncated; }
    // Bar length in quarter-ticks (ticks x 4): exact for any meter and division.
    std::int64_t barQuarterTicks(const Meter& meter) const { return std::int64_t(m_tpq) * meter.sixteenthsPerBar(); }
    // The segment holding a tick, or -1 when it is past the last bar laid out.
    int segmentAt(std::int64_t tick) const;

private:
    void addSegment(std::int64_t start, std::int64_t end, const Meter& meter, bool last, int maxBars);

    int m_tpq;
    std::vector<BarSegment> m_segments;
    int m_bars = 0;
    bool m_truncated = false;
};

} // namespace gs
