// groovescape-cli's model commands: listed (in --help) with the names and descriptions
// groovescape-cli-torch registers them with, and handed over to it if ever parsed here.
// main() hands such command lines over before parsing (torchhandover.h); these stand-ins
// accept anything so that nothing here can answer differently from the torch program.
#include "commands.h"
#include "modelcommands.h"
#include "torchhandover.h"

#include <CLI/CLI.hpp>

namespace gs {

namespace {

void addHandedOver(CLI::App& app, const cli::CommandText& command)
{
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    sub->set_help_flag();
    sub->allow_extras();
    sub->callback([] { throw CLI::RuntimeError(cli::execTorchCli()); });
}

} // namespace

void addTrainCommand(CLI::App& app) { addHandedOver(app, cli::kTrainCommand); }
void addGenerateCommand(CLI::App& app) { addHandedOver(app, cli::kGenerateCommand); }
void addEncodeCommand(CLI::App& app) { addHandedOver(app, cli::kEncodeCommand); }
void addInterpolateCommand(CLI::App& app) { addHandedOver(app, cli::kInterpolateCommand); }
void addEvalCommand(CLI::App& app) { addHandedOver(app, cli::kEvalCommand); }
void addStripCommand(CLI::App& app) { addHandedOver(app, cli::kStripCommand); }
void addDrumifyCommand(CLI::App& app) { addHandedOver(app, cli::kDrumifyCommand); }

} // namespace gs
