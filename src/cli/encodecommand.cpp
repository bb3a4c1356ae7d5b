// groovescape-cli encode MODEL CLIP.mid: the latent point of every window of a clip.
#include "commands.h"
#include "modelcommands.h"
#include "latentcommon.h"

#include "midi/groovemidi.h"

#include <CLI/CLI.hpp>

namespace gs {

namespace {

struct EncodeArgs {
    std::string model;
    std::string clip;
    bool json = false;
};

int runEncode(const EncodeArgs& args)
{
    const char* cmd = "encode";
    auto model = Model::load(args.model);
    if (!model)
        return cli::fail(cmd, args.json, kExitBadInput, model.error().describe());
    LatentSpace space(*model);
    const ModelConfig& c = space.config();
    auto windows = readGrooveMidi(args.clip, c.drumMap, c.grid.bars, c.grid.stepsPerBeat);
    if (!windows)
        return cli::fail(cmd, args.json, kExitBadInput, windows.error().describe());
    if (windows->empty())
        return cli::fail(cmd, args.json, kExitNothingDone, args.clip + ": no drum windows in this clip");
    if (windows->front().steps() != c.steps())
        return cli::fail(cmd, args.json, kExitNothingDone,
                         args.clip + ": its windows have " + std::to_string(windows->front().steps())
                             + " steps (meter " + windows->front().grid().meter.text() + "); the model expects "
                             + std::to_string(c.steps()) + " (" + c.grid.meter.text() + ")");
    auto encoded = space.encode(*windows);
    if (!encoded)
        return cli::fail(cmd, args.json, kExitNothingDone, args.clip + ": " + encoded.error().message);

    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < windows->size(); ++i)
        list.push_back({{"index", i}, {"first_bar", int(i) * c.grid.bars}, {"hits", (*windows)[i].hitCount()},
            {"z", cli::latentJson(encoded->mean[i])}, {"log_var", cli::latentJson(encoded->logVar[i])}});
    if (args.json) {
        std::cout << jsonText({{"model", args.model}, {"clip", args.clip}, {"latent", c.latent}, {"windows", list}}) << "\n";
        return kExitOk;
    }
    for (std::size_t i = 0; i < windows->size(); ++i) {
        std::cout << "window " << i << " (" << (*windows)[i].hitCount() << " hits): ";
        for (std::size_t d = 0; d < encoded->mean[i].size(); ++d)
            std::cout << (d ? "," : "") << encoded->mean[i][d];
        std::cout << "\n";
    }
    return kExitOk;
}

} // namespace

void addEncodeCommand(CLI::App& app)
{
    auto args = std::make_shared<EncodeArgs>();
    CLI::App* sub = app.add_subcommand(cli::kEncodeCommand.name, cli::kEncodeCommand.description);
    sub->add_option("model", args->model, "The model file")->required();
    sub->add_option("clip", args->clip, "The MIDI clip")->required();
    sub->add_flag("--json", args->json, "Print one JSON object on stdout");
    sub->callback([args] {
        if (const int code = runEncode(*args); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
