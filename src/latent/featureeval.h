#pragma once
// What a full-drums model generates for the global feature comparison: the
// decodings of the encoded windows (reconstructions) and decodings of z drawn
// from the prior N(0, I), both realised as `generate` realises a z (hit
// threshold, no sampling). A groove-mode model passes its own generated set
// to compareFeatures() instead. Runs on the calling thread (a worker's in the
// app). Torch-free header.
#include "core/error.h"
#include "core/groove.h"
#include "features.h"
#include "latentspace.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gs {

struct GeneratedSets {
    std::vector<Groove> reconstructions;  // one per window, in order (so they keep the window's style)
    std::vector<Groove> priorSamples;
};

struct GenerationOptions {
    int priorSamples = 0;  // 0: as many as there are windows
    std::uint64_t seed = 1;
    float threshold = 0.5f;
};

// An error when the windows do not fit the model or `cancel` became true.
Result<GeneratedSets> generateForComparison(const LatentSpace& space, const std::vector<Groove>& windows,
                                            const GenerationOptions& options = {},
                                            const std::atomic<bool>* cancel = nullptr);

// Both generated sets of a full-drums model against the real windows, with the velocity heat maps.
struct ModelFeatureComparison {
    FeatureComparison reconstruction;  // per style: each reconstruction keeps its window's style
    FeatureComparison prior;  // prior samples carry no style: per style stays empty
    VelocityHeatMap real, reconstructionHeat, priorHeat;

    // For the model file's flat metrics: feature_overlap_<feature> (prior samples: what the model makes on
    // its own) and feature_recon_overlap_<feature> (reconstructions), overall.
    std::map<std::string, double> metrics() const;
};

// styles: one per window (or empty); voiceNames: the model's drum map's voices.
Result<ModelFeatureComparison> compareModelFeatures(const LatentSpace& space, const std::vector<Groove>& windows,
                                                    const std::vector<std::string>& styles,
                                                    const std::vector<std::string>& voiceNames,
                                                    const GenerationOptions& options = {},
                                                    const std::atomic<bool>* cancel = nullptr);

} // namespace gs
