// groovescape-cli train DATASET --out MODEL: trains a VAE on a dataset's windows.
#include "commands.h"
#include "modelcommands.h"
#include "core/atomicfile.h"
#include "trainsettingsoptions.h"
#include "jsonout.h"
#include "modeljson.h"

#include "dataset/datasetfile.h"
#include "model/mapfactory.h"
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
    TrainSettings settings;  // the options a run is trained with, checked as the app checks them
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
    if (r.train.latent > 0)
        std::cerr << ", latent " << r.train.latent;
    std::cerr << ")  validation " << r.validation.total << "  lr " << r.learningRate << "  kl weight "
              << r.klWeight << "  "
              << int(r.samplesPerSecond) << " samples/s  " << int(r.elapsedSeconds) << " s, ~"
              << int(r.remainingSeconds) << " s left\n";
}

ModelConfig configFor(const TrainSettings& s, const Dataset& dataset)
{
    ModelConfig c;
    c.type = s.model;
    c.latent = s.latent;
    c.grid = dataset.mostCommonGrid();
    c.drumMap = dataset.settings().map;
    if (s.hidden > 0)
        (c.type == "recurrent" ? c.rnnHidden : c.hidden) = s.hidden;
    c.transformer = s.transformerConfig();
    if (c.type == "transformer" && c.transformer.inputMode == "groove")  // the styles the decoder can be asked for
        c.transformer.styles = TrainingSet::styleLabels(dataset, c.grid);
    c.loss.beta = float(s.beta);
    c.loss.freeBits = float(s.freeBits);
    c.loss.klAnneal = s.klAnneal;
    c.loss.klWarmupEpochs = s.klWarmup > 0 ? s.klWarmup : std::max(1, s.epochs / 4);
    c.loss.flat = s.flat;
    c.loss.flatEta = float(s.flatEta);
    c.loss.flatBatch = s.flatBatch;
    c.loss.flatEncoderGrad = !s.flatDetach;
    c.loss.flatRelative = s.flatForm == "relative";
    c.loss.flatMetric = s.flatMetric;
    c.loss.kappa = float(s.kappa);
    c.loss.lambdaRate = float(s.lambdaRate);
    return c;
}

// --model map: a fresh map over the --base model file (its config and weights embedded).
Result<Model> createMap(const TrainSettings& s)
{
    Result<Model> base = Model::load(s.base);
    if (!base)
        return base.error();
    MapSettings m;
    m.latent = s.latent;
    if (s.hidden > 0)
        m.hidden = s.hidden;
    m.loss.beta = float(s.beta);
    m.loss.freeBits = float(s.freeBits);
    m.loss.klAnneal = s.klAnneal;
    m.loss.klWarmupEpochs = s.klWarmup > 0 ? s.klWarmup : std::max(1, s.epochs / 4);
    m.loss.mapTarget = s.mapTarget;
    m.loss.mapAttributes = float(s.mapAttributes);
    Result<Model> map = createMapModel(*base, m, s.seed);
    if (!map)
        return Error{s.base, map.error().message};
    return map;
}

int runTrain(const TrainArgs& args)
{
    auto dataset = DatasetFile::load(args.dataset);
    if (!dataset)
        return fail(args, kExitBadInput, dataset.error().describe());
    if (args.resume.empty() && args.settings.model == kMapModelType && args.settings.base.empty())
        return fail(args, kExitBadInput, "--model map needs --base BASE.gsmodel (the model the map sits on)");

    Result<Model> made = !args.resume.empty() ? Model::load(args.resume)
        : args.settings.model == kMapModelType ? createMap(args.settings)
                                               : Model::create(configFor(args.settings, *dataset), args.settings.seed);
    if (!made)
        return fail(args, kExitBadInput, made.error().describe());
    Model model = made.value();
    const std::string name = std::filesystem::path(args.dataset).stem().string();
    TrainingSet set = TrainingSet::fromDataset(*dataset, model.config().grid, name);
    if (model.config().type == kMapModelType && !(dataset->settings().map == model.config().drumMap))
        return fail(args, kExitBadInput, args.dataset + ": the dataset's drum map (" + dataset->settings().map.name()
                + ") is not the base model's (" + model.config().drumMap.name() + "): import it with --map "
                + model.config().drumMap.name());
    if (set.summary.skippedWindows > 0)
        std::cerr << "train: skipped " << set.summary.skippedWindows << " windows that are not on the model's grid ("
                  << model.config().steps() << " steps)\n";

    TrainOptions options = args.settings.trainOptions();
    options.checkpointPath = args.out;  // after every epoch: a killed run resumes with --resume OUT
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    std::cerr << "train: " << model.config().type << ", latent " << model.config().latent << ", "
              << model.parameterCount() << " parameters, " << set.train.size() << " train / " << set.validation.size()
              << " validation windows, " << resolvedThreads(args.settings.threads) << " threads, "
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
        j["threads"] = resolvedThreads(args.settings.threads);
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
    cli::addTrainSettingsOptions(*cmd, a->settings);
    cmd->add_option("--resume", a->resume, "Continue training this model file (its config wins)");
    cmd->add_flag("--json", a->json, "End with one JSON object on stdout");
    cmd->callback([a] {
        const int code = runTrain(*a);
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
