#include "transformervae.h"

#include "core/voicegroup.h"

#include <cmath>
#include <random>

namespace gs {

namespace {

torch::Tensor sinusoidalPositions(int64_t steps, int64_t d)
{
    torch::Tensor pe = torch::zeros({steps, d});
    auto a = pe.accessor<float, 2>();
    for (int64_t s = 0; s < steps; ++s)
        for (int64_t i = 0; i < d; ++i) {
            const double rate = std::pow(10000.0, -double(2 * (i / 2)) / double(d));
            a[s][i] = float(i % 2 == 0 ? std::sin(double(s) * rate) : std::cos(double(s) * rate));
        }
    return pe;
}

torch::nn::TransformerEncoder stack(int64_t d, int64_t heads, int64_t feedForward, int64_t layers, double dropout)
{
    torch::nn::TransformerEncoderLayer layer(
        torch::nn::TransformerEncoderLayerOptions(d, heads).dim_feedforward(feedForward).dropout(dropout));
    return torch::nn::TransformerEncoder(torch::nn::TransformerEncoderOptions(layer, layers));
}

} // namespace

TransformerVaeImpl::TransformerVaeImpl(ModelConfig config) : VaeImpl(std::move(config))
{
    const ModelConfig& c = this->config();
    const TransformerConfig& t = c.transformer;
    const int64_t steps = c.steps(), features = 3 * c.voices();
    m_conditions = transformerConditions(c);
    m_input = register_module("input", torch::nn::Linear(grooveInput() ? 3 : features, t.encoderDModel));
    m_encoder = register_module("encoder",
        stack(t.encoderDModel, t.encoderHeads, t.encoderFeedForward, t.encoderLayers, t.dropout));
    m_mu = register_module("mu", torch::nn::Linear(steps * t.encoderDModel, c.latent));
    m_logVar = register_module("log_var", torch::nn::Linear(steps * t.encoderDModel, c.latent));
    m_fromZ = register_module("from_z", torch::nn::Linear(c.latent, steps * t.decoderDModel));
    m_condition = register_module("condition", torch::nn::Linear(m_conditions, t.decoderDModel));
    m_decoder = register_module("decoder",
        stack(t.decoderDModel, t.decoderHeads, t.decoderFeedForward, t.decoderLayers, t.dropout));
    m_output = register_module("output", torch::nn::Linear(t.decoderDModel, features));
    m_encoderPosition = register_buffer("encoder_position", sinusoidalPositions(steps, t.encoderDModel));
    m_decoderPosition = register_buffer("decoder_position", sinusoidalPositions(steps, t.decoderDModel));
}

torch::Tensor TransformerVaeImpl::monotonic(const torch::Tensor& x, int voices)
{
    const torch::Tensor hits = x.narrow(2, 0, voices), velocity = x.narrow(2, voices, voices);
    const torch::Tensor offset = x.narrow(2, 2 * voices, voices);
    // A hit always outranks no hit; among hits the loudest (argmax takes the first of equals).
    const torch::Tensor loudest = torch::argmax((hits > 0.5).to(x.dtype()) * (velocity + 1.0), 2, true);
    const torch::Tensor any = (hits > 0.5).any(2, true).to(x.dtype());
    return torch::cat({any, velocity.gather(2, loudest) * any, offset.gather(2, loudest) * any}, 2);
}

std::pair<torch::Tensor, torch::Tensor> TransformerVaeImpl::encode(const torch::Tensor& x)
{
    return encodeInput(grooveInput() ? monotonic(x, config().voices()) : x);
}

std::pair<torch::Tensor, torch::Tensor> TransformerVaeImpl::encodeInput(const torch::Tensor& input)
{
    const int64_t batch = input.size(0);
    torch::Tensor h = m_input->forward(input) + m_encoderPosition.unsqueeze(0);
    h = m_encoder->forward(h.transpose(0, 1)).transpose(0, 1).reshape({batch, -1});  // layers take [steps, batch, d]
    return {m_mu->forward(h), m_logVar->forward(h)};
}

Decoded TransformerVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& conditions)
{
    const ModelConfig& c = config();
    const int64_t batch = z.size(0), steps = c.steps(), voices = c.voices(), d = c.transformer.decoderDModel;
    const torch::Tensor cond = conditions.defined() ? conditions : torch::zeros({batch, m_conditions}, z.options());
    torch::Tensor h = m_fromZ->forward(z).reshape({batch, steps, d}) + m_decoderPosition.unsqueeze(0)
        + m_condition->forward(cond).unsqueeze(1);
    torch::Tensor out = m_output->forward(m_decoder->forward(h.transpose(0, 1)).transpose(0, 1));
    return {out.narrow(2, 0, voices), torch::sigmoid(out.narrow(2, voices, voices)),
        torch::tanh(out.narrow(2, 2 * voices, voices))};
}

torch::Tensor TransformerVaeImpl::redirectedTargets(const torch::Tensor& x, torch::Tensor& conditions) const
{
    const ModelConfig& c = config();
    const TransformerConfig& t = c.transformer;
    const int64_t batch = x.size(0), steps = x.size(1), voices = c.voices();
    // Torch's generator (seeded by the trainer) decides, so a run repeats.
    const torch::Tensor roll = torch::rand({batch});
    const torch::Tensor group = torch::randint(kVoiceGroups, {batch}, torch::kLong);
    const torch::Tensor styleRoll = torch::rand({batch});
    torch::Tensor target = x.detach().to(torch::kFloat).contiguous().clone();
    conditions = torch::zeros({batch, m_conditions});
    float* data = target.data_ptr<float>();
    float* cond = conditions.data_ptr<float>();
    const bool styles = m_batchStyles.defined() && m_batchStyles.size(0) == batch;
    for (int64_t b = 0; b < batch; ++b) {
        if (styles) {
            const int64_t id = m_batchStyles[b].item<int64_t>();
            if (id >= 0 && id + kVoiceGroups < m_conditions && styleRoll[b].item<float>() >= t.styleDropout)
                cond[b * m_conditions + kVoiceGroups + id] = 1.0f;
        }
        if (roll[b].item<float>() >= t.redirectRate)
            continue;
        GroupFlags without{};
        const int64_t g = group[b].item<int64_t>();
        without[std::size_t(g)] = true;
        cond[b * m_conditions + g] = 1.0f;
        const std::vector<int> to = redirectTargets(c.drumMap, without);
        float* w = data + b * steps * 3 * voices;
        for (int64_t s = 0; s < steps; ++s, w += 3 * voices) {
            for (int64_t v = 0; v < voices; ++v) {
                const int u = to[std::size_t(v)];
                if (u == v || w[v] < 0.5f)
                    continue;
                const float vel = w[voices + v], off = w[2 * voices + v];
                w[v] = w[voices + v] = w[2 * voices + v] = 0.0f;
                if (u >= 0 && !(w[u] >= 0.5f && w[voices + u] >= vel)) {  // the louder hit wins the cell
                    w[u] = 1.0f;
                    w[voices + u] = vel;
                    w[2 * voices + u] = off;
                }
            }
        }
    }
    return target.to(x.dtype());
}

std::pair<VaeOutput, torch::Tensor> TransformerVaeImpl::trainingForward(const torch::Tensor& x)
{
    if (!grooveInput() || !is_training())
        return {forward(x), x};
    torch::Tensor conditions;
    const torch::Tensor target = redirectedTargets(x, conditions);
    auto [mu, logVar] = encode(x);  // the rhythm the player gave, whatever the drums are asked to be
    torch::Tensor z = mu + torch::randn_like(mu) * torch::exp(0.5 * logVar);
    return {VaeOutput{decode(z, conditions.to(z.dtype())), mu, logVar, z}, target};
}

} // namespace gs
