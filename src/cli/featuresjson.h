#pragma once
// The `features` key of `eval --json`: a feature comparison as
// {overall: {feature: {overlap, kl, real_mean, generated_mean}}, per_style: {style: {...}}, counts}.
#include "core/drummap.h"
#include "latent/features.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace gs::cli {

nlohmann::json featuresJson(const FeatureComparison& comparison);

// The map's voice names, for the hits_<voice> features.
std::vector<std::string> voiceNames(const DrumMap& map);

// The overall table for a person: one line per feature, overlap and KL of both generated sets.
void printFeatureTable(std::ostream& out, const FeatureComparison& reconstruction, const FeatureComparison& prior);

} // namespace gs::cli
