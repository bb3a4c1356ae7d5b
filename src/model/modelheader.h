#pragma once
// What a model file says about itself, read without its weights: the model
// library's list and `groovescape-cli inspect` show config, history, metrics
// and dataset summary, and need not deserialise megabytes of weights and
// optimizer state per file for that. Torch-free.
#include "core/error.h"
#include "modelconfig.h"
#include "modelrecords.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gs {

struct ModelHeader {
    ModelConfig config;
    std::int64_t parameters = 0;  // as the file records it
    std::vector<EpochRecord> history;
    std::map<std::string, double> metrics;
    DatasetSummary dataset;
    bool hasOptimizerState = false;
    std::uint64_t fileBytes = 0;
};

// Reads the fixed header and the metadata section only. Checks what Model::load checks up to the
// section sizes (magic, version, sizes against the file size) and the metadata itself; the checksum
// covers the weights too, so only Model::load (Open, eval, generate) verifies it. Errors name the file.
Result<ModelHeader> readModelHeader(const std::string& path);

} // namespace gs
