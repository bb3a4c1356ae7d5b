// groovescape-cli strip MODEL [--out FILE]: the model without its optimizer state (what ships).
#include "commands.h"
#include "modelcommands.h"
#include "jsonout.h"

#include "model/modelstrip.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace gs {

namespace {

struct StripArgs {
    std::string model;
    std::string out;  // empty: replace MODEL
    bool json = false;
};

int runStrip(const StripArgs& args)
{
    const std::string out = args.out.empty() ? args.model : args.out;
    auto stripped = stripModelFile(args.model, out);
    if (!stripped) {
        const std::string message = stripped.error().describe();
        if (args.json)
            std::cout << jsonText({{"command", "strip"}, {"error", message}}) << "\n";
        std::cerr << "strip: " << message << "\n";
        return kExitBadInput;
    }
    const StripReport& r = stripped.value();
    if (args.json) {
        std::cout << jsonText({{"model", args.model}, {"out", out}, {"bytes_before", r.bytesBefore},
                         {"bytes_after", r.bytesAfter}, {"optimizer_bytes_removed", r.optimizerBytes}})
                  << "\n";
        return kExitOk;
    }
    std::cout << out << ": " << r.bytesAfter << " bytes (was " << r.bytesBefore << "; removed "
              << r.optimizerBytes << " bytes of optimizer state"
              << (r.optimizerBytes == 0 ? ", the file had none" : "") << ")\n";
    return kExitOk;
}

} // namespace

void addStripCommand(CLI::App& app)
{
    auto args = std::make_shared<StripArgs>();
    CLI::App* sub = app.add_subcommand(cli::kStripCommand.name, cli::kStripCommand.description);
    sub->add_option("model", args->model, "The model file")->required();
    sub->add_option("--out", args->out, "Where to write (default: replace MODEL, atomically)");
    sub->add_flag("--json", args->json, "Print one JSON object on stdout");
    sub->callback([args] {
        if (const int code = runStrip(*args); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
