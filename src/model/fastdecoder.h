#pragma once
// The lowest-latency decode of one z, for dragging on the map: a RhythmVAE's
// decoder in inference form, BatchNorm folded into each Dense layer, the three
// head layers fused into one matrix and the three output layers into another.
// One decode streams every weight once and is bound by memory bandwidth (the
// 32-step model's weights are ~8 MB in fp32, more than L2), so with
// Precision::Half the two big matrices are stored as fp16 (each row scaled by a
// power of two, so nothing overflows) and converted in an AVX-512F or
// AVX2/FMA/F16C kernel chosen at run time; without those instructions, or with
// Precision::Float32 (the default, exact), fp32 weights run through OpenBLAS sgemv.
//
// Tolerance against the module's eval() output (tests/model/tst_fastdecoder):
// Float32 within 1e-4 (measured 1.5e-6 on the bundled models); Half within
// kHalfTolerance for hit probability, velocity and offset (measured 1.0e-3),
// so hit decisions at 0.5 differ only for probabilities within it of 0.5. Deterministic: the same z gives the same bits.
// Built from a snapshot of the weights: rebuild after training or "bend".
// decode() never allocates; one FastDecoder per thread (it owns its scratch).
#include "core/error.h"
#include "model.h"

#include <cstdint>
#include <vector>

namespace gs {

class FastDecoder {
public:
    enum class Precision {
        Half,  // fp16 weights when the CPU has AVX-512F or AVX2 + FMA + F16C, otherwise fp32
        Float32,  // fp32 weights always (exact to float rounding)
    };
    // Largest difference from the module's output with fp16 weights (probability, velocity or offset units).
    static constexpr float kHalfTolerance = 2.5e-3f;

    // Only "rhythmvae" models (the recurrent model decodes through its module).
    static Result<FastDecoder> create(const Model& model, Precision precision = Precision::Float32);

    int latent() const { return m_latent; }
    int cells() const { return m_cells; }  // steps x voices, row-major as Groove
    bool halfWeights() const { return m_half; }  // true when the fp16 kernel runs

    // z: latent() floats. Outputs: cells() floats each; hit probability
    // (sigmoid applied), velocity 0..1, offset -1..1.
    void decode(const float* z, float* hitProbability, float* velocity, float* offset);

    // One 64-byte line of 32 fp16 weights: the unit of the fp16 layout.
    struct alignas(64) HalfLine {
        std::uint16_t v[32];
    };

private:
    void decodeHalf(float* out);
    void decodeFloat(float* out);

    int m_latent = 0, m_trunk = 0, m_head = 0, m_cells = 0;
    int m_trunkLines = 0, m_headLines = 0;  // padded widths of the trunk and head activations, in HalfLines
    bool m_half = false;
    std::vector<float> m_trunkWt, m_trunkB;  // [latent x trunk] (transposed), folded
    std::vector<float> m_headB, m_outB;  // [3 head], [3 cells]
    // fp16: the stacked heads [3 head rows x m_trunkLines], then the stacked outputs [3 cells rows x m_headLines],
    // in one aligned buffer, with one scale per row.
    std::vector<HalfLine> m_halfW;
    std::vector<float> m_rowScale;  // [3 head + 3 cells]
    // fp32: the same matrices unpadded, for sgemv.
    std::vector<float> m_headW, m_outW;  // [3 head x trunk], [3 cells x head]
    std::vector<float> m_h1, m_h2, m_out;  // scratch: trunk (padded), 3 heads (padded), 3 outputs
};

} // namespace gs
