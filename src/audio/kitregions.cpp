#include "kitregions.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace gs {

namespace {
constexpr float kMaxTune = 24.0f;
constexpr float kMaxGain = 8.0f;
} // namespace

std::vector<KitInstrument> instrumentsFromRegions(const std::vector<KitRegion>& regions, const std::string& where,
                                                  std::vector<std::string>& warnings)
{
    std::map<std::pair<std::vector<int>, int>, int> instrumentOf;  // (zones, tune in cents) -> index
    std::vector<KitInstrument> instruments;
    bool clamped = false;
    for (int key = 0; key < 128; ++key) {
        std::vector<int> playing;
        for (int i = 0; i < int(regions.size()); ++i)
            if (key >= regions[std::size_t(i)].lokey && key <= regions[std::size_t(i)].hikey)
                playing.push_back(i);
        if (playing.empty())
            continue;
        const KitRegion& first = regions[std::size_t(playing.front())];
        float tune = float(key - first.rootKey) * first.keytrack + first.tune;
        if (!(std::abs(tune) <= kMaxTune)) {
            clamped = true;
            tune = std::isfinite(tune) ? std::clamp(tune, -kMaxTune, kMaxTune) : 0.0f;
        }
        const auto signature = std::make_pair(playing, int(std::lround(tune * 100.0f)));
        if (auto it = instrumentOf.find(signature); it != instrumentOf.end()) {
            instruments[std::size_t(it->second)].notes.push_back(key);
            continue;
        }
        if (instruments.size() == std::size_t(Kit::kMaxInstruments)) {
            warnings.push_back(where + ": more than 256 instruments; keys from " + std::to_string(key) + " are skipped");
            break;
        }
        KitInstrument instrument;
        instrument.name = first.name;
        instrument.notes = {key};
        instrument.tune = tune;
        instrument.pan = std::clamp(first.pan, -1.0f, 1.0f);
        for (int i : playing)
            instrument.chokeGroup = std::max(instrument.chokeGroup, regions[std::size_t(i)].chokeGroup);
        std::map<std::pair<int, int>, std::vector<int>> byRange;
        for (int i : playing)
            byRange[{regions[std::size_t(i)].lovel, regions[std::size_t(i)].hivel}].push_back(i);
        for (auto& [range, members] : byRange) {
            std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
                return regions[std::size_t(a)].roundRobin < regions[std::size_t(b)].roundRobin;
            });
            KitLayer layer;
            layer.minVelocity = range.first;
            layer.maxVelocity = range.second;
            const float gain = regions[std::size_t(members.front())].gain;
            layer.gain = std::isfinite(gain) ? std::clamp(gain, 0.0f, kMaxGain) : 1.0f;
            layer.velocityGain = regions[std::size_t(members.front())].velocityGain;
            for (int i : members)
                layer.samples.push_back(regions[std::size_t(i)].sample);
            instrument.layers.push_back(std::move(layer));
        }
        instrumentOf.emplace(signature, int(instruments.size()));
        instruments.push_back(std::move(instrument));
    }
    if (clamped)
        warnings.push_back(where + ": some keys' pitch clamped to +-24 semitones");
    return instruments;
}

} // namespace gs
