#include "kit.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace gs {

namespace {

float finiteIn(float value, float fallback, float low, float high)
{
    return std::isfinite(value) ? std::clamp(value, low, high) : fallback;
}

} // namespace

const KitLayer* KitInstrument::layerFor(int velocity) const
{
    const KitLayer* best = nullptr;
    int bestDistance = 1 << 30;
    for (const KitLayer& layer : layers) {
        if (layer.samples.empty())
            continue;
        if (velocity >= layer.minVelocity && velocity <= layer.maxVelocity)
            return &layer;
        const int d = velocity < layer.minVelocity ? layer.minVelocity - velocity : velocity - layer.maxVelocity;
        if (d < bestDistance) {
            bestDistance = d;
            best = &layer;
        }
    }
    return best;
}

std::array<int, 128> noteOwners(const std::vector<KitInstrument>& instruments)
{
    std::array<int, 128> owners;
    owners.fill(-1);
    for (std::size_t pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < instruments.size(); ++i) {
            const auto& notes = instruments[i].notes;
            for (std::size_t n = 0; n < notes.size(); ++n) {
                if ((pass == 0) != (n == 0))
                    continue;
                const int note = notes[n];
                if (note >= 0 && note < 128 && owners[std::size_t(note)] < 0)
                    owners[std::size_t(note)] = int(i);
            }
        }
    }
    return owners;
}

Kit::Kit(std::string name, std::string folder, double sampleRate, std::vector<KitInstrument> instruments)
    : m_name(std::move(name)), m_folder(std::move(folder)), m_sampleRate(sampleRate), m_instruments(std::move(instruments))
{
    // Every loader ends here: whatever a kit file says, the sampler gets numbers it can play.
    for (KitInstrument& instrument : m_instruments) {
        instrument.gain = finiteIn(instrument.gain, 1.0f, 0.0f, kMaxGain);
        instrument.pan = finiteIn(instrument.pan, 0.0f, -1.0f, 1.0f);
        instrument.tune = finiteIn(instrument.tune, 0.0f, -kMaxTune, kMaxTune);
        for (KitLayer& layer : instrument.layers) {
            layer.gain = finiteIn(layer.gain, 1.0f, 0.0f, kMaxGain);
            if (layer.velocityGain.size() != std::size_t(KitLayer::kVelocities))
                layer.velocityGain.clear();  // the engine reads all 128 or none
            for (float& g : layer.velocityGain)
                g = finiteIn(g, 1.0f, 0.0f, 1.0f);
        }
    }
    m_noteToInstrument = noteOwners(m_instruments);
}

int Kit::sampleCount() const
{
    std::set<const SampleData*> unique;
    for (const auto& instrument : m_instruments)
        for (const auto& layer : instrument.layers)
            for (const auto& sample : layer.samples)
                unique.insert(sample.get());
    return int(unique.size());
}

std::size_t Kit::memoryBytes() const
{
    std::set<const SampleData*> unique;
    std::size_t bytes = 0;
    for (const auto& instrument : m_instruments)
        for (const auto& layer : instrument.layers)
            for (const auto& sample : layer.samples)
                if (unique.insert(sample.get()).second)
                    bytes += sample->frames.size() * sizeof(float);
    return bytes;
}

} // namespace gs
