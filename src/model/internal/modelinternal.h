#pragma once
// INTERNAL (torch): what torch code of src/model, src/train and src/latent
// reaches behind the Model facade. Included only by .cpp files there.
#include "model/model.h"
#include "vae.h"

#include <memory>
#include <string>

namespace gs {

struct Model::Impl {
    ModelConfig config;
    std::shared_ptr<VaeImpl> module;
    std::string optimizerState;  // torch::optim::Adam archive bytes, "" if none
    std::vector<EpochRecord> history;
    std::map<std::string, double> metrics;
    DatasetSummary dataset;
};

struct ModelAccess {
    static Model::Impl& impl(const Model& m) { return *m.m_impl; }
};

// The module (shared with the Model: changes to its weights are the model's).
std::shared_ptr<VaeImpl> module(const Model& model);
std::string& optimizerState(Model& model);
const std::string& optimizerState(const Model& model);

} // namespace gs
