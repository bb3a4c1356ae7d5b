#include "mapvae.h"

#include "modelfactory.h"

namespace gs {

namespace {
// Smooth activations: the map is dragged continuously, and a kinked MLP puts creases in the surface.
torch::Tensor act(const torch::Tensor& x) { return torch::nn::functional::silu(x); }
constexpr int64_t kEncodeChunk = 512;  // windows per base-encoder pass in lossInputs
}

MapVaeImpl::MapVaeImpl(ModelConfig config) : VaeImpl(std::move(config))
{
    const ModelConfig& c = this->config();
    base = createVae(c.base.at(0));
    register_module("base", base);
    for (auto& p : base->parameters())
        p.set_requires_grad(false);
    base->eval();
    const int b = c.base[0].latent, h = c.hidden, z = c.latent;
    enc1 = register_module("enc1", torch::nn::Linear(b, h));
    enc2 = register_module("enc2", torch::nn::Linear(h, h));
    muLayer = register_module("mu", torch::nn::Linear(h, z));
    logVarLayer = register_module("log_var", torch::nn::Linear(h, z));
    dec1 = register_module("dec1", torch::nn::Linear(z, h));
    dec2 = register_module("dec2", torch::nn::Linear(h, h));
    decOut = register_module("dec_out", torch::nn::Linear(h, b));
    center = register_buffer("center", torch::zeros({b}));
    scale = register_buffer("scale", torch::ones({b}));
}

void MapVaeImpl::train(bool on)
{
    VaeImpl::train(on);
    base->eval();
}

std::vector<torch::Tensor> MapVaeImpl::trainableParameters()
{
    std::vector<torch::Tensor> own;
    for (const auto& p : named_parameters(true))
        if (p.key().rfind("base.", 0) != 0)
            own.push_back(p.value());
    return own;
}

torch::Tensor MapVaeImpl::standardise(const torch::Tensor& baseMeans) const { return (baseMeans - center) / scale; }

std::pair<torch::Tensor, torch::Tensor> MapVaeImpl::encodeLatent(const torch::Tensor& standardised)
{
    torch::Tensor h = act(enc2->forward(act(enc1->forward(standardised))));
    return {muLayer->forward(h), logVarLayer->forward(h)};
}

torch::Tensor MapVaeImpl::decodeLatent(const torch::Tensor& z)
{
    return decOut->forward(act(dec2->forward(act(dec1->forward(z)))));
}

std::pair<torch::Tensor, torch::Tensor> MapVaeImpl::encode(const torch::Tensor& x)
{
    torch::Tensor means;
    {
        torch::NoGradGuard frozen;
        means = base->encode(x).first;
    }
    return encodeLatent(standardise(means));
}

torch::Tensor MapVaeImpl::toBase(const torch::Tensor& z) { return decodeLatent(z) * scale + center; }

Decoded MapVaeImpl::decode(const torch::Tensor& z) { return base->decode(toBase(z)); }

torch::Tensor MapVaeImpl::lossInputs(const torch::Tensor& x)
{
    torch::NoGradGuard frozen;
    std::vector<torch::Tensor> parts;
    for (int64_t from = 0; from < x.size(0); from += kEncodeChunk)
        parts.push_back(base->encode(x.narrow(0, from, std::min(kEncodeChunk, x.size(0) - from))).first);
    torch::Tensor means = torch::cat(parts, 0);
    // Each window's density and mean velocity ride along after the means (the attribute axes' order).
    const int64_t voices = config().voices();
    const torch::Tensor hits = x.narrow(2, 0, voices).flatten(1);
    const torch::Tensor count = hits.sum(1);
    const torch::Tensor velocity = (x.narrow(2, voices, voices).flatten(1) * hits).sum(1) / count.clamp_min(1.0);
    means = torch::cat({means, count.unsqueeze(1), velocity.unsqueeze(1)}, 1);
    if (config().loss.mapTarget == "grooves")  // the windows ride along, flattened, after those
        return torch::cat({means, x.reshape({x.size(0), -1})}, 1);
    return means;
}

void MapVaeImpl::fitInputs(const torch::Tensor& allInputs)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor inputs = allInputs.narrow(1, 0, center.size(0));
    center.copy_(inputs.mean(0));
    // One spread per dimension, floored so a collapsed base dimension does not blow up. Measured against one
    // spread for all dimensions (GMD validation over recurrent-32d-flat, 2D, seed 1): the same hit F1 (0.617 vs
    // 0.619) and smoothness (7.03 vs 7.10), but attribute change correlation 0.54 / 0.40 vs 0.38 / -0.11
    // (density / offset), so per dimension it is.
    scale.copy_(inputs.std(0).clamp_min(1e-3));
}

} // namespace gs
