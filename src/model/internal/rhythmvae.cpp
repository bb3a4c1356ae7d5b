#include "rhythmvae.h"

namespace gs {

namespace {
constexpr double kLeak = 0.3;  // Keras LeakyReLU default alpha, as the reference uses
}

DenseBnImpl::DenseBnImpl(int in, int out)
{
    linear = register_module("linear", torch::nn::Linear(in, out));
    // Keras's epsilon 1e-3; torch's momentum 0.1 rather than Keras's 0.99 (0.01 here): the reference never
    // updates its moving statistics, and a musician's small dataset gives too few batches for 0.01 to settle.
    norm = register_module("norm", torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(out).momentum(0.1).eps(1e-3)));
}

torch::Tensor DenseBnImpl::forward(const torch::Tensor& x)
{
    return torch::leaky_relu(norm->forward(linear->forward(x)), kLeak);
}

RhythmVaeImpl::RhythmVaeImpl(ModelConfig config) : VaeImpl(std::move(config))
{
    const ModelConfig& c = this->config();
    const int cells = c.steps() * c.voices();
    hitBranch = register_module("hit_branch", DenseBn(cells, c.hidden));
    velocityBranch = register_module("velocity_branch", DenseBn(cells, c.hidden));
    offsetBranch = register_module("offset_branch", DenseBn(cells, c.hidden));
    encoderTrunk = register_module("encoder_trunk", DenseBn(3 * c.hidden, c.hidden));
    muLayer = register_module("mu", torch::nn::Linear(c.hidden, c.latent));
    logVarLayer = register_module("log_var", torch::nn::Linear(c.hidden, c.latent));
    decoderTrunk = register_module("decoder_trunk", DenseBn(c.latent, c.decoderHidden));
    hitHead = register_module("hit_head", DenseBn(c.decoderHidden, c.hidden));
    velocityHead = register_module("velocity_head", DenseBn(c.decoderHidden, c.hidden));
    offsetHead = register_module("offset_head", DenseBn(c.decoderHidden, c.hidden));
    hitOut = register_module("hit_out", torch::nn::Linear(c.hidden, cells));
    velocityOut = register_module("velocity_out", torch::nn::Linear(c.hidden, cells));
    offsetOut = register_module("offset_out", torch::nn::Linear(c.hidden, cells));
}

std::pair<torch::Tensor, torch::Tensor> RhythmVaeImpl::encode(const torch::Tensor& x)
{
    const int64_t v = config().voices();
    const int64_t batch = x.size(0);
    auto plane = [&](int64_t i) { return x.narrow(2, i * v, v).reshape({batch, -1}); };
    torch::Tensor h = torch::cat({hitBranch->forward(plane(0)), velocityBranch->forward(plane(1)),
                                     offsetBranch->forward(plane(2))},
        1);
    h = encoderTrunk->forward(h);
    return {muLayer->forward(h), logVarLayer->forward(h)};
}

Decoded RhythmVaeImpl::decode(const torch::Tensor& z)
{
    const int64_t batch = z.size(0);
    const int64_t steps = config().steps(), voices = config().voices();
    torch::Tensor h = decoderTrunk->forward(z);
    auto shape = [&](const torch::Tensor& t) { return t.reshape({batch, steps, voices}); };
    return {shape(hitOut->forward(hitHead->forward(h))),
        shape(torch::sigmoid(velocityOut->forward(velocityHead->forward(h)))),
        shape(torch::tanh(offsetOut->forward(offsetHead->forward(h))))};
}

} // namespace gs
