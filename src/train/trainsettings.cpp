#include "trainsettings.h"

#include "model/modelconfig.h"
#include "train/precision.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace gs {

namespace {

// Every field under its JSON key, in the order toJson writes them.
template <class Settings, class Visit>
void visitFields(Settings& s, Visit&& visit)
{
    visit("model", s.model);
    visit("base", s.base);
    visit("latent", s.latent);
    visit("hidden", s.hidden);
    visit("input", s.input);
    visit("d_model", s.dModel);
    visit("heads", s.heads);
    visit("layers", s.layers);
    visit("feed_forward", s.feedForward);
    visit("decoder_d_model", s.decoderDModel);
    visit("decoder_heads", s.decoderHeads);
    visit("decoder_layers", s.decoderLayers);
    visit("decoder_feed_forward", s.decoderFeedForward);
    visit("dropout", s.dropout);
    visit("beta", s.beta);
    visit("free_bits", s.freeBits);
    visit("kl_anneal", s.klAnneal);
    visit("kl_warmup", s.klWarmup);
    visit("flat", s.flat);
    visit("flat_eta", s.flatEta);
    visit("flat_batch", s.flatBatch);
    visit("flat_detach", s.flatDetach);
    visit("flat_form", s.flatForm);
    visit("flat_metric", s.flatMetric);
    visit("kappa", s.kappa);
    visit("lambda_rate", s.lambdaRate);
    visit("map_target", s.mapTarget);
    visit("map_attributes", s.mapAttributes);
    visit("epochs", s.epochs);
    visit("batch", s.batch);
    visit("lr", s.lr);
    visit("weight_decay", s.weightDecay);
    visit("early_stop", s.earlyStop);
    visit("clip_norm", s.clipNorm);
    visit("seed", s.seed);
    visit("threads", s.threads);
    visit("precision", s.precision);
}

// The allowed values of each text field, by JSON key, with its command-line option.
struct Choices {
    const char* key;
    const char* option;
    const std::vector<std::string>& values;
};

const std::vector<Choices>& choiceFields()
{
    static const std::vector<Choices> fields = {
        {"model", "--model", trainModelTypes()},
        {"input", "--input", inputModeChoices()},
        {"kl_anneal", "--kl-anneal", klAnnealChoices()},
        {"flat_form", "--flat-form", flatFormChoices()},
        {"flat_metric", "--flat-metric", flatMetricChoices()},
        {"precision", "--precision", precisionChoices()},
        {"map_target", "--map-target", mapTargetChoices()},
    };
    return fields;
}

const Choices* choicesFor(std::string_view key)
{
    for (const Choices& c : choiceFields())
        if (key == c.key)
            return &c;
    return nullptr;
}

bool allowed(const Choices& c, const std::string& value)
{
    return std::find(c.values.begin(), c.values.end(), value) != c.values.end();
}

const TrainSettingRange* rangeFor(std::string_view key)
{
    for (const TrainSettingRange& r : trainSettingRanges())
        if (key == r.key || key == r.option)
            return &r;
    return nullptr;
}

std::string numberText(double v)
{
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

std::string choiceProblem(const Choices& c, const std::string& value)
{
    std::string list;
    for (const std::string& v : c.values)
        list += (list.empty() ? "" : ", ") + v;
    return "'" + value + "' is not one of " + list;
}

} // namespace

const std::vector<TrainSettingRange>& trainSettingRanges()
{
    static const std::vector<TrainSettingRange> ranges = {
        {"latent", "--latent", 2, 256},
        {"hidden", "--hidden", 0, 4096},
        {"d_model", "--d-model", 0, 1024},
        {"heads", "--heads", 0, 64},
        {"layers", "--layers", 0, 12},
        {"feed_forward", "--feed-forward", 0, 8192},
        {"decoder_d_model", "--decoder-d-model", 0, 1024},
        {"decoder_heads", "--decoder-heads", 0, 64},
        {"decoder_layers", "--decoder-layers", 0, 12},
        {"decoder_feed_forward", "--decoder-feed-forward", 0, 8192},
        {"dropout", "--dropout", 0, 0.9},
        {"beta", "--beta", 0, 1000},
        {"free_bits", "--free-bits", 0, 1000},
        {"kl_warmup", "--kl-warmup", 0, 1000000},
        {"flat_eta", "--flat-eta", 0, 10000},
        {"flat_batch", "--flat-batch", 1, 65536},
        {"kappa", "--kappa", 0, 100},
        {"lambda_rate", "--lambda-rate", 0, 100},
        {"map_attributes", "--map-attributes", 0, 100},
        {"epochs", "--epochs", 1, 1000000},
        {"batch", "--batch", 1, 65536},
        {"lr", "--lr", 0, 10},
        {"weight_decay", "--weight-decay", 0, 10},
        {"early_stop", "--early-stop", 0, 1000000},
        {"clip_norm", "--clip-norm", 0, 1000000},
        {"threads", "--threads", 0, 1024},
    };
    return ranges;
}

const TrainSettingRange& trainSettingRange(std::string_view keyOrOption)
{
    if (const TrainSettingRange* r = rangeFor(keyOrOption))
        return *r;
    throw std::out_of_range("no training setting named " + std::string(keyOrOption));
}

std::string trainSettingRangeText(const TrainSettingRange& range)
{
    return numberText(range.low) + " to " + numberText(range.high);
}

std::string trainSettingProblem(const TrainSettingRange& range, const std::string& text)
{
    const std::string expected = " (expected " + trainSettingRangeText(range) + ")";
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || !std::isfinite(v))
        return "'" + text + "' is not a finite number" + expected;
    if (v < range.low || v > range.high)
        return "'" + text + "' is out of range" + expected;
    return {};
}

const std::vector<std::string>& trainModelTypes()
{
    static const std::vector<std::string> types = {kModelTypes[0], kModelTypes[1], kModelTypes[2], kMapModelType};
    return types;
}

const std::vector<std::string>& inputModeChoices()
{
    return kInputModes;
}

const std::vector<std::string>& klAnnealChoices()
{
    static const std::vector<std::string> choices = {"none", "linear", "cyclic"};
    return choices;
}

const std::vector<std::string>& flatFormChoices()
{
    static const std::vector<std::string> choices = {"relative", "absolute"};
    return choices;
}

const std::vector<std::string>& flatMetricChoices()
{
    return kFlatMetrics;
}

const std::vector<std::string>& mapTargetChoices()
{
    static const std::vector<std::string> choices = {"latent", "grooves"};
    return choices;
}

const std::vector<std::string>& precisionChoices()
{
    static const std::vector<std::string> choices = {"fp32", "bf16"};
    return choices;
}

std::string TrainSettings::problem() const
{
    std::string found;
    visitFields(*this, [&found](const char* key, const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if (!found.empty())
            return;
        if constexpr (std::is_same_v<T, std::string>) {
            if (const Choices* c = choicesFor(key); c && !allowed(*c, value))
                found = std::string(c->option) + ": " + choiceProblem(*c, value);
        } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
            if (const TrainSettingRange* r = rangeFor(key)) {
                const double v = double(value);
                const std::string text = std::isfinite(v) ? numberText(v) : std::to_string(v);
                if (std::string why = trainSettingProblem(*r, text); !why.empty())
                    found = std::string(r->option) + ": " + why;
            }
        }
    });
    return found;
}

namespace {

// The bundled groove-transformer's settings (models/groove-transformer.md says why these sizes).
TrainSettings recommendedTransformer(TrainSettings s)
{
    const TransformerConfig t;
    s.model = "transformer";
    s.input = "groove";
    s.latent = 32;
    s.hidden = 0;
    s.dModel = t.encoderDModel;
    s.heads = t.encoderHeads;
    s.layers = t.encoderLayers;
    s.feedForward = t.encoderFeedForward;
    s.decoderDModel = t.decoderDModel;
    s.decoderHeads = t.decoderHeads;
    s.decoderLayers = t.decoderLayers;
    s.decoderFeedForward = t.decoderFeedForward;
    s.dropout = t.dropout;
    s.beta = 0.2;
    s.freeBits = 0.0;
    s.lr = 1e-3;
    s.batch = 64;
    s.epochs = 20;
    s.earlyStop = 5;
    s.weightDecay = 0.0;
    s.klAnneal = "linear";
    s.klWarmup = 3;
    s.clipNorm = 5.0;
    s.threads = 0;
    return s;
}

} // namespace

TrainSettings TrainSettings::recommendedFor(const std::string& type) const
{
    TrainSettings s = *this;
    if (type == "transformer")
        return recommendedTransformer(s);
    const bool recurrent = type == "recurrent";
    s.model = type;
    s.latent = recurrent ? 16 : 2;
    s.hidden = recurrent ? 128 : 512;
    s.beta = recurrent ? 0.2 : 1.0;
    s.freeBits = 0.0;
    s.lr = 1e-3;
    s.batch = 64;
    s.epochs = recurrent ? 20 : 30;
    s.earlyStop = 10;
    s.weightDecay = 0.0;
    s.flatEta = LossConfig{}.flatEta;
    s.klAnneal = recurrent ? "linear" : "none";
    s.klWarmup = recurrent ? 3 : 0;
    s.clipNorm = 5.0;
    s.threads = 0;
    if (type == kMapModelType) {  // trains on base latents in seconds: more epochs, early stopping does the rest
        s.latent = 2;
        s.hidden = 256;
        s.beta = 1.0;
        s.epochs = 200;
        s.earlyStop = 20;
        s.klAnneal = "none";
        s.klWarmup = 0;
    }
    return s;
}

TransformerConfig TrainSettings::transformerConfig() const
{
    TransformerConfig t;
    t.inputMode = input;
    const auto set = [](int& field, int value) {
        if (value > 0)
            field = value;
    };
    set(t.encoderDModel, dModel);
    set(t.encoderHeads, heads);
    set(t.encoderLayers, layers);
    set(t.encoderFeedForward, feedForward);
    set(t.decoderDModel, decoderDModel);
    set(t.decoderHeads, decoderHeads);
    set(t.decoderLayers, decoderLayers);
    set(t.decoderFeedForward, decoderFeedForward);
    t.dropout = float(dropout);
    return t;
}

TrainOptions TrainSettings::trainOptions() const
{
    TrainOptions o;
    o.epochs = epochs;
    o.batch = batch;
    o.lr = lr;
    o.weightDecay = weightDecay;
    o.earlyStopPatience = earlyStop;
    o.clipNorm = clipNorm;
    o.seed = seed;
    o.threads = threads;
    o.precision = parsePrecision(precision).value_or(TrainPrecision::Float32);
    return o;
}

std::string TrainSettings::toJson() const
{
    nlohmann::json j = nlohmann::json::object();
    visitFields(*this, [&j](const char* key, const auto& value) { j[key] = value; });
    return j.dump();
}

Result<TrainSettings> TrainSettings::fromJson(const std::string& text)
{
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error{{}, "training settings: not a JSON object"};
    TrainSettings s;
    std::string wrong;
    std::vector<std::string> known;
    visitFields(s, [&](const char* key, auto& value) {
        known.push_back(key);
        const auto it = j.find(key);
        if (it == j.end() || !wrong.empty())
            return;
        using T = std::decay_t<decltype(value)>;
        bool fits = false;
        if constexpr (std::is_same_v<T, std::string>)
            fits = it->is_string();
        else if constexpr (std::is_same_v<T, bool>)
            fits = it->is_boolean();
        else if constexpr (std::is_same_v<T, std::uint64_t>)
            fits = it->is_number_unsigned();
        else if constexpr (std::is_integral_v<T>)
            fits = it->is_number_integer() && it->template get<std::int64_t>() >= std::numeric_limits<T>::min()
                && it->template get<std::int64_t>() <= std::numeric_limits<T>::max();
        else
            fits = it->is_number();
        if (fits)
            value = it->template get<T>();
        else
            wrong = std::string(key) + ": wrong type or size (" + it->dump() + ")";
    });
    for (const auto& item : j.items())
        if (wrong.empty() && std::find(known.begin(), known.end(), item.key()) == known.end())
            wrong = "unknown setting '" + item.key() + "'";
    if (wrong.empty())
        wrong = s.problem();
    if (!wrong.empty())
        return Error{{}, "training settings: " + wrong};
    return s;
}

TrainSettings clampedTrainSettings(const TrainSettings& wanted, const TrainSettings& previous)
{
    TrainSettings s = wanted;
    visitFields(s, [&previous](const char* key, auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
            if (const Choices* c = choicesFor(key); c && !allowed(*c, value))
                visitFields(previous, [&](const char* k, const auto& old) {
                    if constexpr (std::is_same_v<std::decay_t<decltype(old)>, std::string>)
                        if (std::string_view(k) == key)
                            value = old;
                });
        } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
            if (const TrainSettingRange* r = rangeFor(key)) {
                const double v = double(value);
                if (std::isnan(v))
                    value = T(r->low);
                else
                    value = T(std::clamp(v, r->low, r->high));
            }
        }
    });
    return s;
}

} // namespace gs
