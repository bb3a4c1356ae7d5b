// groovescape-cli eval MODEL DATASET: the papers' figures for a model on a dataset split.
#include "commands.h"
#include "modelcommands.h"
#include "latentcommon.h"
#include "accompanimenteval.h"
#include "featuresjson.h"
#include "ceilingjson.h"

#include "dataset/datasetfile.h"
#include "latent/evaluator.h"
#include "latent/featureeval.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <optional>

namespace gs {

namespace {

struct EvalArgs {
    std::string model;
    std::string dataset;
    std::string split = "validation";
    int pairs = 1000;
    int samples = 5000;
    std::uint64_t seed = 1;
    int limit = 0;
    bool save = false;
    bool json = false;
    bool ceiling = false;
};

int runEval(const EvalArgs& args)
{
    const char* cmd = "eval";
    auto model = Model::load(args.model);
    if (!model)
        return cli::fail(cmd, args.json, kExitBadInput, model.error().describe());
    auto dataset = DatasetFile::load(args.dataset);
    if (!dataset)
        return cli::fail(cmd, args.json, kExitBadInput, dataset.error().describe());
    LatentSpace space(*model);
    const ModelConfig& c = space.config();
    std::vector<Groove> windows, trainWindows;
    std::vector<std::string> styles;  // one per window: the feature comparison's per-style split
    int otherGrid = 0;
    if (args.ceiling && args.split != "validation")
        return cli::fail(cmd, args.json, kExitBadInput, "--ceiling compares the validation split with the train split");
    for (const DatasetWindow& w : dataset->windows()) {
        if (args.ceiling && w.split == Split::Train && w.groove.steps() == c.steps() && w.groove.voices() == c.voices())
            trainWindows.push_back(w.groove);
        if (args.split == "train" && w.split != Split::Train)
            continue;
        if (args.split == "validation" && w.split != Split::Validation)
            continue;
        if (w.groove.steps() != c.steps() || w.groove.voices() != c.voices()) {
            ++otherGrid;
            continue;
        }
        windows.push_back(w.groove);
        styles.push_back(w.style);
        if (args.limit > 0 && int(windows.size()) >= args.limit)
            break;
    }
    if (windows.size() < 2)
        return cli::fail(cmd, args.json, kExitNothingDone,
                         args.dataset + ": fewer than 2 windows of the model's grid in the " + args.split + " split");

    EvalOptions options;
    options.pairs = args.pairs;
    options.attributeSamples = args.samples;
    options.seed = args.seed;
    const auto start = std::chrono::steady_clock::now();
    auto report = Evaluator(space).evaluate(windows, options);
    if (!report)
        return cli::fail(cmd, args.json, kExitNothingDone, report.error().describe());
    GenerationOptions generation;
    generation.seed = args.seed;
    auto features = compareModelFeatures(space, windows, styles, cli::voiceNames(c.drumMap), generation);
    if (!features)
        return cli::fail(cmd, args.json, kExitNothingDone, features.error().describe());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const EvalReport& r = *report;
    // A groove-mode transformer: the accompaniment task too (drums from the rhythm of each window).
    std::map<float, std::map<std::string, double>> accompaniment, locked;
    std::optional<FeatureComparison> accompanimentFeatures;  // its drums (threshold 0.5) against the real windows
    std::vector<Groove> drums;  // at threshold 0.5, for windows[kept[i]]
    std::vector<std::size_t> kept;
    if (auto accompanist = Accompanist::create(*model)) {
        accompaniment = cli::accompanimentEvaluation(*accompanist, windows, false, &drums, &kept);
        locked = cli::accompanimentEvaluation(*accompanist, windows, true);
        std::vector<std::string> drumStyles;
        for (std::size_t i : kept)
            drumStyles.push_back(i < styles.size() ? styles[i] : std::string());
        if (!drums.empty())
            accompanimentFeatures = compareFeatures(windows, styles, drums, drumStyles, cli::voiceNames(c.drumMap));
    }

    if (args.save) {
        auto metrics = model->metrics();
        for (const auto& [key, value] : r.flatten())
            metrics[key] = value;
        if (accompaniment.count(0.5f))
            for (const auto& [key, value] : accompaniment.at(0.5f))
                metrics["accompaniment_" + key] = value;
        for (const auto& [key, value] : features->metrics())
            metrics[key] = value;
        if (accompanimentFeatures)
            for (std::size_t i = 0; i < accompanimentFeatures->names.size(); ++i)
                metrics["feature_accompaniment_overlap_" + accompanimentFeatures->names[i]] =
                    accompanimentFeatures->overall.features[i].overlap;
        if (locked.count(0.5f))
            for (const auto& [key, value] : locked.at(0.5f))
                metrics["accompaniment_locked_" + key] = value;
        model->setMetrics(metrics);
        if (Status saved = model->save(args.model); !saved)
            return cli::fail(cmd, args.json, kExitNothingDone, saved.error().describe());
    }

    nlohmann::json j = {{"model", args.model}, {"dataset", args.dataset}, {"split", args.split},
        {"windows", r.windows}, {"skipped_windows", otherGrid}, {"hit_precision", r.hitPrecision},
        {"hit_recall", r.hitRecall}, {"hit_f1", r.hitF1}, {"velocity_mse", r.velocityMse}, {"offset_mse", r.offsetMse},
        {"smoothness_mean", r.smoothnessMean}, {"smoothness_max", r.smoothnessMax}, {"pairs", r.pairs},
        {"attribute_correlation",
            {{"density", r.densityCorrelation}, {"velocity", r.velocityCorrelation}, {"offset", r.offsetCorrelation}}},
        {"attribute_change_correlation",
            {{"density", r.densityChange}, {"velocity", r.velocityChange}, {"offset", r.offsetChange}}},
        {"attribute_samples", r.attributeSamples}, {"kl_per_dim", r.klPerDim}, {"active_dims", r.activeDims},
        {"seed", args.seed}, {"saved", args.save}, {"seconds", seconds}};
    if (!accompaniment.empty())
        j["accompaniment"] = cli::accompanimentJson(accompaniment);
    j["features"] = {{"reconstruction", cli::featuresJson(features->reconstruction)},
                     {"prior", cli::featuresJson(features->prior)}};
    if (accompanimentFeatures)
        j["features"]["accompaniment"] = cli::featuresJson(*accompanimentFeatures);
    if (!locked.empty())
        j["accompaniment_locked"] = cli::accompanimentJson(locked);
    if (args.ceiling)
        j["ceiling"] = cli::ceilingJson(space, trainWindows, windows, drums, kept);
    if (args.json) {
        std::cout << jsonText(j) << "\n";
        return kExitOk;
    }
    std::cout << args.model << " on " << args.dataset << " (" << args.split << ", " << r.windows << " windows)\n"
              << "  hit precision " << r.hitPrecision << "  recall " << r.hitRecall << "  F1 " << r.hitF1 << "\n"
              << "  velocity MSE " << r.velocityMse << "  offset MSE " << r.offsetMse << " (on true hits)\n"
              << "  smoothness mean " << r.smoothnessMean << "  max " << r.smoothnessMax << " (" << r.pairs
              << " pairs, 20 points)\n"
              << "  attribute correlation: density " << r.densityCorrelation << "  velocity " << r.velocityCorrelation
              << "  offset " << r.offsetCorrelation << "\n"
              << "  attribute change correlation: density " << r.densityChange << "  velocity " << r.velocityChange
              << "  offset " << r.offsetChange << "\n"
              << "  active latent dimensions " << r.activeDims << " of " << r.klPerDim.size() << "\n";
    for (const auto& [threshold, m] : accompaniment)
        std::cout << "  accompaniment at threshold " << threshold << ": precision " << m.at("hit_precision") << "  recall "
                  << m.at("hit_recall") << "  F1 " << m.at("hit_f1") << "  offset spread ratio "
                  << m.at("offset_spread_ratio") << "\n";
    cli::printFeatureTable(std::cout, features->reconstruction, features->prior);
    return kExitOk;
}

} // namespace

void addEvalCommand(CLI::App& app)
{
    auto args = std::make_shared<EvalArgs>();
    CLI::App* sub = app.add_subcommand(cli::kEvalCommand.name, cli::kEvalCommand.description);
    sub->add_option("model", args->model, "The model file")->required();
    sub->add_option("dataset", args->dataset, "The dataset file (.gsd)")->required();
    sub->add_option("--split", args->split, "Which windows: validation, train or all")
        ->check(CLI::IsMember({"validation", "train", "all"}))
        ->capture_default_str();
    sub->add_option("--pairs", args->pairs, "Interpolation pairs for smoothness")->check(CLI::Range(1, 100000))
        ->capture_default_str();
    sub->add_option("--samples", args->samples, "Samples for the attribute vectors and correlations")
        ->check(CLI::Range(4, 100000))
        ->capture_default_str();
    sub->add_option("--limit", args->limit, "Use at most this many windows (0: all)")->capture_default_str();
    sub->add_option("--seed", args->seed, "Seed (pairs, samples)")->capture_default_str();
    sub->add_flag("--save", args->save, "Store the metrics in the model file");
    sub->add_flag("--json", args->json, "Print one JSON object on stdout");
    sub->add_flag("--ceiling", args->ceiling,
        "Also score what the train split alone allows on the validation split (dataceiling.h; with --json)");
    sub->callback([args] {
        if (const int code = runEval(*args); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
