// groovescape-cli import PATH... --out DATASET: drum MIDI files and folders -> a .gsd dataset.
#include "commands.h"
#include "core/atomicfile.h"
#include "optionchecks.h"
#include "jsonout.h"

#include "datasetreport.h"
#include "dataset/datasetfile.h"
#include "dataset/importer.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

namespace gs {

namespace {

struct ImportArgs {
    std::vector<std::string> paths;
    std::string out;
    std::string map = "groovae";
    int bars = 2;
    int stepsPerBeat = 4;
    int hopBars = 0;
    int minHits = 6;
    int drumChannel = kDefaultDrumChannel;
    std::vector<std::string> fileDrumChannels;  // FILE=N
    std::uint64_t seed = 1;
    double validation = 1.0 / 6.0;
    bool keepDuplicates = false;
    int threads = 0;
    bool json = false;
};

int fail(const ImportArgs& args, int code, const std::string& message, nlohmann::json report = nlohmann::json::object())
{
    if (args.json) {
        report["error"] = message;
        std::cout << jsonText(report) << "\n";
    }
    std::cerr << "import: " << message << "\n";
    return code;
}

int runImport(const ImportArgs& args)
{
    const auto start = std::chrono::steady_clock::now();
    auto map = DrumMap::byName(args.map);
    if (!map)
        return fail(args, kExitBadInput, map.error().describe());
    ImportSettings settings;
    settings.map = std::move(map).value();
    settings.bars = args.bars;
    settings.stepsPerBeat = args.stepsPerBeat;
    settings.hopBars = args.hopBars;
    settings.minHits = args.minHits;
    settings.dropDuplicates = !args.keepDuplicates;
    settings.seed = args.seed;
    settings.validationFraction = args.validation;
    settings.drumChannel = args.drumChannel;
    for (const std::string& choice : args.fileDrumChannels) {
        const auto eq = choice.rfind('=');
        int channel = 0;
        try {
            channel = eq == std::string::npos ? 0 : std::stoi(choice.substr(eq + 1));
        } catch (const std::exception&) {
        }
        if (!validMidiChannel(channel))
            return fail(args, kExitBadInput, "--file-drum-channel wants FILE=N with N a MIDI channel 1..16, not '" + choice + "'");
        settings.fileDrumChannels[choice.substr(0, eq)] = channel;
    }

    Importer importer(settings);
    importer.setThreadCount(args.threads);
    if (!args.json) {
        importer.setProgressCallback([](int done, int total) {
            if (done == total || done % 25 == 0)
                std::cerr << "\rimporting " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
        });
    }
    auto imported = importer.run(args.paths);
    if (!imported)
        return fail(args, kExitBadInput, imported.error().describe());
    const Dataset& dataset = *imported;
    for (const auto& [file, channel] : settings.fileDrumChannels) {
        const bool used = std::any_of(dataset.files().begin(), dataset.files().end(),
            [&, c = channel](const FileRecord& f) { return f.drumChannel == c && settings.drumChannelFor(f.path) == c
                && (f.path == file || std::filesystem::path(f.path).filename() == file); });
        if (!used)
            return fail(args, kExitBadInput, "--file-drum-channel " + file + "=" + std::to_string(channel)
                + ": no imported file has that path or name");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    nlohmann::json report = datasetJson(dataset);
    report["seconds"] = seconds;
    report["out"] = args.out;
    if (dataset.files().empty())
        return fail(args, kExitNothingDone, "no MIDI files (.mid, .midi, .rmi) found", report);
    if (dataset.windowCount() == 0)
        return fail(args, kExitNothingDone, "no groove windows: nothing written to " + args.out, report);
    // Temps of earlier writes that were killed (core/atomicfile.h), before this one adds its own.
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    if (Status saved = DatasetFile::save(dataset, args.out); !saved)
        return fail(args, kExitNothingDone, saved.error().describe(), report);

    if (args.json) {
        std::cout << jsonText(report) << "\n";
    } else {
        printDatasetSummary(dataset, std::cout);
        std::cout << "wrote " << args.out << " in " << seconds << " s\n";
    }
    return kExitOk;
}

} // namespace

void addImportCommand(CLI::App& app)
{
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = app.add_subcommand("import", "Import drum MIDI files and folders into a dataset (.gsd)");
    cmd->add_option("paths", args->paths, "MIDI files or folders (searched recursively)")->required();
    cmd->add_option("--out,-o", args->out, "The dataset file to write")->required();
    cmd->add_option("--map", args->map, "Drum map: gm, gm-greedy, groovae or a JSON map file")->capture_default_str();
    cmd->add_option("--bars", args->bars, "Bars per window: 1, 2 or 4")->check(CLI::Range(1, 16))->capture_default_str();
    cmd->add_option("--steps-per-beat", args->stepsPerBeat, "Steps per quarter note: 4 or 12")->capture_default_str();
    cmd->add_option("--hop-bars", args->hopBars, "Bars between window starts (0: non-overlapping)")->check(CLI::Range(0, 16))->capture_default_str();
    cmd->add_option("--min-hits", args->minHits, "Drop windows with fewer hits")->check(CLI::Range(0, 100000))->capture_default_str();
    cmd->add_option("--drum-channel", args->drumChannel, "The MIDI channel read as drums (1..16)")
        ->check(CLI::Range(1, 16))->capture_default_str();
    cmd->add_option("--file-drum-channel", args->fileDrumChannels, "FILE=N: read FILE's drums from channel N (repeatable)");
    cmd->add_option("--seed", args->seed, "Seed of the train/validation split")->capture_default_str();
    cmd->add_option("--validation", args->validation, "Fraction of files held out for validation")
        ->check(cli::finiteIn(0, 1))->capture_default_str();
    cmd->add_flag("--keep-duplicates", args->keepDuplicates, "Keep windows whose hits repeat an earlier window");
    cmd->add_option("--threads", args->threads, "Worker threads (0: every core)")->check(CLI::Range(0, 1024))->capture_default_str();
    cmd->add_flag("--json", args->json, "Print one JSON object on stdout");
    cmd->callback([args] {
        const int code = runImport(*args);
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
