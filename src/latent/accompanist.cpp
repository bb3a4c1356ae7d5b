#include "accompanist.h"

#include "model/internal/modelinternal.h"
#include "model/internal/transformervae.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>

namespace gs {

struct Accompanist::Impl {
    explicit Impl(Model m) : model(std::move(m)) {}
    Model model;  // keeps the module alive
    std::shared_ptr<TransformerVaeImpl> module;
    std::mutex mutex;

    // Mean and sigma of one rhythm (already checked).
    std::pair<LatentVector, LatentVector> encode(const Groove& rhythm);
    DecodedGroove decode(const LatentVector& z, const AccompanyConditions& conditions);
};

namespace {

Status checkRhythm(const Groove& rhythm, const ModelConfig& config)
{
    if (rhythm.voices() != 1)
        return Error{"", "the rhythm has " + std::to_string(rhythm.voices()) + " voices; it must be one voice (a monotonic groove)"};
    if (rhythm.steps() != config.steps() || !(rhythm.grid() == config.grid))
        return Error{"", "the rhythm has " + std::to_string(rhythm.steps()) + " steps; this model takes "
                             + std::to_string(config.steps()) + " (" + std::to_string(config.grid.bars) + " bars of "
                             + config.grid.meter.text() + ")"};
    for (std::size_t i = 0; i < rhythm.cells(); ++i)
        if (!std::isfinite(rhythm.velocities()[i]) || !std::isfinite(rhythm.offsets()[i]))
            return Error{"", "the rhythm holds a velocity or offset that is not a finite number"};
    return success();
}

} // namespace

std::pair<LatentVector, LatentVector> Accompanist::Impl::encode(const Groove& rhythm)
{
    const int steps = rhythm.steps();
    torch::Tensor input = torch::zeros({1, steps, 3});
    auto a = input.accessor<float, 3>();
    for (int s = 0; s < steps; ++s) {
        a[0][s][0] = rhythm.hit(s, 0) ? 1.0f : 0.0f;
        a[0][s][1] = rhythm.hit(s, 0) ? rhythm.velocity(s, 0) : 0.0f;
        a[0][s][2] = rhythm.hit(s, 0) ? rhythm.offset(s, 0) : 0.0f;
    }
    torch::NoGradGuard noGrad;
    module->eval();
    auto [mu, logVar] = module->encodeInput(input);
    const torch::Tensor sigma = torch::exp(0.5 * logVar).contiguous();
    const torch::Tensor mean = mu.contiguous();
    return {LatentVector(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel()),
        LatentVector(sigma.data_ptr<float>(), sigma.data_ptr<float>() + sigma.numel())};
}

DecodedGroove Accompanist::Impl::decode(const LatentVector& z, const AccompanyConditions& conditions)
{
    const ModelConfig& c = module->config();
    torch::Tensor cond = torch::zeros({1, module->conditions()});
    for (int g = 0; g < kVoiceGroups; ++g)
        cond[0][g] = conditions.without[std::size_t(g)] ? 1.0f : 0.0f;
    const auto& styles = c.transformer.styles;
    if (const auto at = std::find(styles.begin(), styles.end(), conditions.style); at != styles.end())
        cond[0][kVoiceGroups + (at - styles.begin())] = 1.0f;
    torch::NoGradGuard noGrad;
    module->eval();
    const torch::Tensor zt = torch::from_blob(const_cast<float*>(z.data()), {1, int64_t(z.size())}).clone();
    const Decoded d = module->decode(zt, cond);
    DecodedGroove out;
    out.grid = c.grid;
    out.steps = c.steps();
    out.voices = c.voices();
    const auto copy = [](const torch::Tensor& t, std::vector<float>& to) {
        const torch::Tensor f = t.contiguous().to(torch::kFloat32);
        to.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    };
    copy(d.hitLogits, out.hitLogits);
    copy(d.velocity, out.velocity);
    copy(d.offset, out.offset);
    return out;
}

Accompanist::Accompanist(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

std::string Accompanist::whyNot(const Model& model)
{
    const ModelConfig& c = model.config();
    if (c.type != "transformer")
        return "a " + c.type + " model cannot turn a rhythm into drums (it needs a groove-mode transformer)";
    if (c.transformer.inputMode != "groove")
        return "this transformer encodes full drums (input mode full); drumify needs one trained with --input groove";
    return {};
}

bool Accompanist::isAccompanist(const Model& model) { return whyNot(model).empty(); }

Result<Accompanist> Accompanist::create(const Model& model)
{
    if (const std::string why = whyNot(model); !why.empty())
        return Error{"", why};
    auto transformer = std::dynamic_pointer_cast<TransformerVaeImpl>(gs::module(model));
    if (!transformer)
        return Error{"", "the model has no transformer module"};
    auto impl = std::make_shared<Impl>(model);
    impl->module = std::move(transformer);
    return Accompanist(std::move(impl));
}

int Accompanist::latent() const { return m_impl->module->config().latent; }
const Grid& Accompanist::grid() const { return m_impl->module->config().grid; }
const DrumMap& Accompanist::drumMap() const { return m_impl->module->config().drumMap; }
std::vector<std::string> Accompanist::styles() const { return m_impl->module->config().transformer.styles; }

Status Accompanist::checkConditions(const AccompanyConditions& conditions) const
{
    const auto list = styles();
    if (conditions.style.empty() || std::find(list.begin(), list.end(), conditions.style) != list.end())
        return success();
    std::string known;
    for (const std::string& s : list)
        known += (known.empty() ? "" : ", ") + s;
    return Error{"", "unknown style '" + conditions.style + "' (this model knows: " + (known.empty() ? "none" : known) + ")"};
}

Result<LatentVector> Accompanist::encode(const Groove& rhythm) const
{
    if (Status ok = checkRhythm(rhythm, m_impl->module->config()); !ok)
        return ok.error();
    std::lock_guard lock(m_impl->mutex);
    return m_impl->encode(rhythm).first;
}

DecodedGroove Accompanist::decode(const LatentVector& z, const AccompanyConditions& conditions) const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->decode(z, conditions);
}

Result<Groove> Accompanist::drumify(const Groove& rhythm, const AccompanyConditions& conditions,
    const AccompanyOptions& options) const
{
    if (Status ok = checkRhythm(rhythm, m_impl->module->config()); !ok)
        return ok.error();
    if (Status ok = checkConditions(conditions); !ok)
        return ok.error();
    if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature) || !std::isfinite(options.variation)
        || !(options.threshold >= 0.0f && options.threshold <= 1.0f))
        return Error{"", "temperature must be a finite number above 0, variation finite and threshold within 0..1"};
    std::lock_guard lock(m_impl->mutex);
    auto [mean, sigma] = m_impl->encode(rhythm);
    if (options.variation != 0.0f) {
        std::mt19937_64 rng(options.seed);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        for (std::size_t i = 0; i < mean.size(); ++i)
            mean[i] += options.variation * sigma[i] * normal(rng);
    }
    SamplingOptions sampling;
    sampling.threshold = options.threshold;
    sampling.temperature = options.temperature;
    const DecodedGroove decoded = m_impl->decode(mean, conditions);
    Groove drums = realise(decoded, sampling);
    if (options.lockToRhythm)
        lockToRhythm(drums, decoded, rhythm);
    return drums;
}

void lockToRhythm(Groove& drums, const DecodedGroove& decoded, const Groove& rhythm)
{
    const int voices = drums.voices();
    for (int s = 0; s < std::min(drums.steps(), rhythm.steps()); ++s) {
        if (!rhythm.hit(s, 0)) {
            for (int v = 0; v < voices; ++v)
                drums.clearHit(s, v);
            continue;
        }
        bool any = false;
        int best = 0;
        for (int v = 0; v < voices; ++v) {
            any = any || drums.hit(s, v);
            if (decoded.hitLogits[drums.index(s, v)] > decoded.hitLogits[drums.index(s, best)])
                best = v;
        }
        if (!any)
            drums.setHit(s, best, decoded.velocity[drums.index(s, best)], decoded.offset[drums.index(s, best)]);
    }
}

} // namespace gs
