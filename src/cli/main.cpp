// groovescape-cli: the headless front end (import, inspect, render here; the
// model commands in groovescape-cli-torch, which this program becomes for them).
#include "commands.h"
#include "torchhandover.h"

int main(int argc, char** argv)
{
    if (gs::cli::needsTorchCli(argc, argv))
        return gs::cli::execTorchCli();  // returns only if groovescape-cli-torch cannot start
    return gs::runCommandLine(argc, argv);
}
