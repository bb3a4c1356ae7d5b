#pragma once
// A model seen as a space: encode grooves (a whole dataset, in batches, off
// the GUI thread) to latent means, decode one z (the drag path) or many, and
// RhythmVAE's reversible "bend". Torch-free header (pimpl).
//
// Thread-safety: every method may be called from any thread; calls into the
// model are serialised by an internal mutex (a long encode takes it per batch,
// so a drag decode waits at most one batch). The Model must not be trained
// while a LatentSpace uses it.
#include "core/error.h"
#include "core/groove.h"
#include "interpolation.h"
#include "model/modelconfig.h"
#include "sampling.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace gs {

class Model;
class VaeImpl;

struct EncodedSet {
    std::vector<LatentVector> mean;
    std::vector<LatentVector> logVar;
};

class LatentSpace {
public:
    explicit LatentSpace(const Model& model);
    // For torch code that holds a module directly (tests, the trainer).
    explicit LatentSpace(std::shared_ptr<VaeImpl> module);
    ~LatentSpace();
    LatentSpace(const LatentSpace&) = delete;
    LatentSpace& operator=(const LatentSpace&) = delete;

    const ModelConfig& config() const;
    int latent() const;

    // (done, total) after every batch, on the calling thread.
    using Progress = std::function<void(int done, int total)>;
    // Latent means and log-variances of the grooves (evaluation mode, no
    // sampling). An error when a groove does not fit the model's grid and
    // voices, or when `cancel` became true (checked between batches).
    Result<EncodedSet> encode(const std::vector<Groove>& grooves, const Progress& progress = {},
                              const std::atomic<bool>* cancel = nullptr, int batchSize = 256) const;

    // One z: the lowest-latency path (the app's drag). z must have latent() values.
    DecodedGroove decode(const LatentVector& z) const;
    // Many z's (a background grid, an interpolation) in batches of batchSize.
    std::vector<DecodedGroove> decode(const std::vector<LatentVector>& zs, int batchSize = 1024) const;
    // decode + realise.
    Groove generate(const LatentVector& z, const SamplingOptions& sampling = {}) const;

    // RhythmVAE's bend: adds amount x (each tensor's std) x N(0, 1) to every
    // decoder parameter (seeded). The original weights are kept: bend again
    // starts from them, unbend restores them bit for bit.
    void bend(float amount, std::uint64_t seed);
    void unbend();
    bool isBent() const;

    // Checks a z from outside (command line, project file): a clear message when it does not fit.
    Status checkLatent(const LatentVector& z) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace gs
