#include "recurrentvae.h"

namespace gs {

RecurrentVaeImpl::RecurrentVaeImpl(ModelConfig config) : VaeImpl(std::move(config))
{
    const ModelConfig& c = this->config();
    const int features = 3 * c.voices();
    const int h = c.rnnHidden;
    const int barSteps = c.grid.stepsPerBar();
    m_encoder = register_module("encoder",
        torch::nn::GRU(torch::nn::GRUOptions(features, h).batch_first(true).bidirectional(true)));
    m_mu = register_module("mu", torch::nn::Linear(2 * h, c.latent));
    m_logVar = register_module("log_var", torch::nn::Linear(2 * h, c.latent));
    m_conductorInit = register_module("conductor_init", torch::nn::Linear(c.latent, h));
    m_conductor = register_module("conductor", torch::nn::GRU(torch::nn::GRUOptions(c.latent, h).batch_first(true)));
    m_barInit = register_module("bar_init", torch::nn::Linear(h, h));
    m_bottom = register_module("bottom", torch::nn::GRU(torch::nn::GRUOptions(h + barSteps, h).batch_first(true)));
    m_output = register_module("output", torch::nn::Linear(h, features));
    m_position = register_buffer("position", torch::eye(barSteps));
}

std::pair<torch::Tensor, torch::Tensor> RecurrentVaeImpl::encode(const torch::Tensor& x)
{
    auto [out, state] = m_encoder->forward(x);
    // state: [2, batch, h] (forward, backward) -> [batch, 2h]
    torch::Tensor h = torch::cat({state[0], state[1]}, 1);
    return {m_mu->forward(h), m_logVar->forward(h)};
}

Decoded RecurrentVaeImpl::decode(const torch::Tensor& z)
{
    const ModelConfig& c = config();
    const int64_t batch = z.size(0), bars = c.grid.bars, barSteps = c.grid.stepsPerBar();
    const int64_t voices = c.voices(), h = c.rnnHidden;
    torch::Tensor h0 = torch::tanh(m_conductorInit->forward(z)).unsqueeze(0);
    torch::Tensor conductorIn = z.unsqueeze(1).expand({batch, bars, z.size(1)}).contiguous();
    torch::Tensor barVectors = std::get<0>(m_conductor->forward(conductorIn, h0));  // [batch, bars, h]
    torch::Tensor flatBars = barVectors.reshape({batch * bars, h});
    torch::Tensor bottomIn = torch::cat({flatBars.unsqueeze(1).expand({batch * bars, barSteps, h}),
                                            m_position.unsqueeze(0).expand({batch * bars, barSteps, barSteps})},
        2);
    torch::Tensor b0 = torch::tanh(m_barInit->forward(flatBars)).unsqueeze(0);
    torch::Tensor out = m_output->forward(std::get<0>(m_bottom->forward(bottomIn, b0)));
    out = out.reshape({batch, bars * barSteps, 3 * voices});
    return {out.narrow(2, 0, voices), torch::sigmoid(out.narrow(2, voices, voices)),
        torch::tanh(out.narrow(2, 2 * voices, voices))};
}

} // namespace gs
