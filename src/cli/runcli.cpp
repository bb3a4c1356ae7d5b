// The command line both programs parse: groovescape-cli (the model commands stand in
// for groovescape-cli-torch's, delegatedcommands.cpp) and groovescape-cli-torch.
#include "commands.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

namespace gs {

int runCommandLine(int argc, char** argv)
{
    CLI::App app{"Groovescape command line: import drum MIDI, inspect files, train and explore models"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "groovescape-cli 0.1.0");

    addImportCommand(app);
    addInspectCommand(app);
    addTrainCommand(app);
    addRenderCommand(app);
    addGenerateCommand(app);
    addEncodeCommand(app);
    addInterpolateCommand(app);
    addEvalCommand(app);
    addStripCommand(app);
    addDrumifyCommand(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code();  // a command's own result, already reported
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help, version or the usage error
        return code == 0 ? kExitOk : kExitBadInput;
    } catch (const std::exception& e) {
        // Commands report their own errors; this is the last line against a crash.
        std::cerr << "groovescape-cli: internal error: " << e.what() << "\n";
        return kExitNothingDone;
    }
    return kExitOk;
}

} // namespace gs
