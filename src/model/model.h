#pragma once
// A trained (or fresh) model: config, weights, optimizer state, history,
// evaluation metrics and dataset summary, saved as one file. Torch-free: the
// app and the command line use it; torch code reaches the module through
// modelinternal.h.
//
// A Model is a handle: copies share the same module and records (clone() for
// a deep copy). Not thread-safe: while a Trainer runs on a model, other
// threads must not use it (the trainer's reports carry what the UI needs).
#include "core/error.h"
#include "modelconfig.h"
#include "modelrecords.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gs {

class Model {
public:
    // A fresh model with random weights (seeded); an error if the config is unusable.
    static Result<Model> create(const ModelConfig& config, std::uint64_t seed = 1);
    // Reads a model file; a truncated, corrupt, foreign or newer-version file gives an error naming it.
    static Result<Model> load(const std::string& path);
    // Writes atomically (temp file + rename).
    Status save(const std::string& path) const;

    Model clone() const;

    const ModelConfig& config() const;
    std::int64_t parameterCount() const;

    const std::vector<EpochRecord>& history() const;
    void setHistory(std::vector<EpochRecord> history);
    void appendEpoch(const EpochRecord& record);

    // Evaluation figures (hit_f1, smoothness_mean, ...), filled by eval.
    const std::map<std::string, double>& metrics() const;
    void setMetrics(std::map<std::string, double> metrics);

    const DatasetSummary& datasetSummary() const;
    void setDatasetSummary(DatasetSummary summary);

    // Serialized Adam state ("" when never trained), restored on resume.
    bool hasOptimizerState() const;

    struct Impl;
    explicit Model(std::shared_ptr<Impl> impl);

private:
    friend struct ModelAccess;
    std::shared_ptr<Impl> m_impl;
};

} // namespace gs
