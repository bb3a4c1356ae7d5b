// groovescape-cli: the headless front end (import, inspect, train, ...).
#include "commands.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    CLI::App app{"Groovescape command line: import drum MIDI, inspect files, train and explore models"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "groovescape-cli 0.1.0");

    gs::addImportCommand(app);
    gs::addInspectCommand(app);
    gs::addTrainCommand(app);
    gs::addRenderCommand(app);
    gs::addGenerateCommand(app);
    gs::addEncodeCommand(app);
    gs::addInterpolateCommand(app);
    gs::addEvalCommand(app);
    gs::addStripCommand(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code();  // a command's own result, already reported
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help, version or the usage error
        return code == 0 ? gs::kExitOk : gs::kExitBadInput;
    } catch (const std::exception& e) {
        // Commands report their own errors; this is the last line against a crash.
        std::cerr << "groovescape-cli: internal error: " << e.what() << "\n";
        return gs::kExitNothingDone;
    }
    return gs::kExitOk;
}
