#pragma once
// INTERNAL (torch): grooves <-> the model tensor layout of vae.h,
// [batch, steps, 3 * voices] with hits, velocities, offsets per step.
#include "core/groove.h"
#include "vae.h"

#include <vector>

namespace gs {

// Every groove must have `steps` steps and `voices` voices (the caller filters).
torch::Tensor groovesToTensor(const std::vector<Groove>& grooves, int steps, int voices);
torch::Tensor groovesToTensor(const std::vector<const Groove*>& grooves, int steps, int voices);

// A decoded batch back to grooves: a hit where sigmoid(logit) >= threshold.
std::vector<Groove> decodedToGrooves(const Decoded& decoded, const Grid& grid, float threshold = 0.5f);

} // namespace gs
