#include "fileimport.h"

#include "contenthash.h"
#include "core/filereader.h"
#include "midi/groovemidi.h"

#include <exception>
#include <new>

namespace gs {

namespace {

constexpr std::uint64_t kMaxMidiImportBytes = std::uint64_t(64) << 20;  // as readMidiFile: real SMFs are a few MB

bool readBytes(const std::string& path, std::vector<std::uint8_t>& bytes, std::string& reason)
{
    auto read = readFileBytes(path, kMaxMidiImportBytes, "MIDI file");
    if (!read) {
        reason = read.error().message;
        return false;
    }
    bytes = std::move(read).value();
    return true;
}

std::string noDrumsReason(const FileRecord& rec)
{
    std::string channels;
    for (const auto& [channel, count] : rec.otherChannelNotes)
        channels += (channels.empty() ? "" : ", ") + std::to_string(channel);
    return "no notes on the drum channel (MIDI channel " + std::to_string(rec.drumChannel) + "); its notes are on channel"
        + (rec.otherChannelNotes.size() == 1 ? " " : "s ") + channels;
}

void cutWindows(const std::string& path, const std::vector<std::uint8_t>& bytes, const ImportSettings& settings,
                FileImport& out)
{
    FileRecord& rec = out.record;
    auto midi = parseMidi(bytes.data(), bytes.size(), path);
    if (!midi) {
        rec.status = FileStatus::Failed;
        rec.reason = midi.error().message;
        return;
    }
    WindowOptions options;
    options.bars = settings.bars;
    options.stepsPerBeat = settings.stepsPerBeat;
    options.hopBars = settings.hopBars;
    options.drumChannel = rec.drumChannel - 1;
    // What the drum channel leaves out is counted, so a song's other parts are not ignored silently.
    for (const MidiNote& n : midi->notes)
        if (n.channel != options.drumChannel)
            ++rec.otherChannelNotes[n.channel + 1];
    const DrumExtraction ex = extractWindows(*midi, settings.map, options);
    out.tempoInFile = !midi->tempos.empty();
    rec.bars = ex.bars;
    rec.bpm = ex.bpm;
    rec.meter = ex.meter;
    rec.drumNotes = ex.drumNotes;
    rec.unmappedNotes = ex.unmappedNotes;
    rec.windowsTotal = int(ex.windows.size());
    if (!ex.hasDrums()) {
        rec.status = FileStatus::NoDrums;
        rec.reason = midi->notes.empty() ? "no notes at all" : noDrumsReason(rec);
        return;
    }
    for (const GrooveWindow& w : ex.windows) {
        if (w.groove.hitCount() < settings.minHits) {
            ++out.lowHitWindows;
            continue;
        }
        DatasetWindow dw;
        dw.groove = w.groove;
        dw.firstBar = w.firstBar;
        dw.bpm = float(w.bpm);
        out.hitHashes.push_back(hitPlaneHash(dw.groove));
        out.windows.push_back(std::move(dw));
    }
}

} // namespace

std::uint64_t hitPlaneHash(const Groove& g)
{
    const Grid& grid = g.grid();
    const int dims[5] = {g.steps(), g.voices(), grid.stepsPerBeat, grid.meter.numerator, grid.meter.denominator};
    std::uint64_t h = fnv1a64(dims, sizeof dims);
    // Packed to bits first: an eighth of the bytes to hash.
    std::uint8_t packed = 0;
    for (std::size_t i = 0; i < g.cells(); ++i) {
        packed = std::uint8_t((packed << 1) | (g.hits()[i] > 0.5f ? 1 : 0));
        if (i % 8 == 7 || i + 1 == g.cells()) {
            h = fnv1a64(&packed, 1, h);
            packed = 0;
        }
    }
    return h;
}

FileImport importFile(const std::string& path, const ImportSettings& settings)
{
    FileImport out;
    out.record.path = path;
    out.record.drumChannel = settings.drumChannelFor(path);
    try {
        std::vector<std::uint8_t> bytes;
        std::string reason;
        if (!readBytes(path, bytes, reason)) {
            out.record.status = FileStatus::Failed;
            out.record.reason = reason;
            return out;
        }
        out.record.sizeBytes = bytes.size();
        out.record.contentHash = fnv1a64(bytes.data(), bytes.size());
        cutWindows(path, bytes, settings, out);
    } catch (const std::bad_alloc&) {
        out = FileImport{};
        out.record.path = path;
        out.record.drumChannel = settings.drumChannelFor(path);
        out.record.status = FileStatus::Failed;
        out.record.reason = "out of memory while reading the file";
    } catch (const std::exception& e) {
        out.windows.clear();
        out.hitHashes.clear();
        out.record.status = FileStatus::Failed;
        out.record.reason = std::string("internal error: ") + e.what();
    }
    return out;
}

} // namespace gs
