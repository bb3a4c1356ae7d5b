#include "datasetfile.h"

#include "bytestream.h"
#include "contenthash.h"

#include "core/atomicfile.h"
#include "core/filereader.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

constexpr std::size_t kHeaderSize = 4 + 4 + 8 + 8;  // magic, version, payload size, checksum
constexpr std::size_t kMaxCells = std::size_t(1) << 20;  // far above any real grid; guards allocations
// The smallest a file record and a window can be on disk: counts read from the file are bounded by
// what the bytes left can hold before anything is allocated.
constexpr std::size_t kMinFileRecordBytes = 4 + 8 + 8 + 1 + 4 + 5 * 4 + 4 + 4 + 1 + 8 + 4 + 4 + 1 + 1;
constexpr std::size_t kMinWindowBytes = 7 * 4 + 4 + 4;
constexpr std::size_t kCellBytes = 3 * sizeof(float);  // a window is held densely: hit, velocity, offset

// Windows are stored sparsely but held densely, so a few bytes can ask for megabytes. A real
// dataset holds 5-20 dense bytes per stored byte (a few hundred for windows of one hit on a fine
// grid); this allows 64 MB for any file plus 1 KB per stored byte (a 13 KB file: about 78 MB,
// where it once asked for 3.8 GB).
std::uint64_t denseBudget(std::size_t fileBytes) { return (std::uint64_t(64) << 20) + 1024 * std::uint64_t(fileBytes); }

void writeSettings(ByteWriter& w, const ImportSettings& s)
{
    w.putString(s.map.toJson());
    w.put(std::int32_t(s.bars));
    w.put(std::int32_t(s.stepsPerBeat));
    w.put(std::int32_t(s.hopBars));
    w.put(std::int32_t(s.minHits));
    w.put(std::uint8_t(s.dropDuplicates));
    w.put(s.seed);
    w.put(s.validationFraction);
    // Version 2: the drum channel, for the import and per file.
    w.put(std::int32_t(s.drumChannel));
    w.put(std::uint32_t(s.fileDrumChannels.size()));
    for (const auto& [path, channel] : s.fileDrumChannels) {
        w.putString(path);
        w.put(std::int32_t(channel));
    }
}

void writeFile(ByteWriter& w, const FileRecord& f)
{
    w.putString(f.path);
    w.put(f.contentHash);
    w.put(f.sizeBytes);
    w.put(std::uint8_t(f.status));
    w.putString(f.reason);
    for (int v : {f.bars, f.windowsTotal, f.windowsKept, f.hits, f.drumNotes})
        w.put(std::int32_t(v));
    w.put(std::uint32_t(f.unmappedNotes.size()));
    for (const auto& [note, count] : f.unmappedNotes) {
        w.put(std::int32_t(note));
        w.put(std::int32_t(count));
    }
    w.putString(f.style);
    w.put(std::uint8_t(f.fill));
    w.put(f.bpm);
    w.put(std::int32_t(f.meter.numerator));
    w.put(std::int32_t(f.meter.denominator));
    w.put(std::uint8_t(f.split));
    w.put(std::uint8_t(f.splitFromMetadata));
    // Version 2: the channel read as drums and the notes left on the others.
    w.put(std::int32_t(f.drumChannel));
    w.put(std::uint32_t(f.otherChannelNotes.size()));
    for (const auto& [channel, count] : f.otherChannelNotes) {
        w.put(std::int32_t(channel));
        w.put(std::int32_t(count));
    }
}

void writeWindow(ByteWriter& w, const DatasetWindow& win)
{
    const Groove& g = win.groove;
    const Grid& grid = g.grid();
    for (int v : {win.file, win.firstBar, grid.bars, grid.stepsPerBeat, grid.meter.numerator, grid.meter.denominator,
                  g.voices()})
        w.put(std::int32_t(v));
    w.put(win.bpm);
    w.put(std::uint32_t(g.hitCount()));
    for (std::size_t i = 0; i < g.cells(); ++i) {
        if (g.hits()[i] <= 0.5f)
            continue;
        w.put(std::uint32_t(i));
        w.put(g.velocities()[i]);
        w.put(g.offsets()[i]);
    }
}

// Version 2's drum channels; a version 1 file read them all from channel 10 (the defaults).
bool readDrumChannels(ByteReader& r, ImportSettings& s, std::string& why)
{
    s.drumChannel = r.get<std::int32_t>();
    const auto overrides = r.get<std::uint32_t>();
    if (r.failed() || overrides > r.remaining() / 8)
        return false;
    bool valid = validMidiChannel(s.drumChannel);
    for (std::uint32_t i = 0; i < overrides && !r.failed(); ++i) {
        std::string path = r.getString();
        const int channel = r.get<std::int32_t>();
        valid = valid && validMidiChannel(channel);
        s.fileDrumChannels[std::move(path)] = channel;
    }
    if (r.failed())
        return false;
    if (!valid) {
        why = "a drum channel outside MIDI's 1..16";
        return false;
    }
    return true;
}

bool readOtherChannels(ByteReader& r, FileRecord& f, std::string& why)
{
    f.drumChannel = r.get<std::int32_t>();
    const auto channels = r.get<std::uint32_t>();
    if (r.failed() || channels > 16)
        return false;
    bool valid = validMidiChannel(f.drumChannel);
    for (std::uint32_t i = 0; i < channels; ++i) {
        const int channel = r.get<std::int32_t>();
        const int count = r.get<std::int32_t>();
        valid = valid && validMidiChannel(channel) && channel != f.drumChannel && count > 0;
        f.otherChannelNotes[channel] = count;
    }
    if (r.failed())
        return false;
    if (!valid) {
        why = "a file record has an impossible drum channel or count of notes on other channels";
        return false;
    }
    return true;
}

bool readSettings(ByteReader& r, ImportSettings& s, std::uint32_t version, const std::string& name, std::string& why)
{
    const std::string mapJson = r.getString();
    if (r.failed())
        return false;
    auto map = DrumMap::fromJsonText(mapJson, name);
    if (!map) {
        why = "bad drum map: " + map.error().message;
        return false;
    }
    s.map = std::move(map).value();
    s.bars = r.get<std::int32_t>();
    s.stepsPerBeat = r.get<std::int32_t>();
    s.hopBars = r.get<std::int32_t>();
    s.minHits = r.get<std::int32_t>();
    s.dropDuplicates = r.get<std::uint8_t>() != 0;
    s.seed = r.get<std::uint64_t>();
    s.validationFraction = r.get<double>();
    if (r.failed() || (version >= 2 && !readDrumChannels(r, s, why)))
        return false;
    const Grid grid{s.bars, s.stepsPerBeat, Meter{}};
    if (!grid.valid() || s.hopBars < 0 || s.hopBars > 16 || s.minHits < 0
        || !(s.validationFraction >= 0.0 && s.validationFraction <= 1.0)) {
        why = "impossible import settings (bars, steps per beat, hop, minimum hits or validation share)";
        return false;
    }
    return true;
}

bool readFile(ByteReader& r, FileRecord& f, std::uint32_t version, std::string& why)
{
    f.path = r.getString();
    f.contentHash = r.get<std::uint64_t>();
    f.sizeBytes = r.get<std::uint64_t>();
    const auto status = r.get<std::uint8_t>();
    f.reason = r.getString();
    for (int* v : {&f.bars, &f.windowsTotal, &f.windowsKept, &f.hits, &f.drumNotes})
        *v = r.get<std::int32_t>();
    const auto unmapped = r.get<std::uint32_t>();
    if (r.failed() || status > 2 || unmapped > 128)
        return false;
    f.status = FileStatus(status);
    for (std::uint32_t i = 0; i < unmapped; ++i) {
        const int note = r.get<std::int32_t>();
        f.unmappedNotes[note] = r.get<std::int32_t>();
    }
    f.style = r.getString();
    f.fill = r.get<std::uint8_t>() != 0;
    f.bpm = r.get<double>();
    f.meter.numerator = r.get<std::int32_t>();
    f.meter.denominator = r.get<std::int32_t>();
    const auto split = r.get<std::uint8_t>();
    f.splitFromMetadata = r.get<std::uint8_t>() != 0;
    f.split = Split(split & 1);
    if (r.failed() || split > 1 || (version >= 2 && !readOtherChannels(r, f, why)))
        return false;
    if (!plausibleBpm(f.bpm)) {
        why = "a file record has an impossible tempo (" + std::to_string(f.bpm) + " BPM)";
        return false;
    }
    if (!f.meter.valid()) {
        why = "a file record has an impossible meter " + f.meter.text();
        return false;
    }
    return true;
}

bool readWindow(ByteReader& r, DatasetWindow& win, int fileCount, int mapVoices, std::uint64_t& budget,
    std::string& why)
{
    std::int32_t v[7];
    for (auto& x : v)
        x = r.get<std::int32_t>();
    win.bpm = r.get<float>();
    const auto hits = r.get<std::uint32_t>();
    if (r.failed())
        return false;
    win.file = v[0];
    win.firstBar = v[1];
    Grid grid;
    grid.bars = v[2];
    grid.stepsPerBeat = v[3];
    grid.meter = {v[4], v[5]};
    const int voices = v[6];
    if (win.file < 0 || win.file >= fileCount || !grid.valid() || voices != mapVoices
        || std::size_t(grid.steps()) * std::size_t(voices) > kMaxCells) {
        why = "a window has an invalid file index, grid (meter " + grid.meter.text() + ") or voice count";
        return false;
    }
    if (!plausibleBpm(win.bpm)) {
        why = "a window has an impossible tempo (" + std::to_string(win.bpm) + " BPM)";
        return false;
    }
    const std::uint64_t dense = std::uint64_t(grid.steps()) * std::uint64_t(voices) * kCellBytes;
    if (dense > budget) {
        why = "its windows would need more memory than a file of this size can honestly describe";
        return false;
    }
    budget -= dense;
    win.groove = Groove(grid, voices);
    if (hits > win.groove.cells() || r.remaining() < std::size_t(hits) * 12) {
        why = "a window has more hits than cells";
        return false;
    }
    for (std::uint32_t h = 0; h < hits; ++h) {
        const auto cell = r.get<std::uint32_t>();
        const float velocity = r.get<float>();
        const float offset = r.get<float>();
        if (cell >= win.groove.cells()) {
            why = "a hit lies outside its window";
            return false;
        }
        if (!std::isfinite(velocity) || velocity < 0.0f || velocity > 1.0f || !std::isfinite(offset)
            || offset < -1.0f || offset > 1.0f) {
            why = "a hit has an impossible velocity or offset";
            return false;
        }
        win.groove.setHit(int(cell / std::size_t(voices)), int(cell % std::size_t(voices)), velocity, offset);
    }
    return true;
}

} // namespace

bool DatasetFile::looksLikeDataset(const std::uint8_t* data, std::size_t size)
{
    return size >= 4 && std::memcmp(data, kMagic, 4) == 0;
}

std::vector<std::uint8_t> DatasetFile::encode(const Dataset& dataset)
{
    ByteWriter payload;
    writeSettings(payload, dataset.settings());
    payload.put(std::int32_t(dataset.duplicatesDropped()));
    payload.put(std::int32_t(dataset.lowHitWindowsDropped()));
    payload.put(std::uint32_t(dataset.files().size()));
    for (const FileRecord& f : dataset.files())
        writeFile(payload, f);
    payload.put(std::uint32_t(dataset.windows().size()));
    for (const DatasetWindow& w : dataset.windows())
        writeWindow(payload, w);

    ByteWriter out;
    for (char c : kMagic)
        out.put(std::uint8_t(c));
    out.put(kVersion);
    out.put(std::uint64_t(payload.bytes().size()));
    out.put(fnv1a64(payload.bytes().data(), payload.bytes().size()));
    std::vector<std::uint8_t> bytes = out.bytes();
    bytes.insert(bytes.end(), payload.bytes().begin(), payload.bytes().end());
    return bytes;
}

Result<Dataset> DatasetFile::decode(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    if (!looksLikeDataset(data, size))
        return Error{name, "not a Groovescape dataset file (no GSDS magic)"};
    if (size < kHeaderSize)
        return Error{name, "truncated dataset file: " + std::to_string(size) + " bytes, the header alone needs "
                               + std::to_string(kHeaderSize)};
    ByteReader header(data + 4, kHeaderSize - 4);
    const auto version = header.get<std::uint32_t>();
    const auto payloadSize = header.get<std::uint64_t>();
    const auto checksum = header.get<std::uint64_t>();
    if (version > kVersion)
        return Error{name, "dataset file format version " + std::to_string(version)
                               + " was written by a newer Groovescape; this build reads up to version "
                               + std::to_string(kVersion)};
    if (version == 0)
        return Error{name, "corrupt dataset file: format version 0"};
    if (payloadSize != size - kHeaderSize)
        return Error{name, (payloadSize > size - kHeaderSize ? "truncated" : "corrupt") + std::string(" dataset file: ")
                               + std::to_string(size - kHeaderSize) + " bytes of data where the header says "
                               + std::to_string(payloadSize)};
    const std::uint8_t* payload = data + kHeaderSize;
    if (fnv1a64(payload, payloadSize) != checksum)
        return Error{name, "corrupt dataset file: checksum mismatch"};

    ByteReader r(payload, payloadSize);
    std::string why;
    ImportSettings settings;
    if (!readSettings(r, settings, version, name, why))
        return Error{name, "corrupt dataset file: " + (why.empty() ? "bad settings" : why)};
    Dataset dataset(std::move(settings));
    dataset.setDuplicatesDropped(r.get<std::int32_t>());
    dataset.setLowHitWindowsDropped(r.get<std::int32_t>());
    const auto files = r.get<std::uint32_t>();
    if (r.failed() || files > r.remaining() / kMinFileRecordBytes)
        return Error{name, "corrupt dataset file: " + std::to_string(files) + " file records cannot fit in "
                               + std::to_string(r.remaining()) + " bytes"};
    // Grown as records are read, never sized from the count: whatever a file claims, memory follows the bytes.
    dataset.files().reserve(std::min<std::size_t>(files, 4096));
    for (std::uint32_t i = 0; i < files; ++i) {
        FileRecord f;
        if (!readFile(r, f, version, why))
            return Error{name, "corrupt dataset file: " + (why.empty() ? std::string("bad file record") : why)};
        dataset.files().push_back(std::move(f));
    }
    const auto windows = r.get<std::uint32_t>();
    if (r.failed() || windows > r.remaining() / kMinWindowBytes)
        return Error{name, "corrupt dataset file: " + std::to_string(windows) + " windows cannot fit in "
                               + std::to_string(r.remaining()) + " bytes"};
    dataset.windows().reserve(std::min<std::size_t>(windows, 4096));
    std::uint64_t budget = denseBudget(size);
    const int mapVoices = dataset.settings().map.voiceCount();
    for (std::uint32_t i = 0; i < windows; ++i) {
        DatasetWindow w;
        if (!readWindow(r, w, int(files), mapVoices, budget, why))
            return Error{name, "corrupt dataset file: " + (why.empty() ? std::string("truncated window") : why)};
        dataset.windows().push_back(std::move(w));
    }
    if (r.remaining() != 0)
        return Error{name, "corrupt dataset file: " + std::to_string(r.remaining()) + " stray bytes at the end"};
    dataset.syncWindowsFromFiles();
    return dataset;
}

Status DatasetFile::save(const Dataset& dataset, const std::string& path)
{
    return writeFileAtomically(path, encode(dataset));
}

Result<Dataset> DatasetFile::load(const std::string& path)
{
    auto bytes = readFileBytes(path, kMaxFileBytes, "dataset file");
    if (!bytes)
        return bytes.error();
    return decode(bytes->data(), bytes->size(), path);
}

} // namespace gs
