#pragma once
// What a musician chooses before training: the one settings value that the app's training view
// (TrainingModel's `settings`) and `groovescape-cli train` both fill. It owns the defaults, the
// recommended values per model type, the range of every number (the CLI rejects a value outside
// it, the app clamps into it, and both say why in the same words) and a JSON form.
// Torch-free, Qt-free. The ModelConfig and TrainOptions a run needs are made from it.
#include "core/error.h"
#include "model/modelconfig.h"
#include "train/trainoptions.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

struct TrainSettings {
    // The model.
    std::string model = "rhythmvae";  // "rhythmvae", "recurrent", "transformer" or "map"
    std::string base;  // "map": the base model file it sits on (embedded in the map's file); "" otherwise
    int latent = 2;
    int hidden = 0;  // RhythmVAE dense width or recurrent GRU width; 0 = the model's default
    // The transformer (TransformerConfig): what it encodes, and its sizes (0 = the default).
    std::string input = "full";  // "full" (drums) or "groove" (their monotonic groove: drumify)
    int dModel = 0;  // encoder width
    int heads = 0;
    int layers = 0;
    int feedForward = 0;
    int decoderDModel = 0;
    int decoderHeads = 0;
    int decoderLayers = 0;
    int decoderFeedForward = 0;
    double dropout = 0.1;  // in both stacks (TransformerConfig's default)
    // The loss.
    double beta = 1.0;  // KL weight
    double freeBits = 0.0;  // KL floor in nats: beta x max(KL, L)
    std::string klAnneal = "none";  // "none", "linear" or "cyclic"
    int klWarmup = 0;  // warm-up (or cycle) length in epochs
    bool flat = false;  // FM-Music-VAE flat-manifold penalty
    double flatEta = 3.0;  // its weight (LossConfig's default)
    int flatBatch = 16;  // mixup points per batch that get the penalty (LossConfig's default)
    bool flatDetach = false;  // the penalty's gradient stops at the mixup points
    std::string flatForm = "relative";  // "relative" or "absolute"
    std::string flatMetric = "all";  // "all", "hits" or "weighted"
    double kappa = 0.0;  // constrained objective: reconstruction per cell <= kappa^2 (0 = off)
    double lambdaRate = 1.0;  // step of its multiplier
    std::string mapTarget = "latent";  // map models: "latent" (base latent means) or "grooves" (through the base decoder)
    double mapAttributes = 0.0;  // map models: weight of the density (x) and velocity (y) axes (LossConfig)
    // The run.
    int epochs = 20;
    int batch = 64;
    double lr = 0.0;  // Adam; 0 = 1e-3 for a fresh model, the model's last rate on resume
    double weightDecay = 0.0;
    int earlyStop = 0;  // epochs without validation improvement before stopping (0 = never)
    double clipNorm = 5.0;  // gradient norm clip (0 = none)
    std::uint64_t seed = 1;
    int threads = 0;  // torch threads; 0 = cores - 1
    std::string precision = "fp32";  // "fp32" or "bf16" (mixed precision where the CPU has it)

    bool operator==(const TrainSettings&) const = default;

    // Empty when every value is allowed; else the first problem, naming the setting by its
    // command-line option: "--latent: '0' is out of range (expected 2 to 256)".
    std::string problem() const;
    // `model`'s recommended values (what the app's Defaults button puts back: RhythmVAE's published
    // settings; the recurrent model as the bundled recurrent-32d-flat was trained, with a smaller
    // latent for a CPU). The choices that are not the model's (flat, precision, seed) are kept.
    TrainSettings recommendedFor(const std::string& model) const;
    // The transformer's sizes and input mode (defaults where a size is 0); styles are the data's
    // (TrainingSet::styleLabels).
    TransformerConfig transformerConfig() const;
    // The trainer's options (epochs, batch, lr, ..., precision asked for).
    TrainOptions trainOptions() const;

    // {"model": "rhythmvae", "latent": 2, ...}: every field under its JSON key.
    std::string toJson() const;
    // Keys that are missing keep their defaults; an unknown key, a value of the wrong type or one
    // out of range is an error naming it.
    static Result<TrainSettings> fromJson(const std::string& text);
};

// The range of one numeric setting. `key` names it in JSON, `option` on the command line.
struct TrainSettingRange {
    const char* key;
    const char* option;
    double low;
    double high;
};

// Every numeric setting with a range (the seed has none: any 64-bit value).
const std::vector<TrainSettingRange>& trainSettingRanges();
// The range of the setting with this JSON key or option; throws std::out_of_range for another name.
const TrainSettingRange& trainSettingRange(std::string_view keyOrOption);
// Why `text` is not a value of `range` ("'nan' is not a finite number (expected 0 to 10)",
// "'-1' is out of range (expected 0 to 10)"), or "" when it is. What the CLI prints after the
// option's name, and what problem() says.
std::string trainSettingProblem(const TrainSettingRange& range, const std::string& text);
// "0 to 10": the range in words.
std::string trainSettingRangeText(const TrainSettingRange& range);

// The allowed choices of the text settings.
const std::vector<std::string>& trainModelTypes();  // rhythmvae, recurrent, transformer, map
const std::vector<std::string>& inputModeChoices();  // full, groove
const std::vector<std::string>& klAnnealChoices();  // none, linear, cyclic
const std::vector<std::string>& flatFormChoices();  // relative, absolute
const std::vector<std::string>& flatMetricChoices();  // all, hits, weighted
const std::vector<std::string>& precisionChoices();  // fp32, bf16
const std::vector<std::string>& mapTargetChoices();  // latent, grooves

// The nearest allowed settings to `wanted`: every number clamped into its range, a text choice
// that is not allowed kept from `previous`. The app applies what the user types through it.
TrainSettings clampedTrainSettings(const TrainSettings& wanted, const TrainSettings& previous);

} // namespace gs
