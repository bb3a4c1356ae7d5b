#include "featuresjson.h"

#include <cstdio>

namespace gs::cli {

namespace {

nlohmann::json setJson(const std::vector<std::string>& names, const FeatureSetComparison& set)
{
    nlohmann::json features = nlohmann::json::object();
    for (std::size_t f = 0; f < names.size() && f < set.features.size(); ++f) {
        const FeatureDistribution& d = set.features[f];
        features[names[f]] = {{"overlap", d.overlap}, {"kl", d.kl}, {"real_mean", d.realMean},
                              {"generated_mean", d.generatedMean}};
    }
    return features;
}

} // namespace

nlohmann::json featuresJson(const FeatureComparison& comparison)
{
    nlohmann::json perStyle = nlohmann::json::object();
    nlohmann::json styleCounts = nlohmann::json::object();
    for (const auto& [style, set] : comparison.perStyle) {
        perStyle[style] = setJson(comparison.names, set);
        styleCounts[style] = {{"real", set.realCount}, {"generated", set.generatedCount}};
    }
    return {{"real", comparison.overall.realCount}, {"generated", comparison.overall.generatedCount},
            {"overall", setJson(comparison.names, comparison.overall)}, {"per_style", perStyle},
            {"per_style_counts", styleCounts}};
}

std::vector<std::string> voiceNames(const DrumMap& map)
{
    std::vector<std::string> names;
    for (const DrumVoice& v : map.voices())
        names.push_back(v.name);
    return names;
}

void printFeatureTable(std::ostream& out, const FeatureComparison& reconstruction, const FeatureComparison& prior)
{
    out << "  features vs the real windows (overlap 1 = same distribution; KL in nats, 0 = same):\n"
        << "    feature               recon overlap / KL    prior overlap / KL\n";
    char line[160];
    for (std::size_t f = 0; f < reconstruction.names.size(); ++f) {
        const FeatureDistribution& r = reconstruction.overall.features[f];
        const FeatureDistribution& p = prior.overall.features[f];
        std::snprintf(line, sizeof line, "    %-20s  %6.3f / %6.3f       %6.3f / %6.3f\n",
                      reconstruction.names[f].c_str(), r.overlap, r.kl, p.overlap, p.kl);
        out << line;
    }
}

} // namespace gs::cli
