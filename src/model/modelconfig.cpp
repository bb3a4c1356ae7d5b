#include "modelconfig.h"

#include "core/voicegroup.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace gs {

const char* const kModelTypes[3] = {"rhythmvae", "recurrent", "transformer"};
const std::vector<std::string> kInputModes = {"full", "groove"};

int transformerConditions(const ModelConfig& config)
{
    return kVoiceGroups + int(config.transformer.styles.size());
}

const char* const kMapModelType = "map";

namespace {

std::string transformerProblem(const TransformerConfig& t)
{
    if (std::find(kInputModes.begin(), kInputModes.end(), t.inputMode) == kInputModes.end())
        return "unknown input mode '" + t.inputMode + "' (expected full or groove)";
    const int dims[2] = {t.encoderDModel, t.decoderDModel}, heads[2] = {t.encoderHeads, t.decoderHeads};
    for (int i = 0; i < 2; ++i) {
        if (dims[i] < 1 || dims[i] > 1024 || heads[i] < 1 || heads[i] > 64 || dims[i] % heads[i] != 0)
            return "transformer width and heads out of range (width 1..1024, a multiple of heads 1..64)";
    }
    if (t.encoderLayers < 1 || t.encoderLayers > 12 || t.decoderLayers < 1 || t.decoderLayers > 12)
        return "transformer layers out of range (1..12)";
    if (t.encoderFeedForward < 1 || t.encoderFeedForward > 8192 || t.decoderFeedForward < 1
        || t.decoderFeedForward > 8192)
        return "transformer feed-forward width out of range (1..8192)";
    if (!(t.dropout >= 0.0f && t.dropout <= 0.9f) || !(t.redirectRate >= 0.0f && t.redirectRate <= 1.0f)
        || !(t.styleDropout >= 0.0f && t.styleDropout <= 1.0f))
        return "transformer dropout or condition rates out of range (0..0.9, 0..1)";
    if (t.styles.size() > 64)
        return "more than 64 styles";
    for (const std::string& style : t.styles)
        if (style.empty() || style.size() > 64)
            return "a style name is empty or longer than 64 characters";
    return {};
}

} // namespace
const std::vector<std::string> kFlatMetrics = {"all", "hits", "weighted"};

namespace {

// A map needs exactly one base, usable, not a map, on the map's own grid and drum map.
std::string mapProblem(const ModelConfig& c)
{
    if (c.base.size() != 1)
        return "a map model needs exactly one base model config";
    const ModelConfig& b = c.base[0];
    if (b.type == kMapModelType)
        return "a map's base cannot itself be a map";
    if (c.loss.mapTarget != "latent" && c.loss.mapTarget != "grooves")
        return "unknown map target '" + c.loss.mapTarget + "' (expected latent or grooves)";
    if (!(c.loss.mapAttributes >= 0.0f && c.loss.mapAttributes <= 100.0f))
        return "map attribute weight out of range (expected 0 to 100)";
    if (std::string p = b.problem(); !p.empty())
        return "base model: " + p;
    if (!(b.grid == c.grid) || !(b.drumMap == c.drumMap))
        return "the map's grid or drum map differs from its base model's";
    return {};
}

} // namespace

std::string ModelConfig::problem() const
{
    if (type == kMapModelType) {
        if (std::string p = mapProblem(*this); !p.empty())
            return p;
    } else if (type != kModelTypes[0] && type != kModelTypes[1] && type != kModelTypes[2]) {
        return "unknown model type '" + type + "' (expected rhythmvae, recurrent, transformer or map)";
    } else if (!base.empty()) {
        return "only a map model has a base model";
    }
    if (!grid.valid())
        return "invalid grid";
    if (voices() < 1)
        return "the drum map has no voices";
    const int maxLatent = 256;
    if (latent < (type == "recurrent" ? 2 : 1) || latent > maxLatent)
        return "latent size " + std::to_string(latent) + " is out of range (2..256)";
    if (hidden < 1 || decoderHidden < 1 || rnnHidden < 1 || hidden > 8192 || decoderHidden > 8192 || rnnHidden > 4096)
        return "layer widths out of range";
    if (type == "transformer") {
        if (steps() > 256)
            return "a transformer takes at most 256 steps per window";
        if (std::string p = transformerProblem(transformer); !p.empty())
            return p;
    }
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

namespace {

// Values per torch layer, as rhythmvae.cpp and recurrentvae.cpp build them (tst_modelfile checks
// these sums against real modules). Unsigned 64-bit: no config in problem()'s ranges overflows.
std::uint64_t linear(std::uint64_t in, std::uint64_t out) { return in * out + out; }
// Linear + BatchNorm1d: weight, bias, running mean, running variance, and the batch counter.
std::uint64_t denseBn(std::uint64_t in, std::uint64_t out) { return linear(in, out) + 4 * out + 1; }
std::uint64_t gru(std::uint64_t in, std::uint64_t h, std::uint64_t directions)
{
    return directions * (3 * h * in + 3 * h * h + 6 * h);
}

// torch::nn::TransformerEncoderLayer: attention (in and out projections), two feed-forward linears, two norms.
std::uint64_t encoderLayer(std::uint64_t d, std::uint64_t ff)
{
    return linear(d, 3 * d) + linear(d, d) + linear(d, ff) + linear(ff, d) + 4 * d;
}

} // namespace

std::uint64_t ModelConfig::weightValues() const
{
    if (type == kMapModelType) {
        // mapvae.cpp: encoder base -> hidden -> hidden -> (mu, log-variance); decoder latent -> hidden ->
        // hidden -> base; the base's standardisation (mean, scale); then the embedded base itself.
        const std::uint64_t h = std::uint64_t(std::max(0, hidden)), z = std::uint64_t(std::max(0, latent));
        const std::uint64_t b = base.empty() ? 0 : std::uint64_t(std::max(0, base[0].latent));
        return linear(b, h) + linear(h, h) + 2 * linear(h, z) + linear(z, h) + linear(h, h) + linear(h, b) + 2 * b
            + (base.empty() ? 0 : base[0].weightValues());
    }
    if (type == "transformer") {
        const TransformerConfig& t = transformer;
        const std::uint64_t s = std::uint64_t(std::max(0, steps())), z = std::uint64_t(std::max(0, latent));
        const std::uint64_t features = 3 * std::uint64_t(std::max(0, voices()));
        const std::uint64_t in = t.inputMode == "groove" ? 3 : features;
        const std::uint64_t de = std::uint64_t(std::max(0, t.encoderDModel)), dd = std::uint64_t(std::max(0, t.decoderDModel));
        const std::uint64_t conditions = std::uint64_t(std::max(0, transformerConditions(*this)));
        return linear(in, de) + s * de + std::uint64_t(std::max(0, t.encoderLayers)) * encoderLayer(de, std::uint64_t(std::max(0, t.encoderFeedForward)))
            + 2 * linear(s * de, z) + linear(z, s * dd) + s * dd + linear(conditions, dd)
            + std::uint64_t(std::max(0, t.decoderLayers)) * encoderLayer(dd, std::uint64_t(std::max(0, t.decoderFeedForward)))
            + linear(dd, features);
    }
    const std::uint64_t voiceCount = std::uint64_t(std::max(0, voices()));
    const std::uint64_t z = std::uint64_t(std::max(0, latent));
    if (type == "recurrent") {
        const std::uint64_t features = 3 * voiceCount, h = std::uint64_t(std::max(0, rnnHidden));
        const std::uint64_t barSteps = std::uint64_t(std::max(0, grid.stepsPerBar()));
        return gru(features, h, 2) + 2 * linear(2 * h, z) + linear(z, h) + gru(z, h, 1) + linear(h, h)
            + gru(h + barSteps, h, 1) + linear(h, features) + barSteps * barSteps;
    }
    const std::uint64_t cells = std::uint64_t(std::max(0, steps())) * voiceCount;
    const std::uint64_t h = std::uint64_t(std::max(0, hidden)), dh = std::uint64_t(std::max(0, decoderHidden));
    return 3 * denseBn(cells, h) + denseBn(3 * h, h) + 2 * linear(h, z) + denseBn(z, dh) + 3 * denseBn(dh, h)
        + 3 * linear(h, cells);
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
    if (!base.empty()) {  // after "loss" is written, which it would replace
        j["base"] = nlohmann::json::parse(base[0].toJson());
        j["loss"]["map_target"] = loss.mapTarget;  // map models only: other files keep their bytes
        if (loss.mapAttributes != 0.0f)  // maps from before it keep their bytes too
            j["loss"]["map_attributes"] = loss.mapAttributes;
    }
    if (type == "transformer") {
        const TransformerConfig& t = transformer;
        j["transformer"] = {{"input_mode", t.inputMode}, {"encoder_d_model", t.encoderDModel},
            {"encoder_heads", t.encoderHeads}, {"encoder_layers", t.encoderLayers},
            {"encoder_feed_forward", t.encoderFeedForward}, {"decoder_d_model", t.decoderDModel},
            {"decoder_heads", t.decoderHeads}, {"decoder_layers", t.decoderLayers},
            {"decoder_feed_forward", t.decoderFeedForward}, {"dropout", t.dropout}, {"styles", t.styles},
            {"redirect_rate", t.redirectRate}, {"style_dropout", t.styleDropout}};
    }
    return j.dump();
}

namespace {

using nlohmann::json;

// Typed reads: a value of the wrong JSON type, or a number no int or float can hold, is a clear
// error naming the key (nlohmann's get<int>() of 1e12 or get<float>() of 1e300 is undefined).
[[noreturn]] void bad(const char* key, const char* want)
{
    throw std::runtime_error(std::string("\"") + key + "\" must be " + want);
}

int intOf(const json& v, const char* key)
{
    if (!v.is_number_integer())
        bad(key, "a whole number");
    const auto x = v.get<std::int64_t>();
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(INT32_MAX) : (x < INT32_MIN || x > INT32_MAX))
        bad(key, "a whole number in range");
    return int(x);
}

float floatOf(const json& v, const char* key)
{
    if (!v.is_number())
        bad(key, "a number");
    const double x = v.get<double>();
    if (!std::isfinite(x) || std::abs(x) > double(std::numeric_limits<float>::max()))
        bad(key, "a finite number");
    return float(x);
}

int intAt(const json& j, const char* key) { return intOf(j.at(key), key); }
float floatAt(const json& j, const char* key) { return floatOf(j.at(key), key); }
int intOr(const json& j, const char* key, int fallback) { return j.contains(key) ? intOf(j[key], key) : fallback; }
float floatOr(const json& j, const char* key, float fallback) { return j.contains(key) ? floatOf(j[key], key) : fallback; }

bool boolOr(const json& j, const char* key, bool fallback)
{
    if (!j.contains(key))
        return fallback;
    if (!j[key].is_boolean())
        bad(key, "true or false");
    return j[key].get<bool>();
}

std::string stringOr(const json& j, const char* key, const std::string& fallback)
{
    if (!j.contains(key))
        return fallback;
    if (!j[key].is_string())
        bad(key, "a string");
    return j[key].get<std::string>();
}

const json& objectAt(const json& j, const char* key)
{
    const json& v = j.at(key);
    if (!v.is_object())
        bad(key, "an object");
    return v;
}

} // namespace

Result<ModelConfig> ModelConfig::fromJson(const std::string& text, const std::string& sourceName)
{
    try {
        const json j = json::parse(text);
        if (!j.is_object())
            return Error{sourceName, "model config is not a JSON object"};
        ModelConfig c;
        if (!j.at("type").is_string())
            bad("type", "a string");
        c.type = j.at("type").get<std::string>();
        c.latent = intAt(j, "latent");
        const json& g = objectAt(j, "grid");
        c.grid.bars = intAt(g, "bars");
        c.grid.stepsPerBeat = intAt(g, "steps_per_beat");
        const json& meter = g.at("meter");
        if (!meter.is_array() || meter.size() != 2)
            bad("meter", "[numerator, denominator]");
        c.grid.meter.numerator = intOf(meter[0], "meter");
        c.grid.meter.denominator = intOf(meter[1], "meter");
        auto map = DrumMap::fromJsonText(j.at("drum_map").dump(), sourceName);
        if (!map)
            return map.error();
        c.drumMap = map.value();
        c.hidden = intAt(j, "hidden");
        c.decoderHidden = intAt(j, "decoder_hidden");
        c.rnnHidden = intOr(j, "rnn_hidden", c.rnnHidden);
        const json& l = objectAt(j, "loss");
        c.loss.hitWeight = floatAt(l, "hit_weight");
        c.loss.velocityWeight = floatAt(l, "velocity_weight");
        c.loss.offsetWeight = floatAt(l, "offset_weight");
        c.loss.beta = floatAt(l, "beta");
        c.loss.freeBits = floatAt(l, "free_bits");
        if (!l.at("kl_anneal").is_string())
            bad("kl_anneal", "a string");
        c.loss.klAnneal = l.at("kl_anneal").get<std::string>();
        c.loss.klWarmupEpochs = intAt(l, "kl_warmup_epochs");
        if (!l.at("flat").is_boolean())
            bad("flat", "true or false");
        c.loss.flat = l.at("flat").get<bool>();
        c.loss.flatEta = floatAt(l, "flat_eta");
        c.loss.flatAlpha0 = floatAt(l, "flat_alpha0");
        c.loss.flatEpsilon = floatAt(l, "flat_epsilon");
        c.loss.flatDirections = intOr(l, "flat_directions", c.loss.flatDirections);
        c.loss.flatBatch = intOr(l, "flat_batch", c.loss.flatBatch);
        // Files of session 1 detached z and had no constraint.
        c.loss.flatEncoderGrad = boolOr(l, "flat_encoder_grad", false);
        c.loss.flatRelative = boolOr(l, "flat_relative", false);
        c.loss.flatMetric = stringOr(l, "flat_metric", "all");
        c.loss.kappa = floatOr(l, "kappa", 0.0f);
        c.loss.lambdaRate = floatOr(l, "lambda_rate", c.loss.lambdaRate);
        c.loss.mapTarget = stringOr(l, "map_target", c.loss.mapTarget);
        c.loss.mapAttributes = floatOr(l, "map_attributes", 0.0f);
        if (c.type == kMapModelType) {
            const json& b = objectAt(j, "base");
            // Refused before recursing, so a crafted chain of maps cannot nest the parser deeply.
            if (b.contains("type") && b["type"] == kMapModelType)
                return Error{sourceName, "model config: a map's base cannot itself be a map"};
            auto baseConfig = ModelConfig::fromJson(b.dump(), sourceName);
            if (!baseConfig)
                return baseConfig.error();
            c.base.push_back(baseConfig.value());
        }
        if (c.type == "transformer") {
            const json& t = objectAt(j, "transformer");
            TransformerConfig& tc = c.transformer;
            tc.inputMode = stringOr(t, "input_mode", tc.inputMode);
            tc.encoderDModel = intAt(t, "encoder_d_model");
            tc.encoderHeads = intAt(t, "encoder_heads");
            tc.encoderLayers = intAt(t, "encoder_layers");
            tc.encoderFeedForward = intAt(t, "encoder_feed_forward");
            tc.decoderDModel = intAt(t, "decoder_d_model");
            tc.decoderHeads = intAt(t, "decoder_heads");
            tc.decoderLayers = intAt(t, "decoder_layers");
            tc.decoderFeedForward = intAt(t, "decoder_feed_forward");
            tc.dropout = floatOr(t, "dropout", tc.dropout);
            tc.redirectRate = floatOr(t, "redirect_rate", tc.redirectRate);
            tc.styleDropout = floatOr(t, "style_dropout", tc.styleDropout);
            tc.styles.clear();
            if (t.contains("styles")) {
                if (!t["styles"].is_array() || t["styles"].size() > 64)
                    bad("styles", "an array of at most 64 names");
                for (const json& name : t["styles"]) {
                    if (!name.is_string())
                        bad("styles", "an array of names");
                    tc.styles.push_back(name.get<std::string>());
                }
            }
        }
        if (const std::string p = c.problem(); !p.empty())
            return Error{sourceName, "model config: " + p};
        return c;
    } catch (const json::exception& e) {
        // "[json.exception.out_of_range.403] key 'latent' not found" -> "key 'latent' not found"
        const std::string what = e.what();
        const std::size_t at = what.find("] ");
        return Error{sourceName, "model config is not valid: " + (at == std::string::npos ? what : what.substr(at + 2))};
    } catch (const std::exception& e) {
        return Error{sourceName, std::string("model config is not valid: ") + e.what()};
    }
}

} // namespace gs
