#pragma once
// INTERNAL (torch): the module for a config ("rhythmvae" or "recurrent").
#include "vae.h"

#include <memory>

namespace gs {

// Null if the config's type is unknown (check ModelConfig::problem() first).
std::shared_ptr<VaeImpl> createVae(const ModelConfig& config);

} // namespace gs
