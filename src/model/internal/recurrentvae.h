#pragma once
// INTERNAL (torch): a recurrent VAE in the GrooVAE / MusicVAE family, sized
// for CPU training. Encoder: a bidirectional GRU over the steps (27 inputs per
// step for 9 voices); the last states of both directions give mean and
// log-variance. Hierarchical decoder: z sets the state of a conductor GRU that
// emits one vector per bar; a bottom GRU decodes each bar's steps from its
// conductor vector (fed at every step with the step's position in the bar).
// The bottom decoder is not autoregressive, so decoding a z is one pass and
// deterministic (what dragging on the map needs).
#include "vae.h"

namespace gs {

class RecurrentVaeImpl : public VaeImpl {
public:
    explicit RecurrentVaeImpl(ModelConfig config);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override;
    Decoded decode(const torch::Tensor& z) override;

private:
    torch::nn::GRU m_encoder{nullptr};
    torch::nn::Linear m_mu{nullptr}, m_logVar{nullptr};
    torch::nn::Linear m_conductorInit{nullptr};
    torch::nn::GRU m_conductor{nullptr};
    torch::nn::Linear m_barInit{nullptr};
    torch::nn::GRU m_bottom{nullptr};
    torch::nn::Linear m_output{nullptr};
    torch::Tensor m_position;  // [stepsPerBar, stepsPerBar] one-hot, a buffer
};

} // namespace gs
