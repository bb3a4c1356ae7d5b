#include "attributes.h"

#include <algorithm>
#include <numeric>

namespace gs {

std::string AttributeKey::name() const
{
    switch (attribute) {
    case Attribute::Density: return "density";
    case Attribute::Velocity: return "velocity";
    case Attribute::Offset: return "offset";
    case Attribute::VoiceDensity: return "voice" + std::to_string(voice) + "_density";
    }
    return "unknown";
}

std::optional<float> attributeValue(const Groove& groove, const AttributeKey& key)
{
    if (key.attribute == Attribute::Density)
        return float(groove.hitCount());
    if (key.attribute == Attribute::VoiceDensity) {
        if (key.voice < 0 || key.voice >= groove.voices())
            return std::nullopt;
        return float(groove.hitCount(key.voice));
    }
    double sum = 0.0;
    int count = 0;
    for (int s = 0; s < groove.steps(); ++s) {
        for (int v = 0; v < groove.voices(); ++v) {
            if (!groove.hit(s, v))
                continue;
            sum += key.attribute == Attribute::Velocity ? groove.velocity(s, v) : groove.offset(s, v);
            ++count;
        }
    }
    if (count == 0)
        return std::nullopt;
    return float(sum / count);
}

AttributeVector attributeVector(const AttributeKey& key, const std::vector<LatentVector>& means,
                                const std::vector<std::optional<float>>& values)
{
    AttributeVector out;
    out.key = key;
    std::vector<std::size_t> usable;
    for (std::size_t i = 0; i < means.size() && i < values.size(); ++i)
        if (values[i])
            usable.push_back(i);
    out.samples = int(usable.size());
    if (usable.size() < 4)
        return out;
    // Stable sort by value so ties keep data order: the result is deterministic.
    std::stable_sort(usable.begin(), usable.end(), [&](std::size_t a, std::size_t b) { return *values[a] < *values[b]; });
    const std::size_t quarter = std::max<std::size_t>(1, usable.size() / 4);
    const std::size_t dims = means[usable.front()].size();
    LatentVector low(dims, 0.0f), high(dims, 0.0f);
    double lowSum = 0.0, highSum = 0.0;
    for (std::size_t k = 0; k < quarter; ++k) {
        const std::size_t lo = usable[k];
        const std::size_t hi = usable[usable.size() - 1 - k];
        for (std::size_t d = 0; d < dims; ++d) {
            low[d] += means[lo][d];
            high[d] += means[hi][d];
        }
        lowSum += *values[lo];
        highSum += *values[hi];
    }
    out.direction.resize(dims);
    for (std::size_t d = 0; d < dims; ++d)
        out.direction[d] = (high[d] - low[d]) / float(quarter);
    out.lowMean = float(lowSum / double(quarter));
    out.highMean = float(highSum / double(quarter));
    return out;
}

} // namespace gs
