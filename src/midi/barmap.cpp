#include "barmap.h"

#include <algorithm>

namespace gs {

BarMap::BarMap(const MidiFile& file, std::int64_t endTick, int maxBars)
    : m_tpq(file.ticksPerQuarter)
{
    // Reduce the meter map to real changes: a restated meter on a bar line changes nothing.
    std::int64_t start = 0;
    Meter meter;
    for (const MeterChange& change : file.meters) {
        if (change.tick >= endTick)
            break;
        if (!change.meter.valid())
            continue;  // the reader refuses these; a hand-built file may still hold one
        const bool onBarLine = ((change.tick - start) * 4) % barQuarterTicks(meter) == 0;
        if (change.meter == meter && onBarLine)
            continue;
        if (change.tick > start)
            addSegment(start, change.tick, meter, false, maxBars);
        start = change.tick;
        meter = change.meter;
    }
    if (endTick > start)
        addSegment(start, endTick, meter, true, maxBars);
}

void BarMap::addSegment(std::int64_t start, std::int64_t end, const Meter& meter, bool last, int maxBars)
{
    if (m_truncated)
        return;
    const std::int64_t span = (end - start) * 4;
    const std::int64_t barLength = barQuarterTicks(meter);
    std::int64_t full = span / barLength;
    const bool partial = span % barLength != 0;
    std::int64_t bars = full + (partial ? 1 : 0);
    if (last)
        full = bars;  // the last bar of the file is whole even if the recording stops early
    if (m_bars + bars > maxBars) {
        bars = maxBars - m_bars;
        full = std::min(full, bars);
        end = start + (bars * barLength) / 4;
        m_truncated = true;
    }
    if (bars <= 0)
        return;
    BarSegment segment;
    segment.startTick = start;
    segment.endTick = end;
    segment.meter = meter;
    segment.firstBar = m_bars;
    segment.bars = int(bars);
    segment.fullBars = int(full);
    m_segments.push_back(segment);
    m_bars += int(bars);
}

int BarMap::segmentAt(std::int64_t tick) const
{
    auto after = std::upper_bound(m_segments.begin(), m_segments.end(), tick,
                                  [](std::int64_t t, const BarSegment& s) { return t < s.startTick; });
    if (after == m_segments.begin())
        return -1;
    const int index = int(after - m_segments.begin()) - 1;
    return tick < m_segments[std::size_t(index)].endTick ? index : -1;
}

} // namespace gs
