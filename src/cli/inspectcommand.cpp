// groovescape-cli inspect FILE: a MIDI file, a dataset, or (through inspectModelFile) a model.
#include "commands.h"
#include "optionchecks.h"
#include "escapedoutput.h"
#include "jsonout.h"

#include "core/filereader.h"
#include "dataset/datasetfile.h"
#include "dataset/filescanner.h"
#include "inspectors.h"

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <cstring>
#include <unistd.h>
#include <iostream>
#include <memory>

namespace gs {

namespace {

struct InspectArgs {
    std::string path;
    std::string map = "groovae";
    int bars = 2;
    int minHits = 6;
    int drumChannel = 10;
    bool json = false;
};

enum class Kind { Unreadable, Midi, Dataset, Other };

// Judged by the first bytes, read without blocking on a FIFO or device (core/filereader.h).
Kind kindOf(const std::string& path, std::string& why)
{
    Result<int> fd = openRegularFile(path, "file to inspect");
    if (!fd) {
        why = fd.error().describe();
        return Kind::Unreadable;
    }
    char head[12] = {};
    const ssize_t read = ::read(*fd, head, sizeof head);
    ::close(*fd);
    const auto got = std::size_t(read > 0 ? read : 0);
    if (DatasetFile::looksLikeDataset(reinterpret_cast<const std::uint8_t*>(head), got))
        return Kind::Dataset;
    const bool smf = got >= 4 && std::memcmp(head, "MThd", 4) == 0;
    const bool rmid = got >= 12 && std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "RMID", 4) == 0;
    // A broken file named .mid is still judged by the MIDI reader, so its error says what is wrong.
    return smf || rmid || hasMidiExtension(path) ? Kind::Midi : Kind::Other;
}

int runInspect(const InspectArgs& args)
{
    std::string why;
    switch (kindOf(args.path, why)) {
    case Kind::Unreadable: {
        if (args.json)
            std::cout << jsonText({{"file", args.path}, {"error", why}}) << "\n";
        std::cerr << "inspect: " << why << "\n";
        return kExitBadInput;
    }
    case Kind::Midi: return inspectMidiFile(args.path, args.map, args.bars, args.minHits, args.drumChannel, args.json);
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
    cmd->add_option("--bars", args->bars, "Bars per window for a MIDI file: 1, 2 or 4")
        ->check(CLI::Range(1, 16))->capture_default_str();
    cmd->add_option("--drum-channel", args->drumChannel, "MIDI files: the channel read as drums (1..16)")
        ->check(CLI::Range(1, 16))->capture_default_str();
    cmd->add_option("--min-hits", args->minHits, "Hits a window needs to count as usable")
        ->check(CLI::Range(0, 100000))->capture_default_str();
    cmd->add_flag("--json", args->json, "Print one JSON object on stdout");
    cmd->callback([args] {
        int code = kExitOk;
        {
            cli::EscapedOutput escaped;  // names and reasons come from the file
            code = runInspect(*args);
        }
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
