#pragma once
// INTERNAL (torch): RhythmVAE (Tokui 2020) as its public code builds it.
// Encoder: hits, velocities and offsets each flattened into Dense 512 + BN +
// LeakyReLU, concatenated, Dense 512 + BN + LeakyReLU, then mean and
// log-variance. Decoder: Dense 1024 + BN + LeakyReLU, three heads of Dense 512
// + BN + LeakyReLU + Dense out; velocity sigmoid, offset tanh, hits as logits
// (the sigmoid is applied in the loss and when decoding).
// BatchNorm uses batch statistics in training and running statistics in eval
// (the reference keeps its BN in inference mode while training, so its moving
// statistics never change; we train them properly).
#include "vae.h"

namespace gs {

// Dense + BatchNorm + LeakyReLU, the RhythmVAE building block.
struct DenseBnImpl : torch::nn::Module {
    DenseBnImpl(int in, int out);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear linear{nullptr};
    torch::nn::BatchNorm1d norm{nullptr};
};
TORCH_MODULE(DenseBn);

class RhythmVaeImpl : public VaeImpl {
public:
    explicit RhythmVaeImpl(ModelConfig config);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override;
    Decoded decode(const torch::Tensor& z) override;

    // Named for FastDecoder, which folds them.
    DenseBn hitBranch{nullptr}, velocityBranch{nullptr}, offsetBranch{nullptr}, encoderTrunk{nullptr};
    torch::nn::Linear muLayer{nullptr}, logVarLayer{nullptr};
    DenseBn decoderTrunk{nullptr}, hitHead{nullptr}, velocityHead{nullptr}, offsetHead{nullptr};
    torch::nn::Linear hitOut{nullptr}, velocityOut{nullptr}, offsetOut{nullptr};
};

} // namespace gs
