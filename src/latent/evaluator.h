#pragma once
// The numbers the papers report, for one model on one set of windows:
// reconstruction (hit precision / recall / F1, velocity and offset MSE on true
// hits), interpolation smoothness (FM-Music-VAE 4.1), attribute correlation
// (FM-Music-VAE 4.3) and KL per latent dimension. Seeded and deterministic.
// Runs on the calling thread (a worker's, in the app). Torch-free header.
#include "core/error.h"
#include "core/groove.h"
#include "latentspace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gs {

struct EvalOptions {
    int pairs = 1000;  // interpolation pairs (fewer when there are fewer windows)
    int interpolationPoints = 20;
    int attributeSamples = 5000;  // data points for the directions, and scaled samples for r
    float threshold = 0.5f;  // hit threshold for every hit mask
    std::uint64_t seed = 1;
    // Called on the evaluating thread between batches with the phase ("reconstruction",
    // "smoothness", "attributes") and the fraction of it done (0..1): the app's progress bar.
    // Returning false stops the evaluation (evaluate() then gives "evaluation cancelled").
    std::function<bool(const char* phase, double fraction)> progress;
};

struct EvalReport {
    int windows = 0;
    double hitPrecision = 0, hitRecall = 0, hitF1 = 0;
    double velocityMse = 0, offsetMse = 0;
    double smoothnessMean = 0, smoothnessMax = 0;
    int pairs = 0;
    double densityCorrelation = 0, velocityCorrelation = 0, offsetCorrelation = 0;
    // Ours, beside the paper's: r between the scale and the attribute's CHANGE from the start groove's own
    // decoding (same samples). What an attribute slider does from the current groove; the pooled r above
    // also mixes in how much the start grooves differ from each other.
    double densityChange = 0, velocityChange = 0, offsetChange = 0;
    int attributeSamples = 0;  // scaled samples behind each r (the smallest of the three)
    std::vector<double> klPerDim;  // mean KL (nats) of each latent dimension
    int activeDims = 0;  // dimensions with KL > 0.01 nats (others have collapsed)

    // Flat name -> value (hit_f1, smoothness_mean, attribute_correlation_density, kl_total, ...) for the model file.
    std::map<std::string, double> flatten() const;
};

class Evaluator {
public:
    explicit Evaluator(const LatentSpace& space) : m_space(space) {}

    // An error when there are no windows, they do not fit the model, or `cancel` became true.
    Result<EvalReport> evaluate(const std::vector<Groove>& windows, const EvalOptions& options = {},
                                const std::atomic<bool>* cancel = nullptr) const;

private:
    // Each returns false when options.progress asked to stop.
    bool reconstruction(const std::vector<Groove>& windows, const EncodedSet& encoded, const EvalOptions& options,
                        EvalReport& report) const;
    bool smoothness(const EncodedSet& encoded, const EvalOptions& options, EvalReport& report) const;
    bool attributes(const std::vector<Groove>& windows, const EncodedSet& encoded, const EvalOptions& options,
                    EvalReport& report) const;
    static void kl(const EncodedSet& encoded, EvalReport& report);

    const LatentSpace& m_space;
};

} // namespace gs
