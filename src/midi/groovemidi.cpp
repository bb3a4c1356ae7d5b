#include "groovemidi.h"

#include "barmap.h"

#include <algorithm>
#include <set>

namespace gs {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool readsChannel(const WindowOptions& options, int channel)
{
    return options.drumChannel < 0 || channel == options.drumChannel;
}

// The windows cut from one segment of the bar map.
struct SegmentWindows {
    int first = 0;  // index of the first in DrumExtraction::windows
    int count = 0;
    int stepsPerBar = 0;
};

} // namespace

DrumExtraction extractWindows(const MidiFile& file, const DrumMap& map, const WindowOptions& options)
{
    DrumExtraction out;
    out.bpm = file.tempos.empty() ? 120.0 : file.tempos.front().bpm();
    if (!file.meters.empty())
        out.meter = file.meters.front().meter;

    std::int64_t endTick = file.lengthTicks;
    for (const MidiNote& n : file.notes) {
        if (!readsChannel(options, n.channel))
            continue;
        ++out.drumNotes;
        if (map.voiceForNote(n.note) >= 0)
            ++out.mappedNotes;
        else
            ++out.unmappedNotes[n.note];
        endTick = std::max(endTick, n.tick + 1);
    }
    if (file.ticksPerQuarter <= 0)
        return out;
    const BarMap bars(file, endTick, kMaxExtractBars);
    out.bars = bars.bars();
    out.truncated = bars.truncated();
    if (options.bars < 1 || options.stepsPerBeat < 1 || map.voiceCount() == 0)
        return out;

    // Lay out the empty windows of every segment.
    const int hop = options.hopBars > 0 ? options.hopBars : options.bars;
    std::vector<SegmentWindows> layout(bars.segments().size());
    for (std::size_t s = 0; s < layout.size(); ++s) {
        const BarSegment& segment = bars.segments()[s];
        const Grid grid{options.bars, options.stepsPerBeat, segment.meter};
        layout[s].first = int(out.windows.size());
        if (!grid.valid() || segment.fullBars < options.bars)
            continue;
        layout[s].count = (segment.fullBars - options.bars) / hop + 1;
        layout[s].stepsPerBar = grid.stepsPerBar();
        for (int k = 0; k < layout[s].count; ++k) {
            GrooveWindow w;
            w.groove = Groove(grid, map.voiceCount());
            w.firstBar = segment.firstBar + k * hop;
            const std::int64_t startTick
                = segment.startTick + std::int64_t(k) * hop * bars.barQuarterTicks(segment.meter) / 4;
            w.bpm = file.bpmAt(startTick);
            out.windows.push_back(std::move(w));
        }
    }

    // Quantise in units of ticks x 4 x steps per beat, where a step is 4 x tpq: exact integers.
    const std::int64_t scale = 4 * std::int64_t(options.stepsPerBeat);
    const std::int64_t step = 4 * std::int64_t(file.ticksPerQuarter);
    const std::int64_t half = step / 2;
    for (const MidiNote& n : file.notes) {
        if (!readsChannel(options, n.channel))
            continue;
        const int voice = map.voiceForNote(n.note);
        int s = bars.segmentAt(n.tick);
        if (voice < 0 || s < 0)
            continue;
        // A hit in the last half step before a meter change belongs to the next segment's first step.
        if (std::size_t(s) + 1 < layout.size() && (bars.segments()[std::size_t(s)].endTick - n.tick) * scale <= half)
            ++s;
        const SegmentWindows& sw = layout[std::size_t(s)];
        if (sw.count == 0)
            continue;
        const std::int64_t rel = (n.tick - bars.segments()[std::size_t(s)].startTick) * scale;
        const std::int64_t q = floorDiv(rel + half, step);  // the nearest step; exactly half-way goes later
        const float offset = float(double(rel - q * step) / double(half));
        const std::int64_t bar = q / sw.stepsPerBar;
        const std::int64_t firstK = std::max<std::int64_t>(0, floorDiv(bar - options.bars + hop, hop));
        const std::int64_t lastK = std::min<std::int64_t>(sw.count - 1, bar / hop);
        for (std::int64_t k = firstK; k <= lastK; ++k) {
            const int local = int(q - k * hop * sw.stepsPerBar);
            Groove& g = out.windows[std::size_t(sw.first + k)].groove;
            if (local >= 0 && local < g.steps())
                g.mergeHit(local, voice, float(n.velocity) / 127.0f, offset);
        }
    }
    return out;
}

Result<std::vector<Groove>> readGrooveMidi(const std::string& path, const DrumMap& map, int bars, int stepsPerBeat)
{
    Result<MidiFile> file = readMidiFile(path);
    if (!file)
        return file.error();
    WindowOptions options;
    options.bars = bars;
    options.stepsPerBeat = stepsPerBeat;
    const DrumExtraction extraction = extractWindows(*file, map, options);
    if (!extraction.hasDrums() && !file->notes.empty()) {
        std::set<int> channels;
        for (const MidiNote& n : file->notes)
            channels.insert(n.channel + 1);
        std::string list;
        for (int c : channels)
            list += (list.empty() ? "" : ", ") + std::to_string(c);
        return Error{path, "no notes on the drum channel (MIDI channel 10); its notes are on channel(s) " + list};
    }
    std::vector<Groove> grooves;
    grooves.reserve(extraction.windows.size());
    for (const GrooveWindow& w : extraction.windows)
        grooves.push_back(w.groove);
    return grooves;
}

} // namespace gs
