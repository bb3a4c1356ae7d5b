// groovescape-cli inspect FILE: a MIDI file, a dataset, or (through inspectModelFile) a model.
#include "commands.h"
#include "jsonout.h"

#include "dataset/datasetfile.h"
#include "dataset/filescanner.h"
#include "inspectors.h"

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace gs {

namespace {

struct InspectArgs {
    std::string path;
    std::string map = "groovae";
    int bars = 2;
    int minHits = 6;
    bool json = false;
};

enum class Kind { Missing, Midi, Dataset, Other };

Kind kindOf(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Kind::Missing;
    std::ifstream in(path, std::ios::binary);
    char head[12] = {};
    in.read(head, sizeof head);
    const auto got = std::size_t(in.gcount());
    if (DatasetFile::looksLikeDataset(reinterpret_cast<const std::uint8_t*>(head), got))
        return Kind::Dataset;
    const bool smf = got >= 4 && std::memcmp(head, "MThd", 4) == 0;
    const bool rmid = got >= 12 && std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "RMID", 4) == 0;
    // A broken file named .mid is still judged by the MIDI reader, so its error says what is wrong.
    return smf || rmid || hasMidiExtension(path) ? Kind::Midi : Kind::Other;
}

int runInspect(const InspectArgs& args)
{
    switch (kindOf(args.path)) {
    case Kind::Missing: {
        std::error_code ec;
        const std::string message =
            args.path + (std::filesystem::is_directory(args.path, ec) ? ": a folder, not a file" : ": no such file");
        if (args.json)
            std::cout << jsonText({{"file", args.path}, {"error", message}}) << "\n";
        std::cerr << "inspect: " << message << "\n";
        return kExitBadInput;
    }
    case Kind::Midi: return inspectMidiFile(args.path, args.map, args.bars, args.minHits, args.json);
    case Kind::Dataset: return inspectDatasetFile(args.path, args.json);
    case Kind::Other: return inspectModelFile(args.path, args.json);
    }
    return kExitBadInput;
}

} // namespace

void addInspectCommand(CLI::App& app)
{
    auto args = std::make_shared<InspectArgs>();
    CLI::App* cmd = app.add_subcommand("inspect", "Describe a MIDI file, a dataset (.gsd) or a model");
    cmd->add_option("file", args->path, "The file to inspect")->required();
    cmd->add_option("--map", args->map, "Drum map for a MIDI file: gm, gm-greedy, groovae or JSON")->capture_default_str();
    cmd->add_option("--bars", args->bars, "Bars per window for a MIDI file: 1, 2 or 4")->capture_default_str();
    cmd->add_option("--min-hits", args->minHits, "Hits a window needs to count as usable")->capture_default_str();
    cmd->add_flag("--json", args->json, "Print one JSON object on stdout");
    cmd->callback([args] {
        const int code = runInspect(*args);
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
