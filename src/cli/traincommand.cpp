// groovescape-cli train DATASET --out MODEL: trains a VAE on a dataset's windows.
#include "commands.h"
#include "modelcommands.h"
#include "core/atomicfile.h"
#include "optionchecks.h"
#include "jsonout.h"
#include "modeljson.h"

#include "dataset/datasetfile.h"
#include "train/precision.h"
#include "train/trainer.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace gs {

namespace {

struct TrainArgs {
    std::string dataset;
    std::string out;
    std::string model = "rhythmvae";
    int latent = 2;
    int hidden = 0;  // 0: the model's default
    int epochs = 20;
    int batch = 64;
    double lr = 0;  // 0: 1e-3, or the resumed model's last lr
    double weightDecay = 0;
    float beta = 1.0f;
    float freeBits = 0;
    std::string klAnneal = "none";
    int klWarmup = 0;
    bool flat = false;
    float flatEta = LossConfig{}.flatEta;
    int flatBatch = LossConfig{}.flatBatch;
    bool flatDetach = false;
    std::string flatForm = LossConfig{}.flatRelative ? "relative" : "absolute";
    std::string flatMetric = LossConfig{}.flatMetric;
    float kappa = 0;
    float lambdaRate = LossConfig{}.lambdaRate;
    int earlyStop = 0;
    std::uint64_t seed = 1;
    int threads = 0;
    std::string precision = "fp32";
    std::string resume;
    bool json = false;
};

int fail(const TrainArgs& args, int code, const std::string& message)
{
    if (args.json)
        std::cout << jsonText({{"error", message}}) << "\n";
    std::cerr << "train: " << message << "\n";
    return code;
}

void printProgress(const TrainReport& r)
{
    std::cerr << "epoch " << r.epoch << "/" << r.epochsPlanned << "  train " << r.train.total << " (hits "
              << r.train.hits << ", vel " << r.train.velocity << ", off " << r.train.offset << ", kl " << r.train.kl;
    if (r.train.flat > 0)
        std::cerr << ", flat " << r.train.flat;
    std::cerr << ")  validation " << r.validation.total << "  lr " << r.learningRate << "  kl weight "
              << r.klWeight << "  "
              << int(r.samplesPerSecond) << " samples/s  " << int(r.elapsedSeconds) << " s, ~"
              << int(r.remainingSeconds) << " s left\n";
}

ModelConfig configFor(const TrainArgs& args, const Dataset& dataset)
{
    ModelConfig c;
    c.type = args.model;
    c.latent = args.latent;
    c.grid = dataset.mostCommonGrid();
    c.drumMap = dataset.settings().map;
    if (args.hidden > 0)
        (c.type == "recurrent" ? c.rnnHidden : c.hidden) = args.hidden;
    c.loss.beta = args.beta;
    c.loss.freeBits = args.freeBits;
    c.loss.klAnneal = args.klAnneal;
    c.loss.klWarmupEpochs = args.klWarmup > 0 ? args.klWarmup : std::max(1, args.epochs / 4);
    c.loss.flat = args.flat;
    c.loss.flatEta = args.flatEta;
    c.loss.flatBatch = args.flatBatch;
    c.loss.flatEncoderGrad = !args.flatDetach;
    c.loss.flatRelative = args.flatForm == "relative";
    c.loss.flatMetric = args.flatMetric;
    c.loss.kappa = args.kappa;
    c.loss.lambdaRate = args.lambdaRate;
    return c;
}

int runTrain(const TrainArgs& args)
{
    auto dataset = DatasetFile::load(args.dataset);
    if (!dataset)
        return fail(args, kExitBadInput, dataset.error().describe());

    Result<Model> made = args.resume.empty() ? Model::create(configFor(args, *dataset), args.seed) : Model::load(args.resume);
    if (!made)
        return fail(args, kExitBadInput, made.error().describe());
    Model model = made.value();
    const std::string name = std::filesystem::path(args.dataset).stem().string();
    TrainingSet set = TrainingSet::fromDataset(*dataset, model.config().grid, name);
    if (set.summary.skippedWindows > 0)
        std::cerr << "train: skipped " << set.summary.skippedWindows << " windows that are not on the model's grid ("
                  << model.config().steps() << " steps)\n";

    TrainOptions options;
    options.epochs = args.epochs;
    options.batch = args.batch;
    options.lr = args.lr;
    options.weightDecay = args.weightDecay;
    options.earlyStopPatience = args.earlyStop;
    options.seed = args.seed;
    options.threads = args.threads;
    options.precision = parsePrecision(args.precision).value_or(TrainPrecision::Float32);
    options.checkpointPath = args.out;  // after every epoch: a killed run resumes with --resume OUT
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    std::cerr << "train: " << model.config().type << ", latent " << model.config().latent << ", "
              << model.parameterCount() << " parameters, " << set.train.size() << " train / " << set.validation.size()
              << " validation windows, " << resolvedThreads(args.threads) << " threads, "
              << precisionName(choosePrecision(options.precision, model.config()).precision) << "\n";
    Trainer trainer(model, std::move(set), options);
    const TrainOutcome outcome = trainer.run(printProgress);
    if (outcome.end == TrainOutcome::End::Failed)
        return fail(args, kExitNothingDone, outcome.message);
    if (Status saved = model.save(args.out); !saved)
        return fail(args, kExitNothingDone, saved.error().describe());
    if (!outcome.message.empty())
        std::cerr << "train: " << endName(outcome.end) << ": " << outcome.message << "\n";

    const EpochRecord last = model.history().empty() ? EpochRecord{} : model.history().back();
    if (args.json) {
        nlohmann::json j = modelConfigJson(model);
        j["out"] = args.out;
        j["end"] = endName(outcome.end);
        j["message"] = outcome.message;
        j["epochs"] = last.epoch;
        j["epochs_run"] = outcome.epochsRun;
        j["seconds"] = outcome.seconds;
        j["samples_per_second"] = outcome.samplesPerSecond;
        j["threads"] = resolvedThreads(args.threads);
        j["precision"] = last.precision;
        j["train"] = lossTermsJson(last.train);
        j["validation"] = lossTermsJson(last.validation);
        j["learning_rate"] = last.learningRate;
        j["train_windows"] = model.datasetSummary().trainWindows;
        j["validation_windows"] = model.datasetSummary().validationWindows;
        j["skipped_windows"] = model.datasetSummary().skippedWindows;
        std::cout << jsonText(j) << "\n";
    } else {
        std::cout << "wrote " << args.out << ": " << last.epoch << " epochs, validation loss " << last.validation.total
                  << ", " << int(outcome.samplesPerSecond) << " samples/s, " << outcome.seconds << " s\n";
    }
    return outcome.end == TrainOutcome::End::Diverged ? kExitNothingDone : kExitOk;
}

} // namespace

void addTrainCommand(CLI::App& app)
{
    auto a = std::make_shared<TrainArgs>();
    CLI::App* cmd = app.add_subcommand(cli::kTrainCommand.name, cli::kTrainCommand.description);
    cmd->add_option("dataset", a->dataset, "The dataset file")->required();
    cmd->add_option("--out,-o", a->out, "The model file to write")->required();
    cmd->add_option("--model", a->model, "rhythmvae or recurrent")->check(CLI::IsMember({"rhythmvae", "recurrent"}))->capture_default_str();
    cmd->add_option("--latent", a->latent, "Latent size (2..256)")->check(CLI::Range(1, 256))->capture_default_str();
    cmd->add_option("--hidden", a->hidden, "Layer width (RhythmVAE dense width or recurrent GRU width)")
        ->check(CLI::Range(0, 4096));
    cmd->add_option("--epochs", a->epochs, "Epochs (more epochs on --resume)")->check(CLI::Range(1, 1000000))->capture_default_str();
    cmd->add_option("--batch", a->batch, "Batch size")->check(CLI::Range(1, 65536))->capture_default_str();
    cmd->add_option("--lr", a->lr, "Adam learning rate (default 1e-3; on --resume the model's last rate)")
        ->check(cli::finiteIn(0, 10));
    cmd->add_option("--weight-decay", a->weightDecay, "Adam weight decay")->check(cli::finiteIn(0, 10))->capture_default_str();
    cmd->add_option("--beta", a->beta, "KL weight")->check(cli::finiteIn(0, 1000))->capture_default_str();
    cmd->add_option("--free-bits", a->freeBits, "KL floor in nats: beta x max(KL, L)")->check(cli::finiteIn(0, 1000))->capture_default_str();
    cmd->add_option("--kl-anneal", a->klAnneal, "none, linear or cyclic")->check(CLI::IsMember({"none", "linear", "cyclic"}))->capture_default_str();
    cmd->add_option("--kl-warmup", a->klWarmup, "Warm-up (or cycle) length in epochs (default epochs/4)")
        ->check(CLI::Range(0, 1000000));
    cmd->add_flag("--flat", a->flat, "Flat-manifold regularisation (FM-Music-VAE)");
    cmd->add_option("--flat-eta", a->flatEta, "Weight eta of the flat-manifold penalty (see --flat-form)")
        ->check(cli::finiteIn(0, 10000))->capture_default_str();
    cmd->add_option("--flat-batch", a->flatBatch, "Latent mixup points per batch that get the flat-manifold penalty")
        ->check(CLI::Range(1, 65536))->capture_default_str();
    cmd->add_flag("--flat-detach", a->flatDetach, "Stop the penalty's gradient at the mixup points (decoder only)");
    cmd->add_option("--flat-form", a->flatForm,
        "relative: eta x ||J^T J / c^2 - I||^2, c^2 not detached (scale-free); absolute: eta x ||J^T J - c^2 I||^2 "
        "as the paper writes it")
        ->check(CLI::IsMember({"relative", "absolute"}))->capture_default_str();
    cmd->add_option("--flat-metric", a->flatMetric,
        "Planes the Jacobian measures: all (hit probability, velocity, offset, as the paper), hits (hit probabilities "
        "only) or weighted (all, by the square roots of the loss weights)")
        ->check(CLI::IsMember(kFlatMetrics))->capture_default_str();
    cmd->add_option("--kappa", a->kappa,
        "Constrained objective: reconstruction per cell <= kappa^2 with a Lagrange multiplier (0: off)")
        ->check(cli::finiteIn(0, 100))->capture_default_str();
    cmd->add_option("--lambda-rate", a->lambdaRate, "Step of the multiplier: lambda *= exp(rate x constraint average)")
        ->check(cli::finiteIn(0, 100))->capture_default_str();
    cmd->add_option("--early-stop", a->earlyStop, "Stop after N epochs without validation improvement (0: never)")
        ->check(CLI::Range(0, 1000000))->capture_default_str();
    cmd->add_option("--seed", a->seed, "Seed (weights, shuffling)")->capture_default_str();
    cmd->add_option("--threads", a->threads, "Torch threads (0: cores - 1)")->check(CLI::Range(0, 1024))->capture_default_str();
    cmd->add_option("--precision", a->precision,
        "fp32, or bf16 mixed precision (RhythmVAE on CPUs with AVX512_BF16/AMX; otherwise falls back to fp32)")
        ->check(CLI::IsMember({"fp32", "bf16"}))->capture_default_str();
    cmd->add_option("--resume", a->resume, "Continue training this model file (its config wins)");
    cmd->add_flag("--json", a->json, "End with one JSON object on stdout");
    cmd->callback([a] {
        const int code = runTrain(*a);
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
