#pragma once
// JSON for model records, shared by `train` and `inspect MODEL`.
#include "model/model.h"

#include <nlohmann/json.hpp>

namespace gs {

inline nlohmann::json lossTermsJson(const LossTerms& t)
{
    nlohmann::json j = {{"loss", t.total}, {"hits", t.hits}, {"velocity", t.velocity}, {"offset", t.offset},
        {"kl", t.kl}, {"flat", t.flat}};
    if (t.latent != 0)  // map models: the base-latent reconstruction error
        j["latent"] = t.latent;
    return j;
}

inline nlohmann::json modelConfigJson(const ModelConfig& c, std::int64_t parameters)
{
    nlohmann::json j = {{"type", c.type}, {"latent", c.latent}, {"steps", c.steps()}, {"voices", c.voices()},
        {"bars", c.grid.bars}, {"steps_per_beat", c.grid.stepsPerBeat}, {"meter", c.grid.meter.text()},
        {"drum_map", c.drumMap.name()}, {"hidden", c.hidden}, {"decoder_hidden", c.decoderHidden},
        {"rnn_hidden", c.rnnHidden}, {"parameters", parameters},
        {"loss", {{"beta", c.loss.beta}, {"free_bits", c.loss.freeBits}, {"kl_anneal", c.loss.klAnneal},
                     {"kl_warmup_epochs", c.loss.klWarmupEpochs}, {"flat", c.loss.flat}, {"flat_eta", c.loss.flatEta},
                     {"hit_weight", c.loss.hitWeight}, {"velocity_weight", c.loss.velocityWeight},
                     {"offset_weight", c.loss.offsetWeight}}}};
    if (c.type == "transformer") {
        const TransformerConfig& t = c.transformer;
        j["transformer"] = {{"input_mode", t.inputMode}, {"encoder", {{"d_model", t.encoderDModel},
            {"heads", t.encoderHeads}, {"layers", t.encoderLayers}, {"feed_forward", t.encoderFeedForward}}},
            {"decoder", {{"d_model", t.decoderDModel}, {"heads", t.decoderHeads}, {"layers", t.decoderLayers},
                {"feed_forward", t.decoderFeedForward}}},
            {"dropout", t.dropout}, {"styles", t.styles}};
    }
    if (!c.base.empty())  // a map model: the base it sits on (its parameters are counted in the map's)
        j["base"] = modelConfigJson(c.base[0], 0);
    return j;
}

inline nlohmann::json modelConfigJson(const Model& model)
{
    return modelConfigJson(model.config(), model.parameterCount());
}

} // namespace gs
