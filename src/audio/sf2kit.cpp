// SoundFont 2 drum kits (declared in kitloader.h), read into our own sampler:
// one drum preset (bank 128; a file without one, like the avldrums kits, has
// its presets played as kits), its zones by key and velocity range, 16-bit
// sample data, root key and tuning, initial attenuation and pan, exclusive
// classes as choke groups, and the volume envelope baked into each zone's
// sample (sf2envelope.h). Loop points are ignored: drums are one-shots.
#include "kitloader.h"
#include "keynames.h"
#include "kitregions.h"
#include "samplefile.h"
#include "sf2envelope.h"
#include "sf2reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <tuple>

namespace gs {

namespace {

constexpr std::uint32_t kMaxSamplePoints = 60u * 192000u;

// A generator of the instrument zone (or its global zone), plus the preset zone's (or its global's) where additive.
struct Gens {
    const Sf2Zone& zone;
    const std::optional<Sf2Zone>& global;
    const Sf2Zone& presetZone;
    const std::optional<Sf2Zone>& presetGlobal;

    int inst(int op, int fallback) const
    {
        if (auto v = zone.get(op))
            return *v;
        if (global)
            if (auto v = global->get(op))
                return *v;
        return fallback;
    }
    int preset(int op) const
    {
        if (auto v = presetZone.get(op))
            return *v;
        if (presetGlobal)
            if (auto v = presetGlobal->get(op))
                return *v;
        return 0;
    }
    int sum(int op, int fallback) const { return inst(op, fallback) + preset(op); }
    std::pair<int, int> range(int op) const
    {
        auto pick = [op](const Sf2Zone& z, const std::optional<Sf2Zone>& g) {
            return z.get(op) ? z.range(op) : g ? g->range(op) : std::pair<int, int>{0, 127};
        };
        const auto a = pick(zone, global), b = pick(presetZone, presetGlobal);
        return {std::max(a.first, b.first), std::min(a.second, b.second)};
    }
};

std::string presetList(const std::vector<const Sf2Preset*>& presets)
{
    std::string s;
    for (const Sf2Preset* p : presets)
        s += (s.empty() ? "" : ", ") + std::to_string(p->preset) + " " + p->name;
    return s;
}

class SampleReader {
public:
    SampleReader(RiffFile& file, const Sf2File& sf2, double rate) : m_file(file), m_sf2(sf2), m_rate(rate) {}

    // Mono, or a left/right pair as one stereo sample. Cached per (start, end, partner).
    Result<std::shared_ptr<const SampleData>> load(const Sf2Sample& left, std::int64_t startOffset, std::int64_t endOffset,
                                                   const Sf2Sample* right)
    {
        const auto key = std::make_tuple(&left, startOffset, endOffset, right);
        if (auto it = m_cache.find(key); it != m_cache.end())
            return it->second;
        auto l = points(left, startOffset, endOffset);
        if (!l)
            return l.error();
        std::vector<float> r;
        if (right) {
            auto rr = points(*right, startOffset, endOffset);
            if (!rr)
                return rr.error();
            r = std::move(*rr);
        }
        std::vector<float> stereo(l->size() * 2);
        for (std::size_t i = 0; i < l->size(); ++i) {
            stereo[i * 2] = (*l)[i];
            stereo[i * 2 + 1] = right ? (i < r.size() ? r[i] : 0.0f) : (*l)[i];
        }
        auto data = makeSampleData(std::move(stereo), double(left.sampleRate), m_rate, m_file.path() + "#" + left.name);
        if (data)
            m_cache.emplace(key, *data);
        return data;
    }

private:
    Result<std::vector<float>> points(const Sf2Sample& s, std::int64_t startOffset, std::int64_t endOffset)
    {
        const std::int64_t start = std::int64_t(s.start) + startOffset, end = std::int64_t(s.end) + endOffset;
        if (start < 0 || end <= start || std::uint64_t(end) > m_sf2.smplPoints || end - start > kMaxSamplePoints)
            return Error{m_file.path(), "sample \"" + s.name + "\" (" + std::to_string(start) + ".." + std::to_string(end) +
                                            ") lies outside the 'smpl' chunk (" + std::to_string(m_sf2.smplPoints) + " points)"};
        auto bytes = m_file.read(m_sf2.smplOffset + std::uint64_t(start) * 2, std::uint64_t(end - start) * 2,
                                 "sample \"" + s.name + "\"");
        if (!bytes)
            return bytes.error();
        std::vector<float> out(std::size_t(end - start));
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = float(std::int16_t(std::uint16_t((*bytes)[i * 2] | (*bytes)[i * 2 + 1] << 8))) / 32768.0f;
        return out;
    }

    RiffFile& m_file;
    const Sf2File& m_sf2;
    double m_rate;
    std::map<std::tuple<const Sf2Sample*, std::int64_t, std::int64_t, const Sf2Sample*>, std::shared_ptr<const SampleData>> m_cache;
};

} // namespace

Result<std::shared_ptr<const Kit>> loadSf2Kit(const std::string& sf2Path, double sampleRate, int presetNumber)
{
    auto file = RiffFile::open(sf2Path, "sfbk");
    if (!file)
        return file.error();
    auto sf2 = readSf2(*file);
    if (!sf2)
        return sf2.error();
    KitReport report;
    std::vector<const Sf2Preset*> drums;
    for (const Sf2Preset& p : sf2->presets)
        if (p.bank == 128)
            drums.push_back(&p);
    if (drums.empty())
        for (const Sf2Preset& p : sf2->presets)
            drums.push_back(&p);
    if (drums.empty())
        return Error{sf2Path, "SoundFont has no presets"};
    std::stable_sort(drums.begin(), drums.end(), [](const Sf2Preset* a, const Sf2Preset* b) { return a->preset < b->preset; });
    const Sf2Preset* chosen = drums.front();
    if (presetNumber >= 0) {
        auto it = std::find_if(drums.begin(), drums.end(), [&](const Sf2Preset* p) { return p->preset == presetNumber; });
        if (it == drums.end())
            return Error{sf2Path, "no drum preset " + std::to_string(presetNumber) + "; the file has: " + presetList(drums)};
        chosen = *it;
    }
    if (chosen->bank != 128)
        report.warnings.push_back(sf2Path + ": no bank-128 drum preset; preset " + std::to_string(chosen->preset) + " \"" +
                                  chosen->name + "\" (bank " + std::to_string(chosen->bank) + ") plays as the kit");

    // Every zone of the preset's instruments, key and velocity ranges intersected.
    struct Zone {
        KitRegion region;
        const Sf2Sample* sample;
        std::int64_t startOffset, endOffset;
        VolumeEnvelope envelope;
    };
    std::vector<Zone> zones;
    for (const Sf2Zone& pz : chosen->zones) {
        const Sf2Instrument& instrument = sf2->instruments[std::size_t(std::uint16_t(*pz.get(sf2::Instrument)))];
        for (const Sf2Zone& iz : instrument.zones) {
            const Gens g{iz, instrument.global, pz, chosen->global};
            const Sf2Sample& s = sf2->samples[std::size_t(std::uint16_t(*iz.get(sf2::SampleId)))];
            if (s.type & 0x8000) {
                report.warnings.push_back(sf2Path + ": sample \"" + s.name + "\" lives in ROM; skipped");
                continue;
            }
            const auto keys = g.range(sf2::KeyRange), vels = g.range(sf2::VelRange);
            if (keys.first > keys.second || vels.first > vels.second)
                continue;
            Zone z{{}, &s, std::int64_t(g.inst(sf2::StartOffset, 0)) + std::int64_t(g.inst(sf2::StartCoarseOffset, 0)) * 32768,
                   std::int64_t(g.inst(sf2::EndOffset, 0)) + std::int64_t(g.inst(sf2::EndCoarseOffset, 0)) * 32768, {}};
            KitRegion& r = z.region;
            r.name = s.name;
            r.lokey = keys.first;
            r.hikey = std::min(keys.second, 127);
            r.lovel = vels.first;
            r.hivel = std::min(vels.second, 127);
            const int root = g.inst(sf2::RootKey, -1);
            r.rootKey = root >= 0 && root <= 127 ? root : std::clamp(s.originalPitch, 0, 127);
            r.keytrack = float(g.sum(sf2::ScaleTuning, 100)) / 100.0f;
            r.tune = float(g.sum(sf2::CoarseTune, 0)) + float(g.sum(sf2::FineTune, 0) + s.pitchCorrection) / 100.0f;
            // Attenuation in centibels, with the 0.4 factor EMU hardware and most players apply.
            const int attenuation = std::clamp(g.sum(sf2::Attenuation, 0), 0, 1440);
            r.gain = float(std::pow(10.0, -0.4 * attenuation / 200.0));
            r.pan = float(std::clamp(g.sum(sf2::Pan, 0), -500, 500)) / 500.0f;
            r.chokeGroup = std::max(0, g.inst(sf2::ExclusiveClass, 0));
            // Preset-level envelope generators add to the instrument's (timecents and centibels).
            z.envelope = VolumeEnvelope::fromGenerators(g.sum(sf2::DelayVolEnv, -12000), g.sum(sf2::AttackVolEnv, -12000),
                g.sum(sf2::HoldVolEnv, -12000), g.sum(sf2::DecayVolEnv, -12000), g.sum(sf2::SustainVolEnv, 0),
                g.sum(sf2::ReleaseVolEnv, -12000));
            zones.push_back(z);
        }
    }
    // Stereo pairs: a left zone and the right zone of its linked sample over the same ranges play as one stereo sample.
    std::vector<const Sf2Sample*> partner(zones.size(), nullptr);
    std::vector<bool> merged(zones.size(), false);
    for (std::size_t a = 0; a < zones.size(); ++a) {
        if (zones[a].sample->type != 4)
            continue;
        for (std::size_t b = 0; b < zones.size(); ++b) {
            const KitRegion &ra = zones[a].region, &rb = zones[b].region;
            if (!merged[b] && zones[b].sample->type == 2 && zones[b].sample == &sf2->samples[std::min<std::size_t>(
                                                                                    std::size_t(zones[a].sample->link), sf2->samples.size() - 1)] &&
                ra.lokey == rb.lokey && ra.hikey == rb.hikey && ra.lovel == rb.lovel && ra.hivel == rb.hivel) {
                partner[a] = zones[b].sample;
                merged[b] = true;
                zones[a].region.pan = (ra.pan + rb.pan) / 2.0f;
                break;
            }
        }
    }
    SampleReader reader(*file, *sf2, sampleRate);
    // Zones sharing a sample and an envelope share the shaped copy too.
    std::map<std::pair<const SampleData*, VolumeEnvelope>, std::shared_ptr<const SampleData>> shaped;
    std::vector<KitRegion> regions;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        if (merged[i])
            continue;
        auto data = reader.load(*zones[i].sample, zones[i].startOffset, zones[i].endOffset, partner[i]);
        if (!data) {
            report.warnings.push_back(data.error().describe() + "; zone skipped");
            continue;
        }
        auto& copy = shaped[{(*data).get(), zones[i].envelope}];
        if (!copy)
            copy = shapeSample(*data, zones[i].envelope, sampleRate);
        zones[i].region.sample = copy;
        regions.push_back(zones[i].region);
    }
    if (regions.empty())
        return Error{sf2Path, "preset " + std::to_string(chosen->preset) + " \"" + chosen->name + "\" has no playable zone" +
                                  (report.warnings.empty() ? std::string() : " (" + report.warnings.back() + ")")};
    std::vector<KitInstrument> instruments = instrumentsFromRegions(regions, sf2Path, report.warnings);
    mapMisnamedKeys(instruments, report);
    auto kit = std::make_shared<Kit>(chosen->name, std::filesystem::path(sf2Path).parent_path().string(), sampleRate,
                                     std::move(instruments));
    kit->setReport(std::move(report));
    return std::shared_ptr<const Kit>(std::move(kit));
}

// The drum presets of an .sf2 (bank 128, or every preset of a file without one), for listings.
Result<std::vector<std::pair<int, std::string>>> listSf2DrumPresets(const std::string& sf2Path)
{
    auto file = RiffFile::open(sf2Path, "sfbk");
    if (!file)
        return file.error();
    auto sf2 = readSf2(*file);
    if (!sf2)
        return sf2.error();
    std::vector<std::pair<int, std::string>> out;
    for (const Sf2Preset& p : sf2->presets)
        if (p.bank == 128)
            out.emplace_back(p.preset, p.name);
    if (out.empty())
        for (const Sf2Preset& p : sf2->presets)
            out.emplace_back(p.preset, p.name);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace gs
