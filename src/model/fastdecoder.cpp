#include "fastdecoder.h"

#include "modelinternal.h"
#include "rhythmvae.h"

#include <cblas.h>

#include <cmath>

namespace gs {

namespace {

constexpr float kLeak = 0.3f;

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

void copyLinear(torch::nn::LinearImpl& layer, std::vector<float>& w, std::vector<float>& b)
{
    torch::Tensor fw = layer.weight.detach().contiguous().to(torch::kFloat);
    torch::Tensor fb = layer.bias.detach().contiguous().to(torch::kFloat);
    w.assign(fw.data_ptr<float>(), fw.data_ptr<float>() + fw.numel());
    b.assign(fb.data_ptr<float>(), fb.data_ptr<float>() + fb.numel());
}

// y = W x + b, then LeakyReLU; W is [rows x cols] row-major.
void denseLeaky(const std::vector<float>& w, const std::vector<float>& b, const float* x, int rows, int cols, float* y)
{
    std::copy(b.begin(), b.end(), y);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0f, w.data(), cols, x, 1, 1.0f, y, 1);
    for (int i = 0; i < rows; ++i)
        y[i] = y[i] > 0 ? y[i] : kLeak * y[i];
}

} // namespace

Result<FastDecoder> FastDecoder::create(const Model& model)
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
    fold(*vae->decoderTrunk, d.m_trunkW, d.m_trunkB);
    fold(*vae->hitHead, d.m_headW, d.m_headB);
    fold(*vae->velocityHead, d.m_headW, d.m_headB);
    fold(*vae->offsetHead, d.m_headW, d.m_headB);
    copyLinear(*vae->hitOut, d.m_outW[0], d.m_outB[0]);
    copyLinear(*vae->velocityOut, d.m_outW[1], d.m_outB[1]);
    copyLinear(*vae->offsetOut, d.m_outW[2], d.m_outB[2]);
    d.m_h1.resize(std::size_t(d.m_trunk));
    d.m_h2.resize(std::size_t(3 * d.m_head));
    return d;
}

void FastDecoder::decode(const float* z, float* hitProbability, float* velocity, float* offset)
{
    denseLeaky(m_trunkW, m_trunkB, z, m_trunk, m_latent, m_h1.data());
    denseLeaky(m_headW, m_headB, m_h1.data(), 3 * m_head, m_trunk, m_h2.data());
    float* outs[3] = {hitProbability, velocity, offset};
    for (int k = 0; k < 3; ++k) {
        std::copy(m_outB[k].begin(), m_outB[k].end(), outs[k]);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, m_cells, m_head, 1.0f, m_outW[k].data(), m_head,
            m_h2.data() + std::size_t(k) * std::size_t(m_head), 1, 1.0f, outs[k], 1);
    }
    for (int i = 0; i < m_cells; ++i) {
        hitProbability[i] = 1.0f / (1.0f + std::exp(-hitProbability[i]));
        velocity[i] = 1.0f / (1.0f + std::exp(-velocity[i]));
        offset[i] = std::tanh(offset[i]);
    }
}

} // namespace gs
