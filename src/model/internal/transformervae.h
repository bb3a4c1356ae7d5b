#pragma once
// INTERNAL (torch): the Groove Transformer VAE (Haki et al. 2023; research/README.md, model 3).
// Encoder: each step's features through a Dense layer (no token embedding) plus a sinusoidal
// position code, Transformer encoder layers, the whole sequence flattened to mean and log-variance.
// Decoder: z projected to every step, plus positions and the condition vector, a stack of
// Transformer (self-attention) layers, and a Dense output of hit logit, velocity and offset per
// voice and step. Not autoregressive: one pass, deterministic in evaluation mode.
//
// Input modes (TransformerConfig::inputMode): "full" encodes the drums like the other models;
// "groove" encodes their monotonic groove (monotonic.h), computed here from the ordinary drum
// tensor, so the latent space, the trainer and eval use a groove-mode model unchanged.
//
// Conditions (groove mode), [batch, kVoiceGroups + styles]: a redirect flag per voice group, then a
// one-hot style (all zero: none). Training teaches them by dropout: with redirectRate a window's
// target is its drums with one random group redirected (voicegroup.h) and that group's flag set;
// its style (setBatchStyles) is shown except with styleDropout. decode(z) asks for no conditions.
#include "vae.h"

namespace gs {

class TransformerVaeImpl : public VaeImpl {
public:
    explicit TransformerVaeImpl(ModelConfig config);

    bool grooveInput() const { return config().transformer.inputMode == "groove"; }
    int conditions() const { return m_conditions; }

    // x: the drum tensor [batch, steps, 3 * voices] (both modes).
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override;
    // The encoder's own input: [batch, steps, 3] monotonic grooves in groove mode, the drums in full mode.
    std::pair<torch::Tensor, torch::Tensor> encodeInput(const torch::Tensor& input);
    Decoded decode(const torch::Tensor& z) override { return decode(z, torch::Tensor()); }
    // conditions: [batch, conditions()] or undefined (none).
    Decoded decode(const torch::Tensor& z, const torch::Tensor& conditions);

    std::pair<VaeOutput, torch::Tensor> trainingForward(const torch::Tensor& x) override;
    void setBatchStyles(const torch::Tensor& styleIds) override { m_batchStyles = styleIds; }

    // [batch, steps, 3 * voices] -> [batch, steps, 3]: hit where any voice hits, the loudest hit's
    // velocity and offset (ties: the lower voice), as monotonicGroove does.
    static torch::Tensor monotonic(const torch::Tensor& x, int voices);

private:
    torch::Tensor redirectedTargets(const torch::Tensor& x, torch::Tensor& conditions) const;

    int m_conditions = 0;
    torch::nn::Linear m_input{nullptr};
    torch::nn::TransformerEncoder m_encoder{nullptr};
    torch::nn::Linear m_mu{nullptr}, m_logVar{nullptr};
    torch::nn::Linear m_fromZ{nullptr};
    torch::nn::Linear m_condition{nullptr};
    torch::nn::TransformerEncoder m_decoder{nullptr};
    torch::nn::Linear m_output{nullptr};
    torch::Tensor m_encoderPosition, m_decoderPosition;  // buffers [steps, d]
    torch::Tensor m_batchStyles;  // [batch] long, -1 = unknown; set by the trainer per batch
};

} // namespace gs
