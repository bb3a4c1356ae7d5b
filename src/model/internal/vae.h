#pragma once
// INTERNAL: the torch face of every model. Included only by .cpp files of
// src/model, src/train and src/latent (torch headers cost 10-20 s a file).
//
// Tensor layout shared by every model and every user of them:
//   input x:   [batch, steps, 3 * voices] float, per step: hits (voices), velocities (voices), offsets (voices)
//   z, mu, logVar: [batch, latent]
//   decode:    hitLogits, velocity (0..1), offset (-1..1), each [batch, steps, voices]
#include "model/modelconfig.h"

#include <torch/torch.h>

namespace gs {

struct Decoded {
    torch::Tensor hitLogits;
    torch::Tensor velocity;
    torch::Tensor offset;
};

struct VaeOutput {
    Decoded decoded;
    torch::Tensor mu;
    torch::Tensor logVar;
    torch::Tensor z;
};

class VaeImpl : public torch::nn::Module {
public:
    explicit VaeImpl(ModelConfig config) : m_config(std::move(config)) {}
    const ModelConfig& config() const { return m_config; }

    virtual std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) = 0;
    virtual Decoded decode(const torch::Tensor& z) = 0;

    // What the optimizer trains (a map model leaves its embedded base frozen).
    virtual std::vector<torch::Tensor> trainableParameters() { return parameters(); }
    // The tensor the loss sees for a batch of windows x, computed once before training: x itself,
    // or for a map model the base model's latent means.
    virtual torch::Tensor lossInputs(const torch::Tensor& x) { return x; }
    // Called once on a fresh model with the training set's lossInputs (a map fits its standardisation).
    virtual void fitInputs(const torch::Tensor& /*inputs*/) {}

    // Reparameterised sample in training, the mean otherwise.
    VaeOutput forward(const torch::Tensor& x)
    {
        auto [mu, logVar] = encode(x);
        torch::Tensor z = is_training() ? mu + torch::randn_like(mu) * torch::exp(0.5 * logVar) : mu;
        return {decode(z), mu, logVar, z};
    }

    // The pass the training loss sees, and the target it compares with (the input itself, except
    // for models that learn conditions from altered targets: transformervae.h).
    virtual std::pair<VaeOutput, torch::Tensor> trainingForward(const torch::Tensor& x) { return {forward(x), x}; }
    // The style index of each window of the next training batch ([batch] long, -1 = unknown), for
    // models conditioned on style; the others ignore it.
    virtual void setBatchStyles(const torch::Tensor& styleIds) { (void)styleIds; }

private:
    ModelConfig m_config;
};

} // namespace gs
