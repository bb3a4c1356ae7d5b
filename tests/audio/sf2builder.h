#pragma once
// A small, valid SoundFont 2 written by the tests: one bank-128 preset with one
// instrument whose zones put a short decaying tone on each of the given keys
// (exclusive class 1 on the hats), so malformed variants can be made from it.
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gs::test {

class Sf2Builder {
public:
    using Bytes = std::vector<std::uint8_t>;

    using Generators = std::vector<std::pair<std::uint16_t, std::int16_t>>;

    // `zoneGens` are added to every zone (e.g. volume envelope generators); `length` frames of tone
    // per key, fading by exp(-i / fadeFrames) (0: a steady tone).
    static Bytes build(const std::vector<int>& keys = {36, 38, 42, 46}, const Generators& zoneGens = {},
                       std::uint32_t length = 2400, double fadeFrames = 600.0)
    {
        const std::size_t gensPerZone = 3 + zoneGens.size();
        Bytes smpl, shdr, igen, ibag, pgen, pbag, phdr, inst;
        std::uint32_t start = 0;
        for (std::size_t z = 0; z < keys.size(); ++z) {
            // Bag z starts at generator index z * gensPerZone: keyRange, exclusiveClass, zoneGens, sampleID.
            put16(ibag, std::uint16_t(z * gensPerZone));
            put16(ibag, 0);
            put16(igen, 43), put16(igen, std::uint16_t(keys[z] | keys[z] << 8));
            put16(igen, 57), put16(igen, keys[z] == 42 || keys[z] == 46 ? 1 : 0);
            for (const auto& [op, amount] : zoneGens)
                put16(igen, op), put16(igen, std::uint16_t(amount));
            put16(igen, 53), put16(igen, std::uint16_t(z));
            for (std::uint32_t i = 0; i < length + 46; ++i) {
                const double fade = fadeFrames > 0.0 ? std::exp(-double(i) / fadeFrames) : 1.0;
                const double v = i < length ? 0.5 * std::sin(i * 0.05 * double(z + 1)) * fade : 0.0;
                put16(smpl, std::uint16_t(std::int16_t(std::lround(v * 32767.0))));
            }
            name(shdr, "tone" + std::to_string(keys[z]));
            put32(shdr, start), put32(shdr, start + length), put32(shdr, start + 8), put32(shdr, start + length - 8);
            put32(shdr, 48000);
            shdr.push_back(std::uint8_t(keys[z])), shdr.push_back(0);
            put16(shdr, 0), put16(shdr, 1);
            start += length + 46;
        }
        put16(ibag, std::uint16_t(keys.size() * gensPerZone)), put16(ibag, 0);
        put16(igen, 0), put16(igen, 0);  // terminal
        name(shdr, "EOS");
        for (int i = 0; i < 26; ++i)
            shdr.push_back(0);
        name(inst, "Drums"), put16(inst, 0);
        name(inst, "EOI"), put16(inst, std::uint16_t(keys.size()));
        put16(pgen, 41), put16(pgen, 0);  // instrument 0
        put16(pgen, 0), put16(pgen, 0);  // terminal
        put16(pbag, 0), put16(pbag, 0), put16(pbag, 1), put16(pbag, 0);
        name(phdr, "Test Kit"), put16(phdr, 0), put16(phdr, 128), put16(phdr, 0), put32(phdr, 0), put32(phdr, 0), put32(phdr, 0);
        name(phdr, "EOP"), put16(phdr, 0), put16(phdr, 0), put16(phdr, 1), put32(phdr, 0), put32(phdr, 0), put32(phdr, 0);
        const Bytes mod(10, 0);
        Bytes info = chunk("ifil", {2, 0, 1, 0});
        Bytes body = list("INFO", info);
        append(body, list("sdta", chunk("smpl", smpl)));
        Bytes pdta;
        for (const auto& [id, data] : std::vector<std::pair<const char*, Bytes>>{{"phdr", phdr}, {"pbag", pbag}, {"pmod", mod},
                 {"pgen", pgen}, {"inst", inst}, {"ibag", ibag}, {"imod", mod}, {"igen", igen}, {"shdr", shdr}})
            append(pdta, chunk(id, data));
        append(body, list("pdta", pdta));
        Bytes riff = {'s', 'f', 'b', 'k'};
        append(riff, body);
        return chunk("RIFF", riff);
    }

    // The offset of a chunk's 4-byte size field (the first chunk with this id), or npos.
    static std::size_t sizeField(const Bytes& file, const std::string& id)
    {
        for (std::size_t i = 0; i + 8 <= file.size(); ++i)
            if (std::string(file.begin() + std::ptrdiff_t(i), file.begin() + std::ptrdiff_t(i) + 4) == id)
                return i + 4;
        return std::string::npos;
    }
    static void set32(Bytes& file, std::size_t at, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            file[at + std::size_t(i)] = std::uint8_t(v >> (8 * i));
    }
    static std::uint32_t get32(const Bytes& file, std::size_t at)
    {
        return std::uint32_t(file[at]) | std::uint32_t(file[at + 1]) << 8 | std::uint32_t(file[at + 2]) << 16 | std::uint32_t(file[at + 3]) << 24;
    }

private:
    static void put16(Bytes& b, std::uint16_t v) { b.push_back(std::uint8_t(v)), b.push_back(std::uint8_t(v >> 8)); }
    static void put32(Bytes& b, std::uint32_t v) { put16(b, std::uint16_t(v)), put16(b, std::uint16_t(v >> 16)); }
    static void name(Bytes& b, const std::string& s)
    {
        for (std::size_t i = 0; i < 20; ++i)
            b.push_back(i < s.size() ? std::uint8_t(s[i]) : 0);
    }
    static void append(Bytes& a, const Bytes& b) { a.insert(a.end(), b.begin(), b.end()); }
    static Bytes chunk(const std::string& id, const Bytes& data)
    {
        Bytes out(id.begin(), id.end());
        put32(out, std::uint32_t(data.size()));
        append(out, data);
        if (data.size() & 1)
            out.push_back(0);
        return out;
    }
    static Bytes list(const std::string& type, const Bytes& data)
    {
        Bytes inner(type.begin(), type.end());
        append(inner, data);
        return chunk("LIST", inner);
    }
};

} // namespace gs::test
