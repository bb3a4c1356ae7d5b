// Feeds arbitrary bytes to the MIDI reader, cuts what loads into groove
// windows, writes those back to MIDI and reads that again. Any broken
// invariant aborts, so libFuzzer and the sanitizers report it as a crash.
#include "fuzz_midi.h"

#include "midi/groovemidi.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_midi: broken invariant: %s\n", what);
        std::abort();
    }
}

void checkFile(const gs::MidiFile& f)
{
    require(f.format == 0 || f.format == 1, "format 0 or 1");
    require(f.ticksPerQuarter > 0 && f.ticksPerQuarter < 0x8000, "ticks per quarter in range");
    require(int(f.trackNames.size()) == f.trackCount, "one name per track");
    std::int64_t last = 0;
    for (const gs::MidiNote& n : f.notes) {
        require(n.tick >= last, "notes sorted by tick");
        last = n.tick;
        require(n.endTick > n.tick, "notes end after they start");
        require(n.velocity >= 1 && n.velocity <= 127, "velocity 1..127");
        require(n.note >= 0 && n.note <= 127 && n.channel >= 0 && n.channel <= 15, "note and channel in range");
        require(n.tick <= f.lengthTicks, "notes within the file's length");
    }
    for (std::size_t i = 1; i < f.tempos.size(); ++i)
        require(f.tempos[i - 1].tick < f.tempos[i].tick, "one tempo per tick, sorted");
    for (const gs::TempoChange& t : f.tempos)
        require(t.microsecondsPerQuarter > 0, "positive tempo");
    for (const gs::MeterChange& m : f.meters)
        require(m.meter.valid(), "valid meters");
}

void checkExtraction(const gs::MidiFile& f, const gs::DrumMap& map, const gs::WindowOptions& options)
{
    const gs::DrumExtraction ex = gs::extractWindows(f, map, options);
    require(ex.bars >= 0 && ex.bars <= gs::kMaxExtractBars, "bar count capped");
    require(ex.mappedNotes <= ex.drumNotes, "mapped notes are drum notes");
    std::vector<gs::Groove> grooves;
    int hits = 0;
    for (const gs::GrooveWindow& w : ex.windows) {
        const gs::Groove& g = w.groove;
        require(g.grid().valid() && g.voices() == map.voiceCount(), "window grid valid");
        require(w.firstBar >= 0 && w.firstBar + options.bars <= ex.bars, "window inside the file");
        for (std::size_t i = 0; i < g.cells(); ++i) {
            if (g.hits()[i] > 0.5f) {
                require(g.velocities()[i] > 0.0f && g.velocities()[i] <= 1.0f, "hit velocity in (0, 1]");
                require(g.offsets()[i] >= -1.0f && g.offsets()[i] < 1.0f, "offset in [-1, 1)");
            }
        }
        hits += g.hitCount();
        grooves.push_back(g);
    }
    // What the writer makes of any windows must read back.
    const std::vector<std::uint8_t> bytes = gs::grooveMidiBytes(grooves, map);
    const gs::Result<gs::MidiFile> back = gs::parseMidi(bytes.data(), bytes.size(), "written");
    require(back.ok(), "written MIDI parses");
    require(int(back->notes.size()) <= hits, "no more notes written than hits");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const gs::Result<gs::MidiFile> file = gs::parseMidi(data, size, "fuzz.mid");
    if (!file) {
        require(!file.error().message.empty() && file.error().file == "fuzz.mid", "errors say what and where");
        return 0;
    }
    checkFile(*file);
    // Bound the work per input: keep 64 quarter notes (the bar cap itself is a unit test).
    gs::MidiFile clipped = *file;
    const std::int64_t limit = std::int64_t(clipped.ticksPerQuarter) * 64;
    if (clipped.lengthTicks > limit) {
        clipped.lengthTicks = limit;
        clipped.notes.erase(std::remove_if(clipped.notes.begin(), clipped.notes.end(),
                                           [&](const gs::MidiNote& n) { return n.tick > limit; }),
                            clipped.notes.end());
    }
    static const gs::DrumMap groovae = gs::DrumMap::groovae();
    static const gs::DrumMap gm = gs::DrumMap::gm();
    checkExtraction(clipped, groovae, gs::WindowOptions{});
    checkExtraction(clipped, gm, gs::WindowOptions{1, 12, 0, -1});
    checkExtraction(clipped, groovae, gs::WindowOptions{4, 4, 1, 9});
    return 0;
}
