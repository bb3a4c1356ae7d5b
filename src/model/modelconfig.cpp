#include "modelconfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace gs {

const char* const kModelTypes[2] = {"rhythmvae", "recurrent"};
const std::vector<std::string> kFlatMetrics = {"all", "hits", "weighted"};

std::string ModelConfig::problem() const
{
    if (type != kModelTypes[0] && type != kModelTypes[1])
        return "unknown model type '" + type + "' (expected rhythmvae or recurrent)";
    if (!grid.valid())
        return "invalid grid";
    if (voices() < 1)
        return "the drum map has no voices";
    const int maxLatent = 256;
    if (latent < (type == "recurrent" ? 2 : 1) || latent > maxLatent)
        return "latent size " + std::to_string(latent) + " is out of range (2..256)";
    if (hidden < 1 || decoderHidden < 1 || rnnHidden < 1 || hidden > 8192 || decoderHidden > 8192 || rnnHidden > 4096)
        return "layer widths out of range";
    if (loss.klAnneal != "none" && loss.klAnneal != "linear" && loss.klAnneal != "cyclic")
        return "unknown KL annealing '" + loss.klAnneal + "' (expected none, linear or cyclic)";
    if (loss.klAnneal != "none" && loss.klWarmupEpochs < 1)
        return "KL annealing needs a warm-up of at least one epoch";
    if (std::find(kFlatMetrics.begin(), kFlatMetrics.end(), loss.flatMetric) == kFlatMetrics.end())
        return "unknown flat-manifold metric '" + loss.flatMetric + "' (expected all, hits or weighted)";
    if (loss.beta < 0 || loss.freeBits < 0 || loss.flatEta < 0 || loss.flatEpsilon <= 0 || loss.flatDirections < 1
        || loss.flatBatch < 1 || loss.kappa < 0 || loss.lambdaRate < 0)
        return "negative loss setting";
    return {};
}

std::string ModelConfig::toJson() const
{
    nlohmann::json j;
    j["type"] = type;
    j["latent"] = latent;
    j["grid"] = {{"bars", grid.bars}, {"steps_per_beat", grid.stepsPerBeat},
        {"meter", {grid.meter.numerator, grid.meter.denominator}}};
    j["drum_map"] = nlohmann::json::parse(drumMap.toJson());
    j["hidden"] = hidden;
    j["decoder_hidden"] = decoderHidden;
    j["rnn_hidden"] = rnnHidden;
    j["loss"] = {{"hit_weight", loss.hitWeight}, {"velocity_weight", loss.velocityWeight},
        {"offset_weight", loss.offsetWeight}, {"beta", loss.beta}, {"free_bits", loss.freeBits},
        {"kl_anneal", loss.klAnneal}, {"kl_warmup_epochs", loss.klWarmupEpochs}, {"flat", loss.flat},
        {"flat_eta", loss.flatEta}, {"flat_alpha0", loss.flatAlpha0}, {"flat_epsilon", loss.flatEpsilon},
        {"flat_directions", loss.flatDirections}, {"flat_batch", loss.flatBatch},
        {"flat_encoder_grad", loss.flatEncoderGrad}, {"flat_relative", loss.flatRelative},
        {"flat_metric", loss.flatMetric}, {"kappa", loss.kappa}, {"lambda_rate", loss.lambdaRate}};
    return j.dump();
}

Result<ModelConfig> ModelConfig::fromJson(const std::string& text, const std::string& sourceName)
{
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        ModelConfig c;
        c.type = j.at("type").get<std::string>();
        c.latent = j.at("latent").get<int>();
        const auto& g = j.at("grid");
        c.grid.bars = g.at("bars").get<int>();
        c.grid.stepsPerBeat = g.at("steps_per_beat").get<int>();
        c.grid.meter.numerator = g.at("meter").at(0).get<int>();
        c.grid.meter.denominator = g.at("meter").at(1).get<int>();
        auto map = DrumMap::fromJsonText(j.at("drum_map").dump(), sourceName);
        if (!map)
            return map.error();
        c.drumMap = map.value();
        c.hidden = j.at("hidden").get<int>();
        c.decoderHidden = j.at("decoder_hidden").get<int>();
        c.rnnHidden = j.value("rnn_hidden", c.rnnHidden);
        const auto& l = j.at("loss");
        c.loss.hitWeight = l.at("hit_weight").get<float>();
        c.loss.velocityWeight = l.at("velocity_weight").get<float>();
        c.loss.offsetWeight = l.at("offset_weight").get<float>();
        c.loss.beta = l.at("beta").get<float>();
        c.loss.freeBits = l.at("free_bits").get<float>();
        c.loss.klAnneal = l.at("kl_anneal").get<std::string>();
        c.loss.klWarmupEpochs = l.at("kl_warmup_epochs").get<int>();
        c.loss.flat = l.at("flat").get<bool>();
        c.loss.flatEta = l.at("flat_eta").get<float>();
        c.loss.flatAlpha0 = l.at("flat_alpha0").get<float>();
        c.loss.flatEpsilon = l.at("flat_epsilon").get<float>();
        c.loss.flatDirections = l.value("flat_directions", c.loss.flatDirections);
        c.loss.flatBatch = l.value("flat_batch", c.loss.flatBatch);
        // Files of session 1 detached z and had no constraint.
        c.loss.flatEncoderGrad = l.value("flat_encoder_grad", false);
        c.loss.flatRelative = l.value("flat_relative", false);
        c.loss.flatMetric = l.value("flat_metric", std::string("all"));
        c.loss.kappa = l.value("kappa", 0.0f);
        c.loss.lambdaRate = l.value("lambda_rate", c.loss.lambdaRate);
        if (const std::string p = c.problem(); !p.empty())
            return Error{sourceName, "model config: " + p};
        return c;
    } catch (const std::exception& e) {
        return Error{sourceName, std::string("model config is not valid: ") + e.what()};
    }
}

} // namespace gs
