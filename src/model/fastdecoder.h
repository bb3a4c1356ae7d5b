#pragma once
// The lowest-latency decode of one z, for dragging on the map: a RhythmVAE's
// decoder in inference form, BatchNorm folded into each Dense layer, the three
// head layers fused into one matrix, single-threaded OpenBLAS sgemv over
// preallocated buffers. Torch-free; matches the module's eval() output to 1e-4.
// Built from a snapshot of the weights: rebuild after training or "bend".
// decode() never allocates; one FastDecoder per thread (it owns its scratch).
#include "core/error.h"
#include "model.h"

#include <vector>

namespace gs {

class FastDecoder {
public:
    // Only "rhythmvae" models (the recurrent model decodes through its module).
    static Result<FastDecoder> create(const Model& model);

    int latent() const { return m_latent; }
    int cells() const { return m_cells; }  // steps x voices, row-major as Groove

    // z: latent() floats. Outputs: cells() floats each; hit probability
    // (sigmoid applied), velocity 0..1, offset -1..1.
    void decode(const float* z, float* hitProbability, float* velocity, float* offset);

private:
    int m_latent = 0, m_trunk = 0, m_head = 0, m_cells = 0;
    std::vector<float> m_trunkW, m_trunkB;  // [trunk x latent], folded
    std::vector<float> m_headW, m_headB;  // [3 head x trunk], the three heads stacked, folded
    std::vector<float> m_outW[3], m_outB[3];  // [cells x head]
    std::vector<float> m_h1, m_h2;  // scratch
};

} // namespace gs
