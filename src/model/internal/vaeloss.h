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
// z = (1-a) z_i + a z_j, a ~ U(-a0, 1+a0), z_j from a shuffled batch. J = d f(z) / dz
// by forward differences, along every latent axis when latent <= flatDirections,
// otherwise along flatDirections random orthonormal directions V (then
// G = V^T J^T J V). f(z) is loss.flatMetric: "hits" = sigmoid(hit logits) (the
// grid the musician sees, and what smoothness counts), "all" = [hits, velocity,
// offset] (the paper), "weighted" = "all" with each plane times sqrt(its loss
// weight). G = J^T J, c^2 = mean trace(G) / k over the points.
// - relative form (flatRelative, the default): mean ||G / c^2 - I||_F^2 with c^2
//   keeping its gradient. Scale-free: it asks only that the metric be the same
//   in every direction and at every point, never that it be small.
// - absolute form (the paper as written): mean ||G - c^2 I||_F^2, c^2 detached.
//   Its gradient along the Jacobian's overall scale is 2 c^4 ||A||^2 > 0 (A the
//   anisotropy), so it also shrinks the decoder's gain; the codes then spread
//   (KL up) and reconstruction pays for it (models/recurrent-32d-flat.md has
//   the trials). A division by a detached c^4 (session 1) was worse still.
// With flatEncoderGrad the mixup points keep their gradient, so the encoder can
// also arrange the codes (the paper's eq. 6 writes sg(g(z_i, z_j)); that variant
// is flatEncoderGrad = false). The perturbed points are decoded in the same batch
// as the mixup points, so BatchNorm (in training mode) normalises both alike.
//
// Constrained objective (FM-Music-VAE eq. 3, GECO after Rezende & Viola 2018),
// when kappa > 0: lambda x (recon - kappa^2 x cells) + beta x KL + eta x flat,
// with recon the weighted reconstruction terms above and lambda the trainer's
// Lagrange multiplier (see updateLambda); back-propagated divided by lambda. It keeps reconstruction at its target
// however large eta is, which is what lets the penalty be strong without
// collapsing the posterior.
#include "model/modelrecords.h"
#include "vae.h"

namespace gs {

struct LossResult {
    torch::Tensor total;  // what to back-propagate (with lambda when constrained)
    LossTerms terms;  // the unconstrained loss (recon + beta KL + flat) and its terms, as numbers
    double constraint = 0;  // reconstruction per cell - kappa^2 (the constraint, <= 0 when met)
};

// The Lagrange multiplier of the constrained objective and its moving average.
struct LambdaState {
    double lambda = 1.0;
    double average = 0;  // moving average of the constraint
    bool started = false;
};

// One multiplicative step: lambda *= exp(rate x average), average over ~100 batches,
// lambda kept in [1e-2, 1e3] so neither side of the objective vanishes.
void updateLambda(LambdaState& state, const LossConfig& loss, double constraint);

// beta after annealing at a point of training (epochs done, fractional).
double klWeight(const LossConfig& loss, double epochProgress);

class MapVaeImpl;

// A map model's loss on its lossInputs (base latent means, then each window's density and mean velocity):
// squared error of the standardised means summed over the base's dimensions + beta x max(KL, freeBits)
// (+ mapAttributes x the attribute-axes penalty); terms.latent holds the first. vaeLoss calls it for a map
// model (the flat penalty and the constraint do not apply there).
LossResult mapLoss(MapVaeImpl& map, const torch::Tensor& inputs, const LossConfig& loss, double klWeight);

// One forward pass of `model` on `x` and its loss (for a map model, x is its lossInputs). `flat`: add the penalty
// (when loss.flat is set; skipped on validation to save time unless asked).
// `lambda`: the multiplier on reconstruction (used only when loss.kappa > 0).
LossResult vaeLoss(VaeImpl& model, const torch::Tensor& x, const LossConfig& loss, double klWeight, bool flat,
    double lambda = 1.0);

// eta-free flat-manifold penalty at latent points z ([batch, latent]); z keeps its
// gradient when loss.flatEncoderGrad.
torch::Tensor flatPenalty(VaeImpl& model, const torch::Tensor& z, const LossConfig& loss);

} // namespace gs
