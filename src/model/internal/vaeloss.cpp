#include "vaeloss.h"

#include "mapvae.h"

#include <algorithm>
#include <cmath>

namespace gs {

double klWeight(const LossConfig& loss, double epochProgress)
{
    const double warm = std::max(1, loss.klWarmupEpochs);
    if (loss.klAnneal == "linear")
        return loss.beta * std::min(1.0, epochProgress / warm);
    if (loss.klAnneal == "cyclic") {
        // Each cycle ramps up over its first half and holds beta for the second.
        const double t = std::fmod(epochProgress, warm) / warm;
        return loss.beta * std::min(1.0, 2.0 * t);
    }
    return loss.beta;
}

namespace {

torch::Tensor decoderOutput(VaeImpl& model, const torch::Tensor& z, const LossConfig& loss)
{
    Decoded d = model.decode(z);
    const int64_t batch = z.size(0);
    torch::Tensor hits = torch::sigmoid(d.hitLogits).reshape({batch, -1});
    if (loss.flatMetric == "hits")
        return hits;
    const bool weighted = loss.flatMetric == "weighted";
    const double hw = weighted ? std::sqrt(double(loss.hitWeight)) : 1.0;
    const double vw = weighted ? std::sqrt(double(loss.velocityWeight)) : 1.0;
    const double ow = weighted ? std::sqrt(double(loss.offsetWeight)) : 1.0;
    return torch::cat({hits * hw, d.velocity.reshape({batch, -1}) * vw, d.offset.reshape({batch, -1}) * ow}, 1);
}

} // namespace

torch::Tensor flatPenalty(VaeImpl& model, const torch::Tensor& z, const LossConfig& loss)
{
    const int64_t full = z.size(0), latent = z.size(1);
    const int64_t batch = std::min<int64_t>(full, loss.flatBatch);
    const torch::Tensor codes = loss.flatEncoderGrad ? z : z.detach();
    torch::Tensor zi = codes.narrow(0, 0, batch);  // the batch is already shuffled
    torch::Tensor zj = codes.index_select(0, torch::randperm(full, torch::kLong).narrow(0, 0, batch));
    torch::Tensor a = torch::rand({batch, 1}) * (1.0 + 2.0 * loss.flatAlpha0) - loss.flatAlpha0;
    torch::Tensor zm = (1.0 - a) * zi + a * zj;

    torch::Tensor directions;  // [latent, k], orthonormal columns
    if (latent <= loss.flatDirections)
        directions = torch::eye(latent);
    else
        directions = std::get<0>(torch::linalg_qr(torch::randn({latent, int64_t(loss.flatDirections)})));
    const int64_t k = directions.size(1);

    // One decode of [batch * (k + 1), latent]: the points, then each shifted copy.
    const double eps = loss.flatEpsilon;
    torch::Tensor shifts = (directions.t() * eps).unsqueeze(1);  // [k, 1, latent]
    torch::Tensor all = torch::cat({zm.unsqueeze(0), zm.unsqueeze(0) + shifts}, 0).reshape({-1, latent});
    torch::Tensor out = decoderOutput(model, all, loss).reshape({k + 1, batch, -1});
    torch::Tensor jac = ((out.narrow(0, 1, k) - out[0].unsqueeze(0)) / eps).permute({1, 2, 0});  // [batch, D, k]
    torch::Tensor g = torch::bmm(jac.transpose(1, 2), jac);  // [batch, k, k]
    torch::Tensor c2 = (g.diagonal(0, 1, 2).sum(1) / double(k)).mean();
    // Relative (scale-free): c^2 keeps its gradient, so shrinking the whole Jacobian earns nothing.
    const torch::Tensor eye = torch::eye(k).unsqueeze(0);
    const torch::Tensor diff = loss.flatRelative ? g / c2.clamp_min(1e-12) - eye : g - c2.detach() * eye;
    return diff.pow(2).sum({1, 2}).mean();
}

void updateLambda(LambdaState& state, const LossConfig& loss, double constraint)
{
    if (loss.kappa <= 0 || !std::isfinite(constraint))
        return;
    const double smoothing = 0.99;
    state.average = state.started ? smoothing * state.average + (1.0 - smoothing) * constraint : constraint;
    state.started = true;
    state.lambda = std::clamp(state.lambda * std::exp(loss.lambdaRate * state.average), 1e-2, 1e3);
}

namespace {

// AR-VAE's attribute regularisation (Pati & Lerch 2020), one attribute per map axis: over every pair of the
// batch, the map's difference along the axis (through tanh, delta 10) should have the sign of the attribute's.
// Scale-free in the attribute, so hits and velocity need no standardising.
torch::Tensor attributeAxesPenalty(const torch::Tensor& z, const torch::Tensor& attributes)
{
    constexpr double delta = 10.0;
    torch::Tensor sum = torch::zeros({}, z.options());
    const int64_t axes = std::min(z.size(1), attributes.size(1));
    for (int64_t a = 0; a < axes; ++a) {
        const torch::Tensor zd = z.select(1, a);
        const torch::Tensor ad = attributes.select(1, a).to(z.dtype());
        const torch::Tensor dz = zd.unsqueeze(1) - zd.unsqueeze(0);
        const torch::Tensor da = ad.unsqueeze(1) - ad.unsqueeze(0);
        sum = sum + (torch::tanh(delta * dz) - torch::sign(da)).abs().mean();
    }
    return sum;
}

} // namespace

LossResult mapLoss(MapVaeImpl& map, const torch::Tensor& inputs, const LossConfig& loss, double klWeightNow)
{
    const int64_t baseLatent = map.config().base.at(0).latent;
    const torch::Tensor target = map.standardise(inputs.narrow(1, 0, baseLatent));
    auto [mu, logVar] = map.encodeLatent(target);
    const torch::Tensor z = map.is_training() ? mu + torch::randn_like(mu) * torch::exp(0.5 * logVar) : mu;
    const torch::Tensor kl = (-0.5 * (1 + logVar - mu.pow(2) - logVar.exp()).sum(1)).mean();
    torch::Tensor regular = klWeightNow * torch::clamp_min(kl, loss.freeBits);
    if (loss.mapAttributes > 0)
        regular = regular + loss.mapAttributes * attributeAxesPenalty(z, inputs.narrow(1, baseLatent, kMapAttributeColumns));
    LossResult r;
    r.terms.kl = kl.item<double>();
    if (loss.mapTarget == "grooves") {
        // The windows after the means (MapVaeImpl::lossInputs), decoded through the frozen base decoder.
        const int64_t steps = map.config().steps(), voices = map.config().voices();
        const double cells = double(steps * voices);
        const int64_t from = baseLatent + kMapAttributeColumns;
        const torch::Tensor x = inputs.narrow(1, from, inputs.size(1) - from).reshape({-1, steps, 3 * voices});
        const Decoded d = map.decode(z);
        const torch::Tensor hits = loss.hitWeight * torch::binary_cross_entropy_with_logits(d.hitLogits, x.narrow(2, 0, voices)) * cells;
        const torch::Tensor vel = loss.velocityWeight * torch::mse_loss(d.velocity, x.narrow(2, voices, voices)) * cells;
        const torch::Tensor off = loss.offsetWeight * torch::mse_loss(d.offset, x.narrow(2, 2 * voices, voices)) * cells;
        r.total = hits + vel + off + regular;
        r.terms.hits = hits.item<double>();
        r.terms.velocity = vel.item<double>();
        r.terms.offset = off.item<double>();
        r.terms.total = r.terms.hits + r.terms.velocity + r.terms.offset + regular.item<double>();
        return r;
    }
    const torch::Tensor latent = (map.decodeLatent(z) - target).pow(2).sum(1).mean();
    r.total = latent + regular;
    r.terms.latent = latent.item<double>();
    r.terms.total = r.terms.latent + regular.item<double>();
    return r;
}

LossResult vaeLoss(VaeImpl& model, const torch::Tensor& x, const LossConfig& loss, double klWeightNow, bool flat,
    double lambda)
{
    if (auto* map = dynamic_cast<MapVaeImpl*>(&model))
        return mapLoss(*map, x, loss, klWeightNow);
    auto [out, target] = model.trainingForward(x);
    const int64_t voices = model.config().voices();
    const double cells = double(model.config().steps() * voices);
    torch::Tensor hits = torch::binary_cross_entropy_with_logits(out.decoded.hitLogits, target.narrow(2, 0, voices)) * cells;
    torch::Tensor vel = torch::mse_loss(out.decoded.velocity, target.narrow(2, voices, voices)) * cells;
    torch::Tensor off = torch::mse_loss(out.decoded.offset, target.narrow(2, 2 * voices, voices)) * cells;
    torch::Tensor kl = (-0.5 * (1 + out.logVar - out.mu.pow(2) - out.logVar.exp()).sum(1)).mean();

    torch::Tensor recon = loss.hitWeight * hits + loss.velocityWeight * vel + loss.offsetWeight * off;
    torch::Tensor regular = klWeightNow * torch::clamp_min(kl, loss.freeBits);
    LossResult r;
    r.terms.hits = loss.hitWeight * hits.item<double>();
    r.terms.velocity = loss.velocityWeight * vel.item<double>();
    r.terms.offset = loss.offsetWeight * off.item<double>();
    r.terms.kl = kl.item<double>();
    const double reconValue = r.terms.hits + r.terms.velocity + r.terms.offset;
    const double kappa2 = double(loss.kappa) * double(loss.kappa);
    r.constraint = reconValue / cells - kappa2;
    if (flat && loss.flat && loss.flatEta > 0) {
        torch::Tensor f = loss.flatEta * flatPenalty(model, out.z, loss);
        regular = regular + f;
        r.terms.flat = f.item<double>();
    }
    // lambda x recon + regular, divided by lambda: the same minimiser, but the gradients keep their scale
    // while lambda moves over decades (Adam's moments and the gradient clip see no jumps).
    torch::Tensor total = loss.kappa > 0 ? recon + regular / lambda : recon + regular;
    r.terms.total = reconValue + regular.item<double>();
    r.total = total;
    return r;
}

} // namespace gs
