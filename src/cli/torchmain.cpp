// groovescape-cli-torch: every command of groovescape-cli, the model commands
// included (the only ones that need LibTorch). groovescape-cli execs it with its
// own arguments for those; it is not meant to be started by hand, but answers
// exactly as groovescape-cli if it is.
#include "commands.h"

int main(int argc, char** argv)
{
    return gs::runCommandLine(argc, argv);
}
