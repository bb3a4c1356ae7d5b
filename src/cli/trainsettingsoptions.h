#pragma once
// `groovescape-cli train`'s options for the training settings: each one fills a field of
// TrainSettings and is checked against that field's range or choices in src/train/trainsettings,
// the same ones the app clamps into; a value outside gives a usage error (exit 2) in the same words
// as TrainSettings::problem(), after the option's name. Header-only so a test can parse with it.
#include "train/trainsettings.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace gs::cli {

// A finite number in the setting's range (CLI11's Range lets "nan" through).
inline CLI::Validator settingRange(const char* option)
{
    const TrainSettingRange& range = trainSettingRange(option);
    return CLI::Validator([&range](std::string& text) { return trainSettingProblem(range, text); },
        "NUMBER in " + trainSettingRangeText(range));
}

inline CLI::Validator settingChoice(const std::vector<std::string>& choices)
{
    std::string list;
    for (const std::string& c : choices)
        list += (list.empty() ? "" : ", ") + c;
    return CLI::Validator(
        [&choices, list](std::string& text) -> std::string {
            if (std::find(choices.begin(), choices.end(), text) != choices.end())
                return {};
            return "'" + text + "' is not one of " + list;
        },
        "one of " + list);
}

inline void addTrainSettingsOptions(CLI::App& cmd, TrainSettings& s)
{
    cmd.add_option("--model", s.model, "rhythmvae, recurrent, transformer or map (a small VAE over --base's latent space)")
        ->check(settingChoice(trainModelTypes()))->capture_default_str();
    cmd.add_option("--base", s.base, "--model map: the base model file (embedded in the map's file)");
    cmd.add_option("--map-target", s.mapTarget,
        "--model map: latent (reconstruct the base's latent means: seconds) or grooves (the windows, through the "
        "frozen base decoder)")
        ->check(settingChoice(mapTargetChoices()))->capture_default_str();
    cmd.add_option("--map-attributes", s.mapAttributes,
        "--model map: keep map x in the order of density and map y in the order of mean velocity, with this weight "
        "(0: the map finds its own axes)")
        ->check(settingRange("--map-attributes"))->capture_default_str();
    cmd.add_option("--latent", s.latent, "Latent size (2..256)")->check(settingRange("--latent"))->capture_default_str();
    cmd.add_option("--hidden", s.hidden, "Layer width (RhythmVAE dense width or recurrent GRU width)")
        ->check(settingRange("--hidden"));
    cmd.add_option("--input", s.input, "Transformer: full (encode the drums) or groove (encode their monotonic groove: "
        "a model for drumify)")->check(settingChoice(inputModeChoices()))->capture_default_str();
    cmd.add_option("--d-model", s.dModel, "Transformer encoder width (0: default)")->check(settingRange("--d-model"));
    cmd.add_option("--heads", s.heads, "Transformer encoder attention heads (0: default)")->check(settingRange("--heads"));
    cmd.add_option("--layers", s.layers, "Transformer encoder layers (0: default)")->check(settingRange("--layers"));
    cmd.add_option("--feed-forward", s.feedForward, "Transformer encoder feed-forward width (0: default)")
        ->check(settingRange("--feed-forward"));
    cmd.add_option("--dropout", s.dropout, "Transformer dropout in both stacks (0..0.9)")
        ->check(settingRange("--dropout"))->capture_default_str();
    cmd.add_option("--decoder-d-model", s.decoderDModel, "Transformer decoder width (0: default)")
        ->check(settingRange("--decoder-d-model"));
    cmd.add_option("--decoder-heads", s.decoderHeads, "Transformer decoder attention heads (0: default)")
        ->check(settingRange("--decoder-heads"));
    cmd.add_option("--decoder-layers", s.decoderLayers, "Transformer decoder layers (0: default)")
        ->check(settingRange("--decoder-layers"));
    cmd.add_option("--decoder-feed-forward", s.decoderFeedForward, "Transformer decoder feed-forward width (0: default)")
        ->check(settingRange("--decoder-feed-forward"));
    cmd.add_option("--epochs", s.epochs, "Epochs (more epochs on --resume)")->check(settingRange("--epochs"))->capture_default_str();
    cmd.add_option("--batch", s.batch, "Batch size")->check(settingRange("--batch"))->capture_default_str();
    cmd.add_option("--lr", s.lr, "Adam learning rate (default 1e-3; on --resume the model's last rate)")
        ->check(settingRange("--lr"));
    cmd.add_option("--weight-decay", s.weightDecay, "Adam weight decay")->check(settingRange("--weight-decay"))->capture_default_str();
    cmd.add_option("--clip-norm", s.clipNorm, "Gradient norm clip (0: none)")->check(settingRange("--clip-norm"))->capture_default_str();
    cmd.add_option("--beta", s.beta, "KL weight")->check(settingRange("--beta"))->capture_default_str();
    cmd.add_option("--free-bits", s.freeBits, "KL floor in nats: beta x max(KL, L)")->check(settingRange("--free-bits"))->capture_default_str();
    cmd.add_option("--kl-anneal", s.klAnneal, "none, linear or cyclic")->check(settingChoice(klAnnealChoices()))->capture_default_str();
    cmd.add_option("--kl-warmup", s.klWarmup, "Warm-up (or cycle) length in epochs (default epochs/4)")
        ->check(settingRange("--kl-warmup"));
    cmd.add_flag("--flat", s.flat, "Flat-manifold regularisation (FM-Music-VAE)");
    cmd.add_option("--flat-eta", s.flatEta, "Weight eta of the flat-manifold penalty (see --flat-form)")
        ->check(settingRange("--flat-eta"))->capture_default_str();
    cmd.add_option("--flat-batch", s.flatBatch, "Latent mixup points per batch that get the flat-manifold penalty")
        ->check(settingRange("--flat-batch"))->capture_default_str();
    cmd.add_flag("--flat-detach", s.flatDetach, "Stop the penalty's gradient at the mixup points (decoder only)");
    cmd.add_option("--flat-form", s.flatForm,
        "relative: eta x ||J^T J / c^2 - I||^2, c^2 not detached (scale-free); absolute: eta x ||J^T J - c^2 I||^2 "
        "as the paper writes it")
        ->check(settingChoice(flatFormChoices()))->capture_default_str();
    cmd.add_option("--flat-metric", s.flatMetric,
        "Planes the Jacobian measures: all (hit probability, velocity, offset, as the paper), hits (hit probabilities "
        "only) or weighted (all, by the square roots of the loss weights)")
        ->check(settingChoice(flatMetricChoices()))->capture_default_str();
    cmd.add_option("--kappa", s.kappa,
        "Constrained objective: reconstruction per cell <= kappa^2 with a Lagrange multiplier (0: off)")
        ->check(settingRange("--kappa"))->capture_default_str();
    cmd.add_option("--lambda-rate", s.lambdaRate, "Step of the multiplier: lambda *= exp(rate x constraint average)")
        ->check(settingRange("--lambda-rate"))->capture_default_str();
    cmd.add_option("--early-stop", s.earlyStop, "Stop after N epochs without validation improvement (0: never)")
        ->check(settingRange("--early-stop"))->capture_default_str();
    cmd.add_option("--seed", s.seed, "Seed (weights, shuffling)")->capture_default_str();
    cmd.add_option("--threads", s.threads, "Torch threads (0: cores - 1)")->check(settingRange("--threads"))->capture_default_str();
    cmd.add_option("--precision", s.precision,
        "fp32, or bf16 mixed precision (RhythmVAE on CPUs with AVX512_BF16/AMX; otherwise falls back to fp32)")
        ->check(settingChoice(precisionChoices()))->capture_default_str();
}

} // namespace gs::cli
