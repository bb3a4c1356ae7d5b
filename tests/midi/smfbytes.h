#pragma once
// Builds Standard MIDI File bytes by hand for tests: exact control over every
// byte, including the broken ones.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace gs::test {

using Bytes = std::vector<std::uint8_t>;

inline void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

inline Bytes u32(std::uint32_t v) { return {std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)}; }

inline Bytes vlq(std::uint32_t v)
{
    Bytes rev{std::uint8_t(v & 0x7F)};
    while ((v >>= 7) != 0)
        rev.push_back(std::uint8_t(0x80 | (v & 0x7F)));
    return Bytes(rev.rbegin(), rev.rend());
}

inline Bytes chunk(const char* id, const Bytes& body)
{
    Bytes out(id, id + 4);
    append(out, u32(std::uint32_t(body.size())));
    append(out, body);
    return out;
}

inline Bytes header(int format, int tracks, int division)
{
    return chunk("MThd", {0, std::uint8_t(format), std::uint8_t(tracks >> 8), std::uint8_t(tracks),
                          std::uint8_t(division >> 8), std::uint8_t(division)});
}

// A track body from events already encoded (delta + message), with End of Track appended.
inline Bytes track(std::initializer_list<Bytes> events)
{
    Bytes body;
    for (const Bytes& e : events)
        append(body, e);
    append(body, {0x00, 0xFF, 0x2F, 0x00});
    return chunk("MTrk", body);
}

inline Bytes msg(std::uint32_t delta, const Bytes& message)
{
    Bytes out = vlq(delta);
    append(out, message);
    return out;
}

inline Bytes tempo(std::uint32_t delta, double bpm)
{
    const auto us = std::uint32_t(60e6 / bpm + 0.5);
    return msg(delta, {0xFF, 0x51, 0x03, std::uint8_t(us >> 16), std::uint8_t(us >> 8), std::uint8_t(us)});
}

inline Bytes timeSignature(std::uint32_t delta, int numerator, int log2Denominator)
{
    return msg(delta, {0xFF, 0x58, 0x04, std::uint8_t(numerator), std::uint8_t(log2Denominator), 24, 8});
}

inline Bytes smf(int format, int division, std::initializer_list<Bytes> tracks)
{
    Bytes out = header(format, int(tracks.size()), division);
    for (const Bytes& t : tracks)
        append(out, t);
    return out;
}

} // namespace gs::test
