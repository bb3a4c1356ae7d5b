#include "trainer.h"

#include "internal/bf16autocast.h"
#include "internal/fusedadam.h"
#include "precision.h"

#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/internal/vaeloss.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

// OpenBLAS's own thread pool fights torch's: keep it single-threaded (weak: absent with another BLAS).
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace gs {

int resolvedThreads(int requested)
{
    if (requested > 0)
        return requested;
    const int cores = int(std::thread::hardware_concurrency());
    return std::max(1, cores - 1);
}

const char* endName(TrainOutcome::End end)
{
    switch (end) {
    case TrainOutcome::End::Completed: return "completed";
    case TrainOutcome::End::EarlyStopped: return "early-stopped";
    case TrainOutcome::End::Cancelled: return "cancelled";
    case TrainOutcome::End::Diverged: return "diverged";
    case TrainOutcome::End::Failed: return "failed";
    }
    return "?";
}

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Parameters and buffers, copied (the NaN guard's and early stopping's checkpoint).
std::vector<torch::Tensor> snapshot(VaeImpl& m)
{
    torch::NoGradGuard g;
    std::vector<torch::Tensor> s;
    for (const auto& p : m.parameters())
        s.push_back(p.detach().clone());
    for (const auto& b : m.buffers())
        s.push_back(b.detach().clone());
    return s;
}

void restore(VaeImpl& m, const std::vector<torch::Tensor>& s)
{
    torch::NoGradGuard g;
    std::size_t i = 0;
    for (auto& p : m.parameters())
        p.copy_(s[i++]);
    for (auto& b : m.buffers())
        b.copy_(s[i++]);
}

void addScaled(LossTerms& sum, const LossTerms& t, double w)
{
    sum.total += t.total * w;
    sum.hits += t.hits * w;
    sum.velocity += t.velocity * w;
    sum.offset += t.offset * w;
    sum.kl += t.kl * w;
    sum.flat += t.flat * w;
    sum.latent += t.latent * w;
}

LossTerms scaled(LossTerms t, double w)
{
    LossTerms r;
    addScaled(r, t, w);
    return r;
}

bool finite(const LossTerms& t) { return std::isfinite(t.total); }

std::string number(double value)
{
    std::ostringstream s;
    s << value;
    return s.str();
}

} // namespace

Trainer::Trainer(Model model, TrainingSet data, TrainOptions options)
    : m_model(std::move(model)), m_data(std::move(data)), m_options(options)
{
}

Trainer::~Trainer()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void Trainer::start(Callback callback)
{
    m_running.store(true);
    m_thread = std::thread([this, cb = std::move(callback)] { m_outcome = run(cb); });
}

TrainOutcome Trainer::wait()
{
    if (m_thread.joinable())
        m_thread.join();
    return m_outcome;
}

TrainOutcome Trainer::run(const Callback& callback)
{
    m_running.store(true);
    struct RunningFlag {
        std::atomic<bool>& flag;
        ~RunningFlag() { flag.store(false); }
    } runningFlag{m_running};
    TrainOutcome outcome;
    const Clock::time_point start = Clock::now();
    try {
        if (openblas_set_num_threads)
            openblas_set_num_threads(std::max(1, m_options.blasThreads));
        torch::set_num_threads(resolvedThreads(m_options.threads));
        torch::manual_seed(m_options.seed + m_model.history().size());

        std::shared_ptr<VaeImpl> vae = module(m_model);
        const ModelConfig& config = m_model.config();
        const int steps = config.steps(), voices = config.voices();
        auto fits = [&](const Groove& g) { return g.steps() == steps && g.voices() == voices; };
        std::vector<const Groove*> trainSet, valSet;
        std::vector<int64_t> trainStyleIds;  // for style-conditioned models (transformervae.h): -1 = none
        const std::vector<std::string>& styleNames = config.transformer.styles;
        for (std::size_t i = 0; i < m_data.train.size(); ++i) {
            const Groove& g = m_data.train[i];
            if (!fits(g))
                continue;
            trainSet.push_back(&g);
            const std::string style = i < m_data.trainStyles.size() ? m_data.trainStyles[i] : std::string();
            const auto at = std::find(styleNames.begin(), styleNames.end(), style);
            trainStyleIds.push_back(at == styleNames.end() ? -1 : int64_t(at - styleNames.begin()));
        }
        for (const Groove& g : m_data.validation)
            if (fits(g))
                valSet.push_back(&g);
        if (trainSet.size() < 2) {
            outcome.end = TrainOutcome::End::Failed;
            outcome.message = "no training windows with " + std::to_string(steps) + " steps and "
                + std::to_string(voices) + " voices (need at least 2)";
            return outcome;
        }
        if (m_data.summary.trainWindows > 0 || !m_data.summary.name.empty())
            m_model.setDatasetSummary(m_data.summary);
        // A map model trains on its base's latent means, encoded once here (seconds, not per epoch).
        const torch::Tensor trainX = vae->lossInputs(groovesToTensor(trainSet, steps, voices));
        const torch::Tensor valX = valSet.empty() ? torch::Tensor() : vae->lossInputs(groovesToTensor(valSet, steps, voices));
        const torch::Tensor trainStyles = torch::tensor(trainStyleIds, torch::kLong);
        if (m_model.history().empty())
            vae->fitInputs(trainX);
        const int64_t n = trainX.size(0);
        const int64_t batch = std::clamp<int64_t>(m_options.batch, 2, n);

        double lr = m_options.lr > 0 ? m_options.lr : 1e-3;
        FusedAdam adam(vae->trainableParameters(), lr, m_options.weightDecay);
        if (!optimizerState(m_model).empty()) {
            adam.load(optimizerState(m_model));
            if (m_options.lr <= 0 && !m_model.history().empty())
                lr = m_model.history().back().learningRate;
        } else if (!m_model.history().empty()) {
            // A stripped model file (groovescape-cli strip): same history, but Adam's moments start from zero.
            if (m_options.lr <= 0)
                lr = m_model.history().back().learningRate;
            outcome.message = "the model file has no optimizer state (stripped): resumed with a fresh Adam optimizer";
        }
        adam.setLr(lr);
        const PrecisionChoice precision = choosePrecision(m_options.precision, config);
        const bool bf16 = precision.precision == TrainPrecision::BFloat16;
        if (!precision.note.empty())
            outcome.message = outcome.message.empty() ? precision.note : outcome.message + "; " + precision.note;

        // Plateau and early stopping resume from the history's best validation loss.
        double best = INFINITY;
        for (const EpochRecord& e : m_model.history())
            best = std::min(best, valSet.empty() ? e.train.total : e.validation.total);
        int plateauBad = 0, stopBad = 0;
        std::vector<torch::Tensor> good = snapshot(*vae), bestWeights = good;

        const int firstEpoch = m_model.history().empty() ? 1 : m_model.history().back().epoch + 1;
        const int lastEpoch = firstEpoch + m_options.epochs - 1;
        long step = 0;
        LambdaState lambda;  // constrained objective; a resume starts it afresh (it adapts within an epoch)
        double trainSeconds = 0;
        int64_t trainSamples = 0;
        const int64_t batchesPerEpoch = (n + batch - 1) / batch;
        for (int epoch = firstEpoch; epoch <= lastEpoch; ++epoch) {
            const Clock::time_point epochStart = Clock::now();
            vae->train();
            const torch::Tensor order = torch::randperm(n, torch::kLong);
            LossTerms sum;
            int64_t seen = 0;
            double kw = 0;
            for (int64_t b = 0; b < batchesPerEpoch; ++b) {
                if (m_cancel.load()) {
                    restore(*vae, good);  // the weights stay those of the last recorded epoch
                    outcome.end = TrainOutcome::End::Cancelled;
                    outcome.message = "cancelled";
                    break;
                }
                const int64_t from = b * batch, count = std::min(batch, n - from);
                if (count < 2)
                    continue;  // BatchNorm needs two samples
                const torch::Tensor x = trainX.index_select(0, order.narrow(0, from, count));
                vae->setBatchStyles(trainStyles.index_select(0, order.narrow(0, from, count)));
                kw = klWeight(config.loss, double(epoch - 1) + double(b) / double(batchesPerEpoch));
                LossResult loss;
                {
                    Bf16Autocast autocast(bf16);  // forward + loss only; backward follows the recorded dtypes
                    loss = vaeLoss(*vae, x, config.loss, kw, true, lambda.lambda);
                }
                if (!finite(loss.terms)) {
                    restore(*vae, good);
                    outcome.end = TrainOutcome::End::Diverged;
                    outcome.message = "the loss became " + number(loss.terms.total) + " in epoch "
                        + std::to_string(epoch) + " (learning rate " + number(lr)
                        + " too high?); kept the weights of the last good epoch";
                    break;
                }
                adam.zeroGrad();
                loss.total.backward();
                const double gradNorm = torch::nn::utils::clip_grad_norm_(
                    vae->trainableParameters(), m_options.clipNorm > 0 ? m_options.clipNorm : INFINITY);
                if (!std::isfinite(gradNorm)) {
                    restore(*vae, good);
                    outcome.end = TrainOutcome::End::Diverged;
                    outcome.message = "the gradients became non-finite in epoch " + std::to_string(epoch)
                        + " (learning rate " + number(lr) + " too high?); kept the weights of the last good epoch";
                    break;
                }
                adam.step();
                updateLambda(lambda, config.loss, loss.constraint);
                addScaled(sum, loss.terms, double(count));
                seen += count;
                ++step;
                if (m_options.reportEverySteps > 0 && step % m_options.reportEverySteps == 0 && callback) {
                    TrainReport r;
                    r.kind = TrainReport::Kind::Step;
                    r.epoch = epoch;
                    r.epochsPlanned = lastEpoch;
                    r.step = step;
                    r.train = scaled(sum, 1.0 / double(seen));
                    r.learningRate = lr;
                    r.klWeight = kw;
                    r.samplesPerSecond = double(seen) / std::max(1e-9, since(epochStart));
                    r.elapsedSeconds = since(start);
                    callback(r);
                }
            }
            const double epochTrainSeconds = since(epochStart);
            trainSeconds += epochTrainSeconds;
            trainSamples += seen;
            if (outcome.end != TrainOutcome::End::Completed)
                break;

            EpochRecord rec;
            rec.epoch = epoch;
            rec.train = scaled(sum, 1.0 / double(std::max<int64_t>(1, seen)));
            if (valX.defined()) {
                vae->eval();
                vae->setBatchStyles(torch::Tensor());
                torch::NoGradGuard noGrad;
                LossTerms vsum;
                const int64_t vn = valX.size(0);
                for (int64_t from = 0; from < vn; from += 256) {
                    const int64_t count = std::min<int64_t>(256, vn - from);
                    LossResult l = vaeLoss(*vae, valX.narrow(0, from, count), config.loss, kw, m_options.flatOnValidation);
                    addScaled(vsum, l.terms, double(count));
                }
                rec.validation = scaled(vsum, 1.0 / double(vn));
            }
            if (!finite(rec.validation) || !finite(rec.train)) {
                restore(*vae, good);
                outcome.end = TrainOutcome::End::Diverged;
                outcome.message = "the validation loss became non-finite in epoch " + std::to_string(epoch)
                    + "; kept the weights of the last good epoch";
                break;
            }
            rec.learningRate = lr;
            rec.klWeight = kw / lambda.lambda;  // constrained: beta relative to reconstruction
            rec.seconds = since(epochStart);
            rec.samplesPerSecond = double(seen) / std::max(1e-9, epochTrainSeconds);
            rec.precision = precisionName(precision.precision);
            m_model.appendEpoch(rec);
            good = snapshot(*vae);
            ++outcome.epochsRun;

            const double monitored = valX.defined() ? rec.validation.total : rec.train.total;
            if (!std::isfinite(best) || monitored < best - 1e-4 * std::abs(best)) {
                best = monitored;
                plateauBad = stopBad = 0;
                if (m_options.earlyStopPatience > 0)
                    bestWeights = good;
            } else {
                ++plateauBad;
                ++stopBad;
            }
            if (m_options.plateauPatience > 0 && plateauBad >= m_options.plateauPatience) {
                lr = std::max(m_options.minLr, lr * m_options.plateauFactor);
                adam.setLr(lr);
                plateauBad = 0;
            }
            if (callback) {
                TrainReport r;
                r.kind = TrainReport::Kind::Epoch;
                r.epoch = epoch;
                r.epochsPlanned = lastEpoch;
                r.step = step;
                r.train = rec.train;
                r.validation = rec.validation;
                r.learningRate = rec.learningRate;
                r.klWeight = rec.klWeight;
                r.samplesPerSecond = rec.samplesPerSecond;
                r.elapsedSeconds = since(start);
                r.remainingSeconds = r.elapsedSeconds / outcome.epochsRun * (lastEpoch - epoch);
                callback(r);
            }
            if (!m_options.checkpointPath.empty() && epoch < lastEpoch
                && outcome.epochsRun % std::max(1, m_options.checkpointEvery) == 0) {
                optimizerState(m_model) = adam.save();
                if (Status saved = m_model.save(m_options.checkpointPath); !saved)
                    outcome.message = "checkpoint not saved: " + saved.error().describe();
            }
            if (m_options.earlyStopPatience > 0 && stopBad >= m_options.earlyStopPatience) {
                restore(*vae, bestWeights);
                outcome.end = TrainOutcome::End::EarlyStopped;
                outcome.message = "no validation improvement for " + std::to_string(stopBad)
                    + " epochs; restored the best epoch's weights";
                break;
            }
        }
        vae->eval();
        optimizerState(m_model) = adam.save();
        outcome.samplesPerSecond = double(trainSamples) / std::max(1e-9, trainSeconds);
    } catch (const std::exception& e) {
        std::string what = e.what();
        outcome.end = TrainOutcome::End::Failed;
        outcome.message = "training failed: " + what.substr(0, what.find('\n'));
    }
    outcome.seconds = since(start);
    return outcome;
}

} // namespace gs
