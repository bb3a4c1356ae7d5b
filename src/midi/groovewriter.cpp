// Groove -> Standard MIDI File (the writer half of groovemidi.h).
#include "groovemidi.h"

#include "core/atomicfile.h"
#include "clipnotes.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace gs {

namespace {

struct Hit {
    std::int64_t tick = 0;
    std::int64_t end = 0;
    int note = 0;
    int velocity = 0;
};

struct Event {
    std::int64_t tick = 0;
    std::vector<std::uint8_t> bytes;  // status and data, or a whole meta event
};

void putVlq(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    std::uint8_t buffer[5];
    int n = 0;
    buffer[n++] = value & 0x7Fu;
    while ((value >>= 7) != 0)
        buffer[n++] = std::uint8_t(0x80u | (value & 0x7Fu));
    while (n > 0)
        out.push_back(buffer[--n]);
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(std::uint8_t(v >> shift));
}

Event meta(std::int64_t tick, std::uint8_t type, const std::vector<std::uint8_t>& data)
{
    Event e{tick, {0xFF, type}};
    putVlq(e.bytes, std::uint32_t(data.size()));
    e.bytes.insert(e.bytes.end(), data.begin(), data.end());
    return e;
}

Event trackName(const std::string& name) { return meta(0, 0x03, std::vector<std::uint8_t>(name.begin(), name.end())); }

// Events must already be in time order; End of Track goes at `end`.
void putTrack(std::vector<std::uint8_t>& out, const std::vector<Event>& events, std::int64_t end)
{
    std::vector<std::uint8_t> body;
    std::int64_t now = 0;
    for (const Event& e : events) {
        putVlq(body, std::uint32_t(e.tick - now));
        body.insert(body.end(), e.bytes.begin(), e.bytes.end());
        now = e.tick;
    }
    putVlq(body, std::uint32_t(std::max<std::int64_t>(0, end - now)));
    body.insert(body.end(), {0xFF, 0x2F, 0x00});
    out.insert(out.end(), {'M', 'T', 'r', 'k'});
    putU32(out, std::uint32_t(body.size()));
    out.insert(out.end(), body.begin(), body.end());
}

int log2Denominator(int denominator)
{
    int power = 0;
    while ((1 << power) < denominator && power < 6)
        ++power;
    return power;
}

// Where each hit of the grooves lands, in ticks, with its note-off.
std::vector<Hit> placeHits(const std::vector<Groove>& grooves, const DrumMap& map, const ClipOptions& options,
                           int tpq, std::vector<std::int64_t>& starts, std::int64_t& clipEnd)
{
    std::vector<Hit> hits;
    double start = 0.0;
    for (const Groove& g : grooves) {
        starts.push_back(std::llround(start));
        const double stepTicks = double(tpq) / std::max(1, g.grid().stepsPerBeat);
        const double half = stepTicks / 2.0;
        const std::int64_t length = std::max<std::int64_t>(1, std::llround(options.noteLengthSteps * stepTicks));
        const int voices = std::min(g.voices(), map.voiceCount());
        for (int s = 0; s < g.steps(); ++s) {
            const double at = start + s * stepTicks;
            for (int v = 0; v < voices; ++v) {
                if (!g.hit(s, v))
                    continue;
                std::int64_t tick = std::llround(at + g.offset(s, v) * half);
                // Stay inside this step's window so the hit reads back on its own step.
                tick = std::min<std::int64_t>(tick, std::int64_t(std::ceil(at + half)) - 1);
                tick = std::max<std::int64_t>({tick, std::int64_t(std::ceil(at - half)), 0});
                const int velocity = std::clamp(int(std::lround(g.velocity(s, v) * 127.0f)), 1, 127);
                hits.push_back(Hit{tick, tick + length, map.outputNote(v) & 0x7F, velocity});
            }
        }
        start += g.steps() * stepTicks;
    }
    clipEnd = std::llround(start);
    // One note at one tick once (the louder); a note ends before it sounds again and by the clip's end.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return std::tie(a.note, a.tick, b.velocity) < std::tie(b.note, b.tick, a.velocity);
    });
    std::vector<Hit> kept;
    for (const Hit& h : hits) {
        if (!kept.empty() && kept.back().note == h.note && kept.back().tick == h.tick)
            continue;
        if (!kept.empty() && kept.back().note == h.note)
            kept.back().end = std::min(kept.back().end, h.tick);
        kept.push_back(h);
    }
    for (Hit& h : kept)
        h.end = std::max(h.tick + 1, std::min(h.end, clipEnd));
    return kept;
}

int ticksPerQuarterOf(const ClipOptions& options)
{
    return (options.ticksPerQuarter >= 1 && options.ticksPerQuarter <= 0x7FFF) ? options.ticksPerQuarter : 480;
}

} // namespace

ClipNotes grooveClipNotes(const std::vector<Groove>& grooves, const DrumMap& map, const ClipOptions& options)
{
    ClipNotes clip;
    clip.ticksPerQuarter = ticksPerQuarterOf(options);
    std::vector<std::int64_t> starts;
    const std::vector<Hit> hits = placeHits(grooves, map, options, clip.ticksPerQuarter, starts, clip.endTick);
    clip.notes.reserve(hits.size());
    for (const Hit& h : hits)
        clip.notes.push_back(ClipNote{h.tick, h.end, h.note, h.velocity});
    std::sort(clip.notes.begin(), clip.notes.end(),
              [](const ClipNote& a, const ClipNote& b) { return std::tie(a.tick, a.note) < std::tie(b.tick, b.note); });
    return clip;
}

std::vector<std::uint8_t> grooveMidiBytes(const std::vector<Groove>& grooves, const DrumMap& map,
                                          const ClipOptions& options)
{
    const int tpq = ticksPerQuarterOf(options);
    const double bpm = (std::isfinite(options.bpm) && options.bpm > 0.0) ? options.bpm : 120.0;
    std::vector<std::int64_t> starts;
    std::int64_t clipEnd = 0;
    const std::vector<Hit> hits = placeHits(grooves, map, options, tpq, starts, clipEnd);

    std::vector<Event> conductor{trackName("Groovescape")};
    const auto tempo = [&conductor](std::int64_t tick, double microseconds) {
        const auto us = std::uint32_t(std::clamp<long long>(std::llround(microseconds), 1, 0xFFFFFF));
        conductor.push_back(meta(tick, 0x51, {std::uint8_t(us >> 16), std::uint8_t(us >> 8), std::uint8_t(us)}));
    };
    if (options.tempos.empty() || options.tempos.front().tick > 0)
        tempo(0, 60e6 / bpm);
    for (const TempoChange& t : options.tempos)
        if (t.tick >= 0 && t.tick <= clipEnd && std::isfinite(t.microsecondsPerQuarter))
            tempo(t.tick, t.microsecondsPerQuarter);
    if (grooves.empty())
        conductor.push_back(meta(0, 0x58, {4, 2, 24, 8}));
    for (std::size_t i = 0; i < grooves.size(); ++i) {
        const Meter m = grooves[i].grid().meter;
        if (i > 0 && m == grooves[i - 1].grid().meter)
            continue;
        conductor.push_back(
            meta(starts[i], 0x58, {std::uint8_t(m.numerator), std::uint8_t(log2Denominator(m.denominator)), 24, 8}));
    }

    std::stable_sort(conductor.begin() + 1, conductor.end(), [](const Event& a, const Event& b) { return a.tick < b.tick; });

    std::vector<Event> drums{trackName(options.trackName)};
    std::vector<Event> notes;
    notes.reserve(hits.size() * 2);
    for (const Hit& h : hits) {
        notes.push_back(Event{h.tick, {0x99, std::uint8_t(h.note), std::uint8_t(h.velocity)}});
        notes.push_back(Event{h.end, {0x89, std::uint8_t(h.note), 0x40}});
    }
    // In time order; at one tick note-offs (0x89) before note-ons (0x99).
    std::stable_sort(notes.begin(), notes.end(), [](const Event& a, const Event& b) {
        return std::tie(a.tick, a.bytes[0]) < std::tie(b.tick, b.bytes[0]);
    });
    drums.insert(drums.end(), notes.begin(), notes.end());

    std::vector<std::uint8_t> out{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2};
    out.push_back(std::uint8_t(tpq >> 8));
    out.push_back(std::uint8_t(tpq));
    putTrack(out, conductor, clipEnd);
    putTrack(out, drums, clipEnd);
    return out;
}

Status writeGrooveMidi(const std::string& path, const std::vector<Groove>& grooves, const DrumMap& map,
                       const ClipOptions& options)
{
    for (std::size_t i = 0; i < grooves.size(); ++i) {
        if (grooves[i].voices() != map.voiceCount()) {
            return Error{path, "groove " + std::to_string(i + 1) + " has " + std::to_string(grooves[i].voices())
                                   + " voices but the drum map \"" + map.name() + "\" has "
                                   + std::to_string(map.voiceCount())};
        }
    }
    return writeFileAtomically(path, grooveMidiBytes(grooves, map, options));
}

} // namespace gs
