#include "fastdecoder.h"

#include "internal/modelinternal.h"
#include "internal/rhythmvae.h"

#include <cblas.h>
#include <immintrin.h>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

constexpr float kLeak = 0.3f;
constexpr int kLine = 32;  // fp16 weights per HalfLine

using HalfLine = FastDecoder::HalfLine;

// W' = diag(s) W, b' = s (b - mean) + beta, s = gamma / sqrt(var + eps): y = BN(W x + b) in eval mode.
void fold(DenseBnImpl& layer, std::vector<float>& w, std::vector<float>& b)
{
    torch::NoGradGuard noGrad;
    const auto& bn = layer.norm;
    torch::Tensor s = bn->weight / torch::sqrt(bn->running_var + bn->options.eps());
    torch::Tensor fw = (layer.linear->weight * s.unsqueeze(1)).contiguous().to(torch::kFloat);
    torch::Tensor fb = ((layer.linear->bias - bn->running_mean) * s + bn->bias).contiguous().to(torch::kFloat);
    w.insert(w.end(), fw.data_ptr<float>(), fw.data_ptr<float>() + fw.numel());
    b.insert(b.end(), fb.data_ptr<float>(), fb.data_ptr<float>() + fb.numel());
}

void appendLinear(torch::nn::LinearImpl& layer, std::vector<float>& w, std::vector<float>& b)
{
    torch::Tensor fw = layer.weight.detach().contiguous().to(torch::kFloat);
    torch::Tensor fb = layer.bias.detach().contiguous().to(torch::kFloat);
    w.insert(w.end(), fw.data_ptr<float>(), fw.data_ptr<float>() + fw.numel());
    b.insert(b.end(), fb.data_ptr<float>(), fb.data_ptr<float>() + fb.numel());
}

float leaky(float v) { return v > 0 ? v : kLeak * v; }

bool cpuHasHalfKernel()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
}

// Rows of `w` ([rows x cols] fp32) into HalfLines, zero-padded to `lines` per row, each row divided by a
// power of two that brings its largest magnitude below 1 (exact, and fp16 cannot overflow).
__attribute__((target("f16c,avx"))) void packHalf(
    const float* w, int rows, int cols, int lines, std::vector<HalfLine>& out, std::vector<float>& scale)
{
    std::vector<float> padded(std::size_t(lines) * kLine);
    for (int r = 0; r < rows; ++r) {
        const float* row = w + std::size_t(r) * std::size_t(cols);
        float maxAbs = 0;
        for (int c = 0; c < cols; ++c)
            maxAbs = std::max(maxAbs, std::abs(row[c]));
        int exponent = 0;
        if (maxAbs > 0)
            std::frexp(maxAbs, &exponent);  // maxAbs = m 2^exponent, m in [0.5, 1)
        const float s = std::ldexp(1.0f, exponent);
        scale.push_back(s);
        std::fill(padded.begin(), padded.end(), 0.0f);
        for (int c = 0; c < cols; ++c)
            padded[std::size_t(c)] = row[c] / s;
        for (int l = 0; l < lines; ++l) {
            HalfLine line;
            for (int q = 0; q < kLine / 8; ++q) {
                const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(&padded[std::size_t(l * kLine + q * 8)]),
                    _MM_FROUND_TO_NEAREST_INT);
                _mm_storeu_si128(reinterpret_cast<__m128i*>(line.v + q * 8), h);
            }
            out.push_back(line);
        }
    }
}

// y[r] = scale[r] * (w[r] . x) + bias[r], w in HalfLines (`lines` per row), x padded to lines * 32 floats.
// A fixed summation order: the same inputs give the same bits.
__attribute__((target("avx2,fma,f16c"))) void gemvHalf(const HalfLine* w, int rows, int lines, const float* scale,
    const float* bias, const float* x, float* y)
{
    for (int r = 0; r < rows; ++r) {
        const HalfLine* row = w + std::size_t(r) * std::size_t(lines);
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        for (int l = 0; l < lines; ++l) {
            const __m128i* p = reinterpret_cast<const __m128i*>(row[l].v);
            const float* xl = x + l * kLine;
            a0 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_load_si128(p)), _mm256_loadu_ps(xl), a0);
            a1 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_load_si128(p + 1)), _mm256_loadu_ps(xl + 8), a1);
            a2 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_load_si128(p + 2)), _mm256_loadu_ps(xl + 16), a2);
            a3 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_load_si128(p + 3)), _mm256_loadu_ps(xl + 24), a3);
        }
        const __m256 s8 = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
        __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
        s4 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
        s4 = _mm_add_ss(s4, _mm_shuffle_ps(s4, s4, 1));
        y[r] = _mm_cvtss_f32(s4) * scale[r] + bias[r];
    }
}

// GCC 12's AVX-512 intrinsics pass _mm512_undefined_ps() as the unused mask source: a known false alarm.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The same with 512-bit conversions and FMAs (half the F16C instructions per line, which bound the 256-bit
// kernel). Same summation tree per row on every call: deterministic.
__attribute__((target("avx512f"))) void gemvHalf512(const HalfLine* w, int rows, int lines, const float* scale,
    const float* bias, const float* x, float* y)
{
    for (int r = 0; r < rows; ++r) {
        const HalfLine* row = w + std::size_t(r) * std::size_t(lines);
        __m512 a0 = _mm512_setzero_ps(), a1 = a0;
        for (int l = 0; l < lines; ++l) {
            const __m256i* p = reinterpret_cast<const __m256i*>(row[l].v);
            const float* xl = x + l * kLine;
            a0 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_load_si256(p)), _mm512_loadu_ps(xl), a0);
            a1 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_load_si256(p + 1)), _mm512_loadu_ps(xl + 16), a1);
        }
        y[r] = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1)) * scale[r] + bias[r];
    }
}

#pragma GCC diagnostic pop

bool cpuHasAvx512()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

void gemvHalfBest(const HalfLine* w, int rows, int lines, const float* scale, const float* bias, const float* x,
    float* y)
{
    static const bool wide = cpuHasAvx512();
    if (wide)
        gemvHalf512(w, rows, lines, scale, bias, x, y);
    else
        gemvHalf(w, rows, lines, scale, bias, x, y);
}

} // namespace

Result<FastDecoder> FastDecoder::create(const Model& model, Precision precision)
{
    auto vae = std::dynamic_pointer_cast<RhythmVaeImpl>(module(model));
    if (!vae)
        return Error{"", "the fast decoder supports RhythmVAE models only (this is '" + model.config().type + "')"};
    const ModelConfig& c = model.config();
    FastDecoder d;
    d.m_latent = c.latent;
    d.m_trunk = c.decoderHidden;
    d.m_head = c.hidden;
    d.m_cells = c.steps() * c.voices();
    d.m_trunkLines = (d.m_trunk + kLine - 1) / kLine;
    d.m_headLines = (d.m_head + kLine - 1) / kLine;
    d.m_half = precision == Precision::Half && cpuHasHalfKernel();

    std::vector<float> trunkW;
    fold(*vae->decoderTrunk, trunkW, d.m_trunkB);
    d.m_trunkWt.resize(trunkW.size());
    for (int r = 0; r < d.m_trunk; ++r)
        for (int j = 0; j < d.m_latent; ++j)
            d.m_trunkWt[std::size_t(j) * std::size_t(d.m_trunk) + std::size_t(r)]
                = trunkW[std::size_t(r) * std::size_t(d.m_latent) + std::size_t(j)];
    fold(*vae->hitHead, d.m_headW, d.m_headB);
    fold(*vae->velocityHead, d.m_headW, d.m_headB);
    fold(*vae->offsetHead, d.m_headW, d.m_headB);
    appendLinear(*vae->hitOut, d.m_outW, d.m_outB);
    appendLinear(*vae->velocityOut, d.m_outW, d.m_outB);
    appendLinear(*vae->offsetOut, d.m_outW, d.m_outB);
    if (d.m_half) {
        packHalf(d.m_headW.data(), 3 * d.m_head, d.m_trunk, d.m_trunkLines, d.m_halfW, d.m_rowScale);
        packHalf(d.m_outW.data(), 3 * d.m_cells, d.m_head, d.m_headLines, d.m_halfW, d.m_rowScale);
        d.m_headW = {};
        d.m_outW = {};
    }
    // Padding stays zero: the fp16 kernel reads whole lines.
    d.m_h1.assign(std::size_t(d.m_trunkLines) * kLine, 0.0f);
    d.m_h2.assign(std::size_t(3 * d.m_headLines) * kLine, 0.0f);
    d.m_out.assign(std::size_t(3 * d.m_cells), 0.0f);
    return d;
}

void FastDecoder::decodeHalf(float* out)
{
    // The stacked heads, then the stacked output layers: one sweep over one buffer. Head k's activations go to
    // its own zero-padded slot of m_h2, which the rows of output layer k read.
    const std::size_t headStride = std::size_t(m_headLines) * kLine;
    const std::size_t headRows = std::size_t(m_head);
    for (int k = 0; k < 3; ++k) {
        const std::size_t first = std::size_t(k) * headRows;
        float* h = m_h2.data() + std::size_t(k) * headStride;
        gemvHalfBest(m_halfW.data() + first * std::size_t(m_trunkLines), m_head, m_trunkLines, m_rowScale.data() + first,
            m_headB.data() + first, m_h1.data(), h);
        for (int i = 0; i < m_head; ++i)
            h[i] = leaky(h[i]);
    }
    const HalfLine* outW = m_halfW.data() + 3 * headRows * std::size_t(m_trunkLines);
    const float* outScale = m_rowScale.data() + 3 * headRows;
    for (int k = 0; k < 3; ++k) {
        const std::size_t first = std::size_t(k) * std::size_t(m_cells);
        gemvHalfBest(outW + first * std::size_t(m_headLines), m_cells, m_headLines, outScale + first,
            m_outB.data() + first, m_h2.data() + std::size_t(k) * headStride, out + first);
    }
}

void FastDecoder::decodeFloat(float* out)
{
    const std::size_t headStride = std::size_t(m_headLines) * kLine;
    for (int k = 0; k < 3; ++k) {
        float* h = m_h2.data() + std::size_t(k) * headStride;
        std::copy_n(m_headB.data() + std::size_t(k * m_head), m_head, h);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, m_head, m_trunk, 1.0f,
            m_headW.data() + std::size_t(k) * std::size_t(m_head) * std::size_t(m_trunk), m_trunk, m_h1.data(), 1,
            1.0f, h, 1);
        for (int i = 0; i < m_head; ++i)
            h[i] = leaky(h[i]);
    }
    for (int k = 0; k < 3; ++k) {
        const std::size_t first = std::size_t(k) * std::size_t(m_cells);
        std::copy_n(m_outB.data() + first, m_cells, out + first);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, m_cells, m_head, 1.0f, m_outW.data() + first * std::size_t(m_head),
            m_head, m_h2.data() + std::size_t(k) * headStride, 1, 1.0f, out + first, 1);
    }
}

void FastDecoder::decode(const float* z, float* hitProbability, float* velocity, float* offset)
{
    // Trunk: latent is tiny, so a column sweep over the transposed weights (vectorised by the compiler).
    std::copy(m_trunkB.begin(), m_trunkB.end(), m_h1.begin());
    for (int j = 0; j < m_latent; ++j) {
        const float zj = z[j];
        const float* col = m_trunkWt.data() + std::size_t(j) * std::size_t(m_trunk);
        for (int r = 0; r < m_trunk; ++r)
            m_h1[std::size_t(r)] += col[r] * zj;
    }
    for (int r = 0; r < m_trunk; ++r)
        m_h1[std::size_t(r)] = leaky(m_h1[std::size_t(r)]);

    if (m_half)
        decodeHalf(m_out.data());
    else
        decodeFloat(m_out.data());

    const float* logits = m_out.data();
    const float* vel = logits + m_cells;
    const float* off = vel + m_cells;
    for (int i = 0; i < m_cells; ++i) {
        hitProbability[i] = 1.0f / (1.0f + std::exp(-logits[i]));
        velocity[i] = 1.0f / (1.0f + std::exp(-vel[i]));
        offset[i] = std::tanh(off[i]);
    }
}

} // namespace gs
