// inspect MODEL: config, sizes, parameter count, history summary, metrics, dataset summary.
#include "commands.h"
#include "jsonout.h"
#include "modeljson.h"

#include "model/modelheader.h"

#include <iostream>

namespace gs {

namespace {

nlohmann::json historyJson(const std::vector<EpochRecord>& history)
{
    nlohmann::json h = {{"epochs", history.size()}};
    if (history.empty())
        return h;
    const EpochRecord* best = &history.front();
    double seconds = 0;
    for (const EpochRecord& e : history) {
        seconds += e.seconds;
        if (e.validation.total < best->validation.total)
            best = &e;
    }
    const EpochRecord& first = history.front();
    const EpochRecord& last = history.back();
    h["first"] = {{"epoch", first.epoch}, {"train", lossTermsJson(first.train)}, {"validation", lossTermsJson(first.validation)}};
    h["last"] = {{"epoch", last.epoch}, {"train", lossTermsJson(last.train)}, {"validation", lossTermsJson(last.validation)},
        {"learning_rate", last.learningRate}, {"kl_weight", last.klWeight}, {"samples_per_second", last.samplesPerSecond},
        {"precision", last.precision}};
    h["best_validation"] = {{"epoch", best->epoch}, {"loss", best->validation.total}};
    h["seconds"] = seconds;
    return h;
}

} // namespace

int inspectModelFile(const std::string& path, bool json)
{
    // The header and metadata only: describing a model needs no weights. (The checksum over the
    // weights is verified by every command that loads them: eval, generate, encode, train.)
    auto loaded = readModelHeader(path);
    if (!loaded) {
        std::string message = loaded.error().describe();
        if (message.find("wrong magic") != std::string::npos)
            message = path + ": not a MIDI file, dataset or model";
        if (json)
            std::cout << jsonText({{"file", path}, {"error", message}}) << "\n";
        std::cerr << message << "\n";
        return kExitBadInput;
    }
    const ModelHeader& m = loaded.value();
    const DatasetSummary& d = m.dataset;
    nlohmann::json j = {{"file", path}, {"kind", "model"}, {"config", modelConfigJson(m.config, m.parameters)},
        {"history", historyJson(m.history)}, {"metrics", m.metrics}, {"optimizer_state", m.hasOptimizerState},
        {"dataset", {{"name", d.name}, {"train_windows", d.trainWindows}, {"validation_windows", d.validationWindows},
                        {"skipped_windows", d.skippedWindows}, {"styles", d.styles}, {"source_files", d.sourceHashes.size()}}}};
    if (json) {
        std::cout << jsonText(j) << "\n";
        return kExitOk;
    }
    const ModelConfig& c = m.config;
    std::cout << path << ": " << c.type << " model, latent " << c.latent << ", " << c.steps() << " steps x " << c.voices()
              << " voices (" << c.grid.bars << " bars of " << c.grid.meter.text() << ", " << c.grid.stepsPerBeat
              << " steps per beat), drum map " << c.drumMap.name() << ", " << m.parameters << " parameters\n";
    std::cout << "loss: beta " << c.loss.beta << ", free bits " << c.loss.freeBits << ", KL annealing " << c.loss.klAnneal
              << (c.loss.flat ? ", flat-manifold eta " + std::to_string(c.loss.flatEta) : std::string()) << "\n";
    if (m.history.empty()) {
        std::cout << "untrained\n";
    } else {
        const EpochRecord& last = m.history.back();
        std::cout << "trained " << last.epoch << " epochs: train loss " << m.history.front().train.total << " -> "
                  << last.train.total << ", validation " << m.history.front().validation.total << " -> "
                  << last.validation.total << " (best " << j["history"]["best_validation"]["loss"].get<double>()
                  << " at epoch " << j["history"]["best_validation"]["epoch"].get<int>() << ", " << last.precision << ")\n";
    }
    for (const auto& [key, value] : m.metrics)
        std::cout << "  " << key << " = " << value << "\n";
    std::cout << "dataset " << (d.name.empty() ? "(none)" : d.name) << ": " << d.trainWindows << " train / "
              << d.validationWindows << " validation windows from " << d.sourceHashes.size() << " files";
    for (const auto& [style, count] : d.styles)
        std::cout << (style == d.styles.begin()->first ? "; " : ", ") << style << " " << count;
    std::cout << "\n";
    return kExitOk;
}

} // namespace gs
