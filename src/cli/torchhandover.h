#pragma once
// groovescape-cli runs import, inspect and render itself; a command line that
// names a model command (modelcommands.h) is handed, untouched, to
// groovescape-cli-torch: the same command line built with the model commands,
// the only one of the two that links LibTorch. The hand-over is an exec, so the
// process, its standard streams, environment and exit code stay the user's, and
// every model command's output is what it was when there was one program.
// Linux-only (/proc/self), as the app.
#include <string>

namespace gs::cli {

// True when this command line is for groovescape-cli-torch: its first word is
// not one of groovescape-cli's own commands and some word names a model command
// (`train ...`, also `--help train`). In doubt the answer is yes: the torch
// program answers every command line as the one program did.
bool needsTorchCli(int argc, char** argv);

// Replaces this process with groovescape-cli-torch, given this process's own
// arguments (argv[0] included, so usage lines name the program as typed).
// Returns only on failure, after saying why: kExitNothingDone.
int execTorchCli();

// <libexecdir>/groovescape/groovescape-cli-torch beside an installed groovescape-cli,
// else groovescape-cli-torch in this program's folder (the build tree); "" if neither.
std::string torchCliPath();

} // namespace gs::cli
