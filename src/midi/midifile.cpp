#include "midifile.h"

#include "chunkreader.h"
#include "trackparser.h"

#include "core/filereader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace gs {

namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t(64) << 20;  // the largest real SMFs are a few MB

Error failure(const std::string& name, const std::string& message) { return Error{name, message}; }

bool hasId(const ChunkReader& in, const char* id)
{
    return in.remaining() >= 4 && std::memcmp(in.current(), id, 4) == 0;
}

std::string printableStart(const std::uint8_t* data, std::size_t size)
{
    std::string text;
    for (std::size_t i = 0; i < size && i < 8; ++i)
        text += (data[i] >= 0x20 && data[i] < 0x7F) ? char(data[i]) : '.';
    return text;
}

// A RIFF RMID file wraps a whole SMF in its "data" chunk; find it.
Result<ChunkReader> unwrapRiff(ChunkReader in, const std::string& name)
{
    std::uint32_t riffSize = 0;
    in.skip(4);
    if (!in.readU32le(riffSize) || !hasId(in, "RMID"))
        return failure(name, "a RIFF file that is not RIFF MIDI (no RMID form type)");
    in.skip(4);
    while (in.remaining() >= 8) {
        const bool isData = hasId(in, "data");
        const std::size_t at = in.offset();
        std::uint32_t length = 0;
        in.skip(4);
        in.readU32le(length);
        ChunkReader chunk(nullptr, 0);
        if (!in.sub(length, chunk)) {
            if (!isData)
                break;
            return failure(name, "truncated RMID data chunk at byte " + std::to_string(at) + " ("
                                     + std::to_string(length) + " bytes declared, " + std::to_string(in.remaining())
                                     + " present)");
        }
        if (isData)
            return chunk;
        in.skip(length & 1u);  // RIFF chunks are padded to an even size
    }
    return failure(name, "RIFF MIDI file without a data chunk");
}

// Keeps the last of several changes at one tick (format 1 files often repeat
// the tempo and meter in every track).
template <typename Change>
void sortAndDedupe(std::vector<Change>& changes)
{
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.tick < b.tick; });
    std::vector<Change> kept;
    kept.reserve(changes.size());
    for (const Change& c : changes) {
        if (!kept.empty() && kept.back().tick == c.tick)
            kept.back() = c;
        else
            kept.push_back(c);
    }
    changes.swap(kept);
}

} // namespace

double MidiFile::bpmAt(std::int64_t tick) const
{
    double bpm = 120.0;
    for (const TempoChange& t : tempos) {
        if (t.tick > tick)
            break;
        bpm = t.bpm();
    }
    return bpm;
}

Meter MidiFile::meterAt(std::int64_t tick) const
{
    Meter meter;
    for (const MeterChange& m : meters) {
        if (m.tick > tick)
            break;
        meter = m.meter;
    }
    return meter;
}

double MidiFile::secondsAt(std::int64_t tick) const
{
    double seconds = 0.0;
    double usPerQuarter = 500000.0;
    std::int64_t at = 0;
    for (const TempoChange& t : tempos) {
        if (t.tick >= tick)
            break;
        seconds += double(t.tick - at) * usPerQuarter / ticksPerQuarter / 1e6;
        at = t.tick;
        usPerQuarter = t.microsecondsPerQuarter;
    }
    return seconds + double(tick - at) * usPerQuarter / ticksPerQuarter / 1e6;
}

Result<MidiFile> parseMidi(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    if (size == 0)
        return failure(name, "empty file (0 bytes)");
    ChunkReader in(data, size);
    if (hasId(in, "RIFF")) {
        Result<ChunkReader> inner = unwrapRiff(in, name);
        if (!inner)
            return inner.error();
        in = inner.value();
    }
    if (!hasId(in, "MThd"))
        return failure(name, "not a MIDI file (no MThd header; it starts with \""
                                 + printableStart(in.current(), in.remaining()) + "\")");
    std::uint32_t headerLength = 0, format = 0, tracks = 0, division = 0;
    in.skip(4);
    if (!in.readU32(headerLength) || in.remaining() < std::min<std::uint32_t>(headerLength, 6))
        return failure(name, "truncated MThd header");
    if (headerLength < 6)
        return failure(name, "MThd header of " + std::to_string(headerLength) + " bytes (6 expected)");
    if (in.remaining() < headerLength)
        return failure(name, "truncated MThd header (" + std::to_string(headerLength) + " bytes declared)");
    ChunkReader header(nullptr, 0);
    in.sub(headerLength, header);  // a longer header is allowed: its extra bytes are skipped
    header.readU16(format);
    header.readU16(tracks);
    header.readU16(division);
    if (format == 2)
        return failure(name, "SMF format 2 (independent sequences) is not supported; export as format 0 or 1");
    if (format > 2)
        return failure(name, "unknown SMF format " + std::to_string(format));
    if (division & 0x8000u) {
        const int fps = -int(std::int8_t(division >> 8));
        return failure(name, "SMPTE time division (" + std::to_string(fps) + " frames/s) is not supported: "
                                 "drum grooves need ticks per quarter note; re-export the file with musical (PPQ) timing");
    }
    if (division == 0)
        return failure(name, "0 ticks per quarter note in the MThd header");

    MidiFile file;
    file.format = int(format);
    file.ticksPerQuarter = int(division);
    file.notes.reserve(std::min<std::size_t>(size / 6, std::size_t(1) << 16));  // about one note per 6 bytes
    int found = 0;
    while (found < int(tracks)) {
        if (in.remaining() < 8) {
            return failure(name, "the header declares " + std::to_string(tracks) + " tracks but the file holds "
                                     + std::to_string(found) + " (truncated file?)");
        }
        const std::size_t at = in.offset();
        const bool isTrack = hasId(in, "MTrk");
        const std::string id = printableStart(in.current(), 4);
        std::uint32_t length = 0;
        in.skip(4);
        in.readU32(length);
        ChunkReader chunk(nullptr, 0);
        if (!in.sub(length, chunk)) {
            return failure(name, "truncated chunk \"" + id + "\" at byte " + std::to_string(at) + ": it declares "
                                     + std::to_string(length) + " bytes, " + std::to_string(in.remaining())
                                     + " are present");
        }
        if (!isTrack)
            continue;  // unknown chunks are skipped, as the SMF spec asks
        file.trackNames.emplace_back();
        TrackParser parser(file, found);
        Status parsed = parser.parse(chunk);
        if (!parsed)
            return failure(name, parsed.error().message);
        ++found;
    }
    // Bytes after the last declared track (padding, a stray byte) are ignored.
    file.trackCount = found;
    if (found > 1) {
        std::stable_sort(file.notes.begin(), file.notes.end(),
                         [](const MidiNote& a, const MidiNote& b) { return a.tick < b.tick; });
    }
    sortAndDedupe(file.tempos);
    sortAndDedupe(file.meters);
    return file;
}

Result<MidiFile> readMidiFile(const std::string& path)
{
    auto bytes = readFileBytes(path, kMaxFileBytes, "MIDI file");
    if (!bytes)
        return bytes.error();
    return parseMidi(bytes->data(), bytes->size(), path);
}

} // namespace gs
