#include "latentspace.h"

#include "model/fastdecoder.h"
#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/internal/vae.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>

namespace gs {

struct LatentSpace::Impl {
    std::optional<Model> model;  // keeps the facade (and its module) alive
    std::shared_ptr<VaeImpl> module;
    mutable std::mutex mutex;
    std::vector<torch::Tensor> decoderParameters;  // found once, by gradient flow
    std::vector<torch::Tensor> originalWeights;  // non-empty while bent

    std::optional<FastDecoder> fast;  // RhythmVAE models: the single-z path without torch
    std::vector<DecodedGroove> fromDecoded(const Decoded& decoded) const;
    void findDecoderParameters();
    void rebuildFast();
};

void LatentSpace::Impl::rebuildFast()
{
    fast.reset();
    if (!model || model->config().type != "rhythmvae")
        return;
    // fp16 weights halve the bytes streamed per decode: the drag path's p99 stays
    // under 100 us on 2 loaded cores, within FastDecoder::kHalfTolerance of the module.
    if (auto made = FastDecoder::create(*model, FastDecoder::Precision::Half))
        fast = std::move(*made);
}

std::vector<DecodedGroove> LatentSpace::Impl::fromDecoded(const Decoded& decoded) const
{
    const ModelConfig& c = module->config();
    const torch::Tensor logits = decoded.hitLogits.contiguous().to(torch::kFloat32);
    const torch::Tensor velocity = decoded.velocity.contiguous().to(torch::kFloat32);
    const torch::Tensor offset = decoded.offset.contiguous().to(torch::kFloat32);
    const auto batch = logits.size(0);
    const std::size_t cells = std::size_t(c.steps()) * std::size_t(c.voices());
    std::vector<DecodedGroove> out(static_cast<std::size_t>(batch));
    for (int64_t b = 0; b < batch; ++b) {
        DecodedGroove& d = out[std::size_t(b)];
        d.grid = c.grid;
        d.steps = c.steps();
        d.voices = c.voices();
        const float* l = logits.data_ptr<float>() + b * int64_t(cells);
        const float* v = velocity.data_ptr<float>() + b * int64_t(cells);
        const float* o = offset.data_ptr<float>() + b * int64_t(cells);
        d.hitLogits.assign(l, l + cells);
        d.velocity.assign(v, v + cells);
        d.offset.assign(o, o + cells);
    }
    return out;
}

void LatentSpace::Impl::findDecoderParameters()
{
    if (!decoderParameters.empty())
        return;
    // The module does not say which of its parameters the decoder uses; the
    // gradient of a decode does.
    const bool wasTraining = module->is_training();
    module->eval();
    for (auto& p : module->parameters())
        p.mutable_grad() = torch::Tensor();
    {
        torch::AutoGradMode grad(true);
        torch::Tensor z = torch::zeros({2, module->config().latent});
        Decoded d = module->decode(z);
        (d.hitLogits.sum() + d.velocity.sum() + d.offset.sum()).backward();
    }
    for (auto& p : module->parameters()) {
        if (p.grad().defined())
            decoderParameters.push_back(p);
        p.mutable_grad() = torch::Tensor();
    }
    module->train(wasTraining);
}

LatentSpace::LatentSpace(const Model& model) : m_impl(std::make_unique<Impl>())
{
    m_impl->model = model;
    m_impl->module = gs::module(model);
    if (!m_impl->module)
        throw std::invalid_argument("model without a module");
    m_impl->rebuildFast();
}

LatentSpace::LatentSpace(std::shared_ptr<VaeImpl> module) : m_impl(std::make_unique<Impl>())
{
    if (!module)
        throw std::invalid_argument("null module");
    m_impl->module = std::move(module);
}

LatentSpace::~LatentSpace() = default;

const ModelConfig& LatentSpace::config() const { return m_impl->module->config(); }
int LatentSpace::latent() const { return config().latent; }

Status LatentSpace::checkLatent(const LatentVector& z) const
{
    if (int(z.size()) != latent())
        return Error{"", "the latent vector has " + std::to_string(z.size()) + " values; this model's latent space has "
                             + std::to_string(latent())};
    for (float v : z)
        if (!std::isfinite(v))
            return Error{"", "the latent vector holds a value that is not a finite number"};
    return success();
}

Result<EncodedSet> LatentSpace::encode(const std::vector<Groove>& grooves, const Progress& progress,
                                       const std::atomic<bool>* cancel, int batchSize) const
{
    const ModelConfig& c = config();
    for (std::size_t i = 0; i < grooves.size(); ++i) {
        if (grooves[i].steps() != c.steps() || grooves[i].voices() != c.voices())
            return Error{"", "window " + std::to_string(i) + " has " + std::to_string(grooves[i].steps()) + " steps x "
                                 + std::to_string(grooves[i].voices()) + " voices; the model expects "
                                 + std::to_string(c.steps()) + " x " + std::to_string(c.voices())};
    }
    EncodedSet out;
    out.mean.reserve(grooves.size());
    out.logVar.reserve(grooves.size());
    const std::size_t batch = std::size_t(std::max(1, batchSize));
    for (std::size_t first = 0; first < grooves.size(); first += batch) {
        if (cancel && cancel->load())
            return Error{"", "encoding cancelled"};
        const std::size_t count = std::min(batch, grooves.size() - first);
        torch::Tensor mu, logVar;
        {
            std::lock_guard lock(m_impl->mutex);
            torch::NoGradGuard noGrad;
            const bool wasTraining = m_impl->module->is_training();
            m_impl->module->eval();
            const std::vector<Groove> part(grooves.begin() + long(first), grooves.begin() + long(first + count));
            std::tie(mu, logVar) = m_impl->module->encode(groovesToTensor(part, c.steps(), c.voices()));
            m_impl->module->train(wasTraining);
        }
        mu = mu.contiguous().to(torch::kFloat32);
        logVar = logVar.contiguous().to(torch::kFloat32);
        const auto latentSize = mu.size(1);
        for (std::size_t b = 0; b < count; ++b) {
            const float* m = mu.data_ptr<float>() + int64_t(b) * latentSize;
            const float* l = logVar.data_ptr<float>() + int64_t(b) * latentSize;
            out.mean.emplace_back(m, m + latentSize);
            out.logVar.emplace_back(l, l + latentSize);
        }
        if (progress)
            progress(int(first + count), int(grooves.size()));
    }
    return out;
}

DecodedGroove LatentSpace::decode(const LatentVector& z) const
{
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->fast && int(z.size()) == m_impl->fast->latent()) {
            const ModelConfig& c = config();
            const std::size_t cells = std::size_t(m_impl->fast->cells());
            DecodedGroove d;
            d.grid = c.grid;
            d.steps = c.steps();
            d.voices = c.voices();
            d.hitLogits.resize(cells);
            d.velocity.resize(cells);
            d.offset.resize(cells);
            m_impl->fast->decode(z.data(), d.hitLogits.data(), d.velocity.data(), d.offset.data());
            // FastDecoder gives probabilities; temperature works on logits.
            for (float& p : d.hitLogits) {
                const float q = std::clamp(p, 1e-7f, 1.0f - 1e-7f);
                p = std::log(q) - std::log1p(-q);
            }
            return d;
        }
    }
    auto out = decode(std::vector<LatentVector>{z}, 1);
    return std::move(out.front());
}

std::vector<DecodedGroove> LatentSpace::decode(const std::vector<LatentVector>& zs, int batchSize) const
{
    const int dims = latent();
    for (const auto& z : zs)
        if (int(z.size()) != dims)
            throw std::invalid_argument("latent vector of the wrong size");
    std::vector<DecodedGroove> out;
    out.reserve(zs.size());
    const std::size_t batch = std::size_t(std::max(1, batchSize));
    for (std::size_t first = 0; first < zs.size(); first += batch) {
        const std::size_t count = std::min(batch, zs.size() - first);
        torch::Tensor z = torch::empty({int64_t(count), dims}, torch::kFloat32);
        float* data = z.data_ptr<float>();
        for (std::size_t b = 0; b < count; ++b)
            std::copy(zs[first + b].begin(), zs[first + b].end(), data + b * std::size_t(dims));
        std::lock_guard lock(m_impl->mutex);
        torch::InferenceMode inference;
        const bool wasTraining = m_impl->module->is_training();
        m_impl->module->eval();
        auto part = m_impl->fromDecoded(m_impl->module->decode(z));
        m_impl->module->train(wasTraining);
        for (auto& d : part)
            out.push_back(std::move(d));
    }
    return out;
}

Groove LatentSpace::generate(const LatentVector& z, const SamplingOptions& sampling) const
{
    return realise(decode(z), sampling);
}

void LatentSpace::bend(float amount, std::uint64_t seed)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->findDecoderParameters();
    torch::NoGradGuard noGrad;
    auto& params = m_impl->decoderParameters;
    if (m_impl->originalWeights.empty()) {
        for (auto& p : params)
            m_impl->originalWeights.push_back(p.detach().clone());
    }
    // Own generator, so a bend never disturbs (or depends on) torch's global seed.
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const torch::Tensor& original = m_impl->originalWeights[i];
        const float scale = original.numel() > 1 ? original.std().item<float>() : std::abs(original.item<float>());
        torch::Tensor noise = torch::empty_like(original);
        float* n = noise.data_ptr<float>();
        for (int64_t k = 0; k < noise.numel(); ++k)
            n[k] = normal(rng);
        params[i].copy_(original + amount * scale * noise);
    }
    m_impl->rebuildFast();
}

void LatentSpace::unbend()
{
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->originalWeights.empty())
        return;
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_impl->decoderParameters.size(); ++i)
        m_impl->decoderParameters[i].copy_(m_impl->originalWeights[i]);
    m_impl->originalWeights.clear();
    m_impl->rebuildFast();
}

bool LatentSpace::isBent() const
{
    std::lock_guard lock(m_impl->mutex);
    return !m_impl->originalWeights.empty();
}

} // namespace gs
