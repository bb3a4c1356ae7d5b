#pragma once
// groovescape-cli subcommands. Each add...Command registers one subcommand on
// the app; main.cpp calls them all. To add a command: declare it here,
// implement it in its own .cpp in src/cli, add one line to main.cpp and the
// source (and library) to src/cli/CMakeLists.txt.
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

// Inspects a file that is neither MIDI nor a dataset (a model, in the model
// engineer's src/cli/inspectmodel.cpp). Returns the exit code.
int inspectModelFile(const std::string& path, bool json);

} // namespace gs
