#include "featureeval.h"

#include <random>

namespace gs {

namespace {

std::vector<Groove> realiseAll(const std::vector<DecodedGroove>& decoded, float threshold)
{
    SamplingOptions sampling;
    sampling.threshold = threshold;
    std::vector<Groove> out;
    out.reserve(decoded.size());
    for (const DecodedGroove& d : decoded)
        out.push_back(realise(d, sampling));
    return out;
}

} // namespace

Result<GeneratedSets> generateForComparison(const LatentSpace& space, const std::vector<Groove>& windows,
                                            const GenerationOptions& options, const std::atomic<bool>* cancel)
{
    auto encoded = space.encode(windows, {}, cancel);
    if (!encoded)
        return encoded.error();
    GeneratedSets sets;
    sets.reconstructions = realiseAll(space.decode(encoded->mean), options.threshold);
    if (cancel && cancel->load())
        return Error{"", "evaluation cancelled"};

    const int count = options.priorSamples > 0 ? options.priorSamples : int(windows.size());
    std::mt19937_64 rng(options.seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<LatentVector> zs(std::size_t(count), LatentVector(std::size_t(space.latent())));
    for (auto& z : zs)
        for (float& value : z)
            value = normal(rng);
    sets.priorSamples = realiseAll(space.decode(zs), options.threshold);
    if (cancel && cancel->load())
        return Error{"", "evaluation cancelled"};
    return sets;
}

std::map<std::string, double> ModelFeatureComparison::metrics() const
{
    std::map<std::string, double> m;
    const auto add = [&m](const FeatureComparison& c, const std::string& prefix) {
        for (std::size_t f = 0; f < c.names.size() && f < c.overall.features.size(); ++f)
            m[prefix + c.names[f]] = c.overall.features[f].overlap;
    };
    add(prior, "feature_overlap_");
    add(reconstruction, "feature_recon_overlap_");
    return m;
}

Result<ModelFeatureComparison> compareModelFeatures(const LatentSpace& space, const std::vector<Groove>& windows,
                                                    const std::vector<std::string>& styles,
                                                    const std::vector<std::string>& voiceNames,
                                                    const GenerationOptions& options,
                                                    const std::atomic<bool>* cancel)
{
    auto sets = generateForComparison(space, windows, options, cancel);
    if (!sets)
        return sets.error();
    ModelFeatureComparison out;
    out.reconstruction = compareFeatures(windows, styles, sets->reconstructions, styles, voiceNames);
    out.prior = compareFeatures(windows, styles, sets->priorSamples, {}, voiceNames);
    out.real = velocityHeatMap(windows);
    out.reconstructionHeat = velocityHeatMap(sets->reconstructions);
    out.priorHeat = velocityHeatMap(sets->priorSamples);
    return out;
}

} // namespace gs
