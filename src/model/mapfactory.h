#pragma once
// The "map" model type (internal/mapvae.h): a small VAE with a 2D or 3D latent
// over the latent means of a base model, so a musician gets a 2D map of their
// own grooves that keeps the base model's knowledge. Torch-free.
#include "core/error.h"
#include "model.h"

#include <cstdint>

namespace gs {

struct MapSettings {
    int latent = 2;  // the map's own latent (2 or 3 for the XY pad and the 3D view)
    int hidden = 256;  // width of its two hidden layers each way
    LossConfig loss;  // beta, freeBits, annealing (the reconstruction is of base latents; see vaeloss.h)
};

// A fresh map over `base`: its config and its current weights are copied into the map (so later
// changes to `base` do not reach it). An error if `base` is itself a map or the settings are unusable.
Result<Model> createMapModel(const Model& base, const MapSettings& settings, std::uint64_t seed = 1);

// The base of a map model, as a model of its own (its weights shared with the map's, not copied);
// an error for any other type.
Result<Model> mapBase(const Model& map);

} // namespace gs
