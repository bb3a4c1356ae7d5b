#include "trackparser.h"

#include <cstdio>

namespace gs {

namespace {

// Ticks past this are not music any more; refusing them keeps later
// arithmetic (ticks x steps per beat x 4) far from overflow.
constexpr std::int64_t kMaxTick = std::int64_t(1) << 40;

std::string hex(unsigned value)
{
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", value & 0xFFu);
    return text;
}

int dataBytes(std::uint8_t status)
{
    const std::uint8_t kind = status & 0xF0u;
    return (kind == 0xC0 || kind == 0xD0) ? 1 : 2;
}

} // namespace

TrackParser::TrackParser(MidiFile& file, int track)
    : m_file(file)
    , m_track(track)
{
    m_head.fill(-1);
    m_tail.fill(-1);
    m_firstNote = file.notes.size();
}

Status TrackParser::fail(std::size_t at, const std::string& what) const
{
    return Error{"", "track " + std::to_string(m_track + 1) + ": " + what + " at byte " + std::to_string(at)};
}

Status TrackParser::parse(ChunkReader in)
{
    std::uint8_t running = 0;  // 0: no running status yet
    while (!in.atEnd()) {
        const std::size_t eventAt = in.offset();
        std::uint32_t delta = 0;
        switch (in.readVlq(delta)) {
        case ChunkReader::Vlq::Ok:
            break;
        case ChunkReader::Vlq::Truncated:
            return fail(eventAt, "truncated delta time (the track chunk ends inside it)");
        case ChunkReader::Vlq::TooLong:
            return fail(eventAt, "bad variable-length delta time (more than 4 bytes)");
        }
        m_tick += delta;
        if (m_tick > kMaxTick)
            return fail(eventAt, "implausible event time (tick " + std::to_string(m_tick) + ")");
        if (m_tick > m_file.lengthTicks)
            m_file.lengthTicks = m_tick;

        const std::size_t statusAt = in.offset();
        std::uint8_t byte = 0;
        if (!in.readU8(byte))
            return fail(statusAt, "truncated event: a delta time with no event after it");

        if (byte < 0x80) {
            // Running status: the byte is the first data byte of a repeat of the last message.
            if (running == 0)
                return fail(statusAt, "data byte " + hex(byte) + " where a status byte was expected (no running status)");
            Status s = channelMessage(in, running, byte, statusAt);
            if (!s)
                return s;
        } else if (byte < 0xF0) {
            running = byte;
            std::uint8_t first = 0;
            if (!in.readU8(first))
                return fail(statusAt, "truncated " + hex(byte) + " message");
            Status s = channelMessage(in, byte, first, statusAt);
            if (!s)
                return s;
        } else if (byte == 0xFF) {
            // Meta and sysex events keep running status: the SMF spec says
            // they cancel it, but real files (and their players) rely on it.
            bool end = false;
            Status s = metaEvent(in, statusAt, end);
            if (!s)
                return s;
            if (end)
                break;  // bytes after End of Track are ignored
        } else if (byte == 0xF0 || byte == 0xF7) {
            std::uint32_t length = 0;
            if (in.readVlq(length) != ChunkReader::Vlq::Ok)
                return fail(statusAt, "bad or truncated sysex length");
            if (!in.skip(length))
                return fail(statusAt, "truncated sysex event (" + std::to_string(length) + " bytes declared, "
                                          + std::to_string(in.remaining()) + " left in the track)");
        } else if (byte == 0xF4 || byte == 0xF5) {
            return fail(statusAt, "undefined MIDI status byte " + hex(byte) + " (its length is unknown)");
        } else {
            // System common / real-time bytes do not belong in a file, but their lengths are known.
            const int length = byte == 0xF2 ? 2 : (byte == 0xF1 || byte == 0xF3) ? 1 : 0;
            for (int i = 0; i < length; ++i) {
                std::uint8_t d = 0;
                if (!in.readU8(d))
                    return fail(statusAt, "truncated " + hex(byte) + " message");
                if (d > 0x7F)
                    return fail(statusAt, "data byte " + hex(d) + " > 127 in a " + hex(byte) + " message");
            }
        }
    }
    return success();
}

Status TrackParser::channelMessage(ChunkReader& in, std::uint8_t status, std::uint8_t first, std::size_t at)
{
    if (first > 0x7F)
        return fail(at, "data byte " + hex(first) + " > 127 in a " + hex(status) + " message");
    std::uint8_t second = 0;
    if (dataBytes(status) == 2) {
        if (!in.readU8(second))
            return fail(at, "truncated " + hex(status) + " message");
        if (second > 0x7F)
            return fail(at, "data byte " + hex(second) + " > 127 in a " + hex(status) + " message");
    }
    const int channel = status & 0x0F;
    const std::uint8_t kind = status & 0xF0u;
    if (kind == 0x90 && second > 0)
        noteOn(channel, first, second);
    else if (kind == 0x80 || kind == 0x90)
        noteOff(channel, first);
    return success();
}

Status TrackParser::metaEvent(ChunkReader& in, std::size_t at, bool& endOfTrack)
{
    std::uint8_t type = 0;
    if (!in.readU8(type))
        return fail(at, "truncated meta event");
    std::uint32_t length = 0;
    if (in.readVlq(length) != ChunkReader::Vlq::Ok)
        return fail(at, "bad or truncated meta event length");
    ChunkReader data(nullptr, 0);
    if (!in.sub(length, data))
        return fail(at, "truncated meta event " + hex(type) + " (" + std::to_string(length) + " bytes declared, "
                            + std::to_string(in.remaining()) + " left in the track)");
    const std::uint8_t* p = data.current();
    switch (type) {
    case 0x2F:
        endOfTrack = true;
        break;
    case 0x51: {
        if (length != 3)
            return fail(at, "tempo event with " + std::to_string(length) + " data bytes (3 expected)");
        const std::uint32_t us = (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | p[2];
        if (us == 0)
            return fail(at, "tempo event of 0 microseconds per quarter note");
        m_file.tempos.push_back(TempoChange{m_tick, double(us)});
        break;
    }
    case 0x58: {
        if (length < 2)
            return fail(at, "time signature event with " + std::to_string(length) + " data bytes (4 expected)");
        Meter meter;
        meter.numerator = p[0];
        meter.denominator = p[1] <= 6 ? (1 << p[1]) : 0;
        if (!meter.valid())
            return fail(at, "unsupported time signature " + std::to_string(p[0]) + "/"
                                + (meter.denominator ? std::to_string(meter.denominator) : "2^" + std::to_string(p[1]))
                                + " (numerator 1..32, denominator 1..16)");
        m_file.meters.push_back(MeterChange{m_tick, meter});
        break;
    }
    case 0x03:
        if (!m_hasName) {
            m_file.trackNames[std::size_t(m_track)].assign(reinterpret_cast<const char*>(p), length);
            m_hasName = true;
        }
        break;
    default:
        break;  // text, lyrics, markers, SMPTE offset, key signature, sequencer data: not needed
    }
    return success();
}

void TrackParser::noteOn(int channel, int note, int velocity)
{
    const int index = int(m_file.notes.size());
    MidiNote n;
    n.tick = m_tick;
    n.endTick = m_tick + 1;
    n.channel = channel;
    n.note = note;
    n.velocity = velocity;
    n.track = m_track;
    m_file.notes.push_back(n);
    m_next.push_back(-1);
    const std::size_t key = std::size_t(channel) * 128 + std::size_t(note);
    if (m_tail[key] >= 0)
        m_next[std::size_t(m_tail[key]) - m_firstNote] = index;
    else
        m_head[key] = index;
    m_tail[key] = index;
}

void TrackParser::noteOff(int channel, int note)
{
    const std::size_t key = std::size_t(channel) * 128 + std::size_t(note);
    const int oldest = m_head[key];
    if (oldest < 0)
        return;  // a note-off with no note sounding: harmless
    MidiNote& n = m_file.notes[std::size_t(oldest)];
    n.endTick = m_tick > n.tick ? m_tick : n.tick + 1;
    m_head[key] = m_next[std::size_t(oldest) - m_firstNote];
    if (m_head[key] < 0)
        m_tail[key] = -1;
}

} // namespace gs
