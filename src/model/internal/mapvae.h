#pragma once
// INTERNAL (torch): the "map" model, a small VAE over the latent MEANS of a
// frozen base model (the MidiMe approach, Dinculescu, Engel & Roberts 2019):
// the knowledge stays in the big pretrained model and the map only learns
// where a musician's grooves lie in its latent space, so it trains in seconds.
//
//   encode(x): base encoder mean -> standardised -> MLP -> (mu, log-variance)
//   decode(z): MLP -> base latent (un-standardised) -> base decoder -> groove
//
// Everything that decodes or encodes through VaeImpl (LatentSpace, the
// evaluator, generate, interpolate) therefore goes through the whole chain.
// The base is a registered child ("base"), so its weights are saved in the
// map's file and checked like any other layer when it loads. Its parameters
// never train (requires_grad off, eval mode always); trainableParameters()
// are the map's own. Training works on base latents: lossInputs() encodes
// the windows once, and mapLoss() (vaeloss.h) reconstructs them.
#include "vae.h"

namespace gs {

// Columns lossInputs() puts after the base means: each window's hit count (density) and mean velocity.
constexpr int64_t kMapAttributeColumns = 2;

class MapVaeImpl : public VaeImpl {
public:
    explicit MapVaeImpl(ModelConfig config);

    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override;
    Decoded decode(const torch::Tensor& z) override;
    std::vector<torch::Tensor> trainableParameters() override;
    torch::Tensor lossInputs(const torch::Tensor& x) override;
    void fitInputs(const torch::Tensor& inputs) override;
    // The base stays in eval mode (its BatchNorm statistics are the base's, never the musician's).
    void train(bool on = true) override;

    // In standardised base-latent units ((m - center) / scale), both ways.
    std::pair<torch::Tensor, torch::Tensor> encodeLatent(const torch::Tensor& standardised);
    torch::Tensor decodeLatent(const torch::Tensor& z);
    torch::Tensor standardise(const torch::Tensor& baseMeans) const;
    // A map point's base latent: decode(z) is base->decode(toBase(z)).
    torch::Tensor toBase(const torch::Tensor& z);

    std::shared_ptr<VaeImpl> base;

private:
    torch::nn::Linear enc1{nullptr}, enc2{nullptr}, muLayer{nullptr}, logVarLayer{nullptr};
    torch::nn::Linear dec1{nullptr}, dec2{nullptr}, decOut{nullptr};
    torch::Tensor center, scale;  // per base dimension, from the training means (buffers)
};

} // namespace gs
