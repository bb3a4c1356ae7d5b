#include "sf2reader.h"

namespace gs {

namespace {

std::uint16_t le16(const std::uint8_t* p) { return std::uint16_t(p[0] | p[1] << 8); }
std::uint32_t le32(const std::uint8_t* p) { return std::uint32_t(le16(p)) | std::uint32_t(le16(p + 2)) << 16; }

std::string name20(const std::uint8_t* p)
{
    std::string s;
    for (int i = 0; i < 20 && p[i]; ++i)
        s += p[i] >= 32 && p[i] < 127 ? char(p[i]) : '?';
    return s;
}

constexpr std::uint64_t kMaxPdtaChunk = 64u << 20;

struct Records {
    std::vector<std::uint8_t> data;
    std::size_t count = 0;
    std::size_t size = 0;
    const std::uint8_t* at(std::size_t i) const { return data.data() + i * size; }
};

Result<Records> records(RiffFile& file, const std::vector<RiffChunk>& pdta, const char* id, std::size_t size, std::size_t minCount)
{
    const RiffChunk* c = findChunk(pdta, id);
    if (!c)
        return Error{file.path(), "SoundFont has no '" + std::string(id) + "' chunk"};
    if (c->size % size != 0 || c->size / size < minCount || c->size > kMaxPdtaChunk)
        return Error{file.path(), "chunk '" + std::string(id) + "' has size " + std::to_string(c->size) +
                                      " (must be a multiple of " + std::to_string(size) + ", at least " +
                                      std::to_string(minCount) + " records)"};
    auto data = file.read(c->offset, c->size, "chunk '" + std::string(id) + "'");
    if (!data)
        return data.error();
    return Records{std::move(*data), std::size_t(c->size / size), size};
}

// Zones [firstBag, endBag) of bags `bags` whose generators index `gens`; `terminal` is the
// generator every non-global zone ends with (41 instrument, 53 sampleID).
Result<std::pair<std::optional<Sf2Zone>, std::vector<Sf2Zone>>> zones(const std::string& path, const char* bagId,
    const Records& bags, const Records& gens, std::size_t firstBag, std::size_t endBag, int terminal, std::size_t targets)
{
    if (firstBag > endBag || endBag >= bags.count)
        return Error{path, "chunk '" + std::string(bagId) + "': zone index " + std::to_string(endBag) + " out of range"};
    std::pair<std::optional<Sf2Zone>, std::vector<Sf2Zone>> out;
    for (std::size_t b = firstBag; b < endBag; ++b) {
        const std::size_t g0 = le16(bags.at(b)), g1 = le16(bags.at(b + 1));
        if (g0 > g1 || g1 >= gens.count)
            return Error{path, "chunk '" + std::string(bagId) + "': generator index " + std::to_string(g1) + " out of range"};
        Sf2Zone zone;
        bool hasTerminal = false;
        for (std::size_t g = g0; g < g1; ++g) {
            const int op = le16(gens.at(g));
            const auto amount = std::int16_t(le16(gens.at(g) + 2));
            if (op < 64)
                zone.gen[std::size_t(op)] = amount;
            if (op == terminal) {
                if (std::uint16_t(amount) >= targets)
                    return Error{path, "chunk '" + std::string(bagId) + "': a zone points to " + std::to_string(std::uint16_t(amount)) +
                                           ", out of range (" + std::to_string(targets) + ")"};
                hasTerminal = true;
            }
        }
        if (hasTerminal)
            out.second.push_back(zone);
        else if (b == firstBag)
            out.first = zone;  // the global zone: defaults for the others
    }
    return out;
}

} // namespace

std::pair<int, int> Sf2Zone::range(int op) const
{
    const auto v = get(op);
    if (!v)
        return {0, 127};
    const auto u = std::uint16_t(*v);
    return {u & 0xFF, u >> 8};
}

Result<Sf2File> readSf2(RiffFile& file)
{
    auto top = file.children(file.root());
    if (!top)
        return top.error();
    const RiffChunk* sdta = findChunk(*top, "sdta");
    const RiffChunk* pdtaList = findChunk(*top, "pdta");
    if (!sdta || !pdtaList)
        return Error{file.path(), std::string("SoundFont has no '") + (sdta ? "pdta" : "sdta") + "' list"};
    auto sdtaChunks = file.children(*sdta);
    if (!sdtaChunks)
        return sdtaChunks.error();
    const RiffChunk* smpl = findChunk(*sdtaChunks, "smpl");
    if (!smpl)
        return Error{file.path(), "SoundFont has no 'smpl' chunk (no sample data)"};
    auto pdta = file.children(*pdtaList);
    if (!pdta)
        return pdta.error();
    auto phdr = records(file, *pdta, "phdr", 38, 2);
    auto pbag = records(file, *pdta, "pbag", 4, 1);
    auto pgen = records(file, *pdta, "pgen", 4, 1);
    auto inst = records(file, *pdta, "inst", 22, 2);
    auto ibag = records(file, *pdta, "ibag", 4, 1);
    auto igen = records(file, *pdta, "igen", 4, 1);
    auto shdr = records(file, *pdta, "shdr", 46, 2);
    for (const auto* r : {&phdr, &pbag, &pgen, &inst, &ibag, &igen, &shdr})
        if (!*r)
            return r->error();

    Sf2File out;
    out.smplOffset = smpl->offset;
    out.smplPoints = smpl->size / 2;
    for (std::size_t s = 0; s + 1 < shdr->count; ++s) {
        const std::uint8_t* p = shdr->at(s);
        Sf2Sample sample;
        sample.name = name20(p);
        sample.start = le32(p + 20);
        sample.end = le32(p + 24);
        sample.sampleRate = le32(p + 36);
        sample.originalPitch = p[40];
        sample.pitchCorrection = std::int8_t(p[41]);
        sample.link = le16(p + 42);
        sample.type = le16(p + 44);
        out.samples.push_back(sample);
    }
    for (std::size_t i = 0; i + 1 < inst->count; ++i) {
        auto z = zones(file.path(), "ibag", *ibag, *igen, le16(inst->at(i) + 20), le16(inst->at(i + 1) + 20),
                       sf2::SampleId, out.samples.size());
        if (!z)
            return z.error();
        out.instruments.push_back({name20(inst->at(i)), std::move(z->first), std::move(z->second)});
    }
    for (std::size_t i = 0; i + 1 < phdr->count; ++i) {
        const std::uint8_t* p = phdr->at(i);
        auto z = zones(file.path(), "pbag", *pbag, *pgen, le16(p + 24), le16(phdr->at(i + 1) + 24), sf2::Instrument,
                       out.instruments.size());
        if (!z)
            return z.error();
        out.presets.push_back({name20(p), le16(p + 20), le16(p + 22), std::move(z->first), std::move(z->second)});
    }
    return out;
}

} // namespace gs
