#pragma once
// The subcommands that need LibTorch (a model to load, train or evaluate). They
// run in groovescape-cli-torch; groovescape-cli lists them under the same names
// and descriptions and hands such a command line over untouched (torchhandover.h),
// so that import, inspect and render never load LibTorch (150 MB, 0.7 s).
// One table, used by both programs, keeps the two listings identical.
#include <array>
#include <string>
#include <string_view>

namespace gs::cli {

struct CommandText {
    const char* name;
    const char* description;
};

inline constexpr CommandText kTrainCommand{"train", "Train a model (VAE) on a dataset (.gsd)"};
inline constexpr CommandText kGenerateCommand{"generate", "Decode one point of a model's latent space to a MIDI clip"};
inline constexpr CommandText kEncodeCommand{"encode", "Print the latent point (mean) of every window of a MIDI clip"};
inline constexpr CommandText kInterpolateCommand{
    "interpolate", "Interpolate between two grooves or latent points into one clip"};
inline constexpr CommandText kEvalCommand{
    "eval", "Evaluate a model on a dataset: reconstruction, smoothness, attributes, KL"};
inline constexpr CommandText kStripCommand{"strip",
    "Write a model without its optimizer state (smaller; loads and generates the same; a resume starts a fresh "
    "optimizer)"};

inline constexpr CommandText kDrumifyCommand{
    "drumify", "Turn the rhythm of a MIDI file into drums with a groove-mode transformer model"};

inline constexpr std::array kModelCommands{kTrainCommand, kGenerateCommand, kEncodeCommand, kInterpolateCommand,
    kEvalCommand, kStripCommand, kDrumifyCommand};

inline bool isModelCommand(std::string_view word)
{
    for (const CommandText& c : kModelCommands)
        if (word == c.name)
            return true;
    return false;
}

} // namespace gs::cli
