#pragma once
// What a model file remembers besides its weights: one record per trained
// epoch and a summary of the dataset it learned from. Torch-free.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gs {

// Loss terms, each averaged over the samples of one pass (train or validation).
struct LossTerms {
    double total = 0;
    double hits = 0;  // weighted BCE x cells
    double velocity = 0;  // weighted MSE x cells
    double offset = 0;  // weighted MSE x cells
    double kl = 0;  // the raw KL (nats), before beta and free bits
    double flat = 0;  // eta x flat-manifold penalty (0 when off)
    double latent = 0;  // map models: squared error of the base latent means (0 for other models)
    bool operator==(const LossTerms&) const = default;
};

struct EpochRecord {
    int epoch = 0;  // 1-based, continues across resumes
    LossTerms train;
    LossTerms validation;
    double learningRate = 0;
    double klWeight = 0;  // beta after annealing
    double seconds = 0;  // this epoch's wall time
    double samplesPerSecond = 0;  // training samples
    std::string precision = "fp32";  // "fp32" or "bf16" (mixed precision); absent in older files = fp32
    bool operator==(const EpochRecord&) const = default;
};

struct DatasetSummary {
    std::string name;
    int trainWindows = 0;
    int validationWindows = 0;
    int skippedWindows = 0;  // windows of another step count
    std::map<std::string, int> styles;  // style -> windows
    std::vector<std::uint64_t> sourceHashes;  // FNV-1a 64 of each source file
    bool operator==(const DatasetSummary&) const = default;
};

} // namespace gs
