#pragma once
// groovescape-cli subcommands. Each add...Command registers one subcommand on
// the app; runCommandLine (runcli.cpp) calls them all. To add a command: declare
// it here, implement it in its own .cpp in src/cli, add one line to runcli.cpp
// and the source (and library) to src/cli/CMakeLists.txt: to gs_cli if it needs
// no model (no torch), else to groovescape-cli-torch, with its name and
// description in modelcommands.h and a stand-in in delegatedcommands.cpp.
//
// A command reports its exit code by throwing CLI::RuntimeError(code) from its
// callback (0 needs no throw). Every command prints one JSON object on stdout
// with --json; human-readable text otherwise, errors on stderr.
#include <string>

namespace CLI {
class App;
}

namespace gs {

enum ExitCode : int {
    kExitOk = 0,
    kExitNothingDone = 1,  // the input was fine but nothing could be produced
    kExitBadInput = 2,  // bad usage, a missing or unreadable file, bad options
};

void addImportCommand(CLI::App& app);
void addInspectCommand(CLI::App& app);
void addTrainCommand(CLI::App& app);
void addRenderCommand(CLI::App& app);
void addGenerateCommand(CLI::App& app);
void addEncodeCommand(CLI::App& app);
void addInterpolateCommand(CLI::App& app);
void addEvalCommand(CLI::App& app);
void addStripCommand(CLI::App& app);
void addDrumifyCommand(CLI::App& app);

// Registers every command, parses the arguments and runs the command; returns the exit code.
int runCommandLine(int argc, char** argv);

// Inspects a file that is neither MIDI nor a dataset (a model, in the model
// engineer's src/cli/inspectmodel.cpp; torch-free: header and metadata only). Returns the exit code.
int inspectModelFile(const std::string& path, bool json);

} // namespace gs
