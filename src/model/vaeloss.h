#pragma once
// INTERNAL (torch): the training loss shared by every model.
//
// RhythmVAE's loss, kept as the reference computes it: BCE(hits) x cells +
// 2.5 MSE(velocity) x cells + 5.0 MSE(offset) x cells + KL, where the means
// run over ALL cells (velocity and offset of empty cells count, with target 0),
// averaged over the batch. The weights are LossConfig's. KL is beta x
// max(KL, freeBits) with beta annealed by klWeight().
//
// Flat-manifold penalty (FM-Music-VAE, eq. 6): flatBatch latent mixup points
// z = (1-a) z_i + a z_j, a ~ U(-a0, 1+a0), z_j from a shuffled batch, taken
// with stop-gradient (only the decoder is shaped). J = d decoder(z) / dz by
// forward differences, decoder output = [sigmoid(hit logits), velocity, offset];
// along every latent axis when latent <= flatDirections, otherwise along
// flatDirections random orthonormal directions V (then G = V^T J^T J V, which
// is c^2 I when the metric is). G = J^T J, c^2 = mean trace(G) / k
// (stop-gradient). Penalty = mean over the batch of ||G - c^2 I||_F^2 / (k c^2)^2:
// scale-free (0 when flat, ~1 when the metric's spread is as large as its
// size), so one eta suits every model and data set. The perturbed points are
// decoded in the same batch as the mixup points, so BatchNorm (in training
// mode) normalises both alike.
#include "modelrecords.h"
#include "vae.h"

namespace gs {

struct LossResult {
    torch::Tensor total;  // what to back-propagate
    LossTerms terms;  // the same as numbers
};

// beta after annealing at a point of training (epochs done, fractional).
double klWeight(const LossConfig& loss, double epochProgress);

// One forward pass of `model` on `x` and its loss. `flat`: add the penalty
// (when loss.flat is set; skipped on validation to save time unless asked).
LossResult vaeLoss(VaeImpl& model, const torch::Tensor& x, const LossConfig& loss, double klWeight, bool flat);

// eta-free flat-manifold penalty at latent points z ([batch, latent]).
torch::Tensor flatPenalty(VaeImpl& model, const torch::Tensor& z, const LossConfig& loss);

} // namespace gs
