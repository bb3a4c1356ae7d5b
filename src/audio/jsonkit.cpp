// kit.json reader (declared in kitloader.h).
#include "kitloader.h"
#include "samplefile.h"

#include "core/filereader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace gs {

namespace {

using nlohmann::json;

// Gains above 8 (+18 dB) only clip (the limiter catches them); a kit cannot ask for more.
constexpr double kMaxGain = Kit::kMaxGain;  // one limit for every loader (kit.h)

// A number clamped to [low, high], the fallback when absent; an error naming the key when it is
// there with another JSON type (read as double first: a huge value never overflows an int).
Result<double> numberIn(const json& object, const char* key, double fallback, double low, double high,
    const std::string& where)
{
    auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if (!it->is_number())
        return Error{"", where + ": \"" + key + "\" must be a number"};
    return std::clamp(it->get<double>(), low, high);
}

Result<KitLayer> readLayer(const json& j, SampleCache& cache, const std::string& where)
{
    KitLayer layer;
    if (auto v = j.find("velocity"); v != j.end()) {
        if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number_integer() || !(*v)[1].is_number_integer())
            return Error{"", where + ": \"velocity\" must be [min, max] (MIDI 0..127)"};
        layer.minVelocity = std::clamp((*v)[0].get<int>(), 0, 127);
        layer.maxVelocity = std::clamp((*v)[1].get<int>(), 0, 127);
        if (layer.minVelocity > layer.maxVelocity)
            return Error{"", where + ": velocity range is reversed"};
    }
    auto gain = numberIn(j, "gain", 1.0, 0.0, kMaxGain, where);
    if (!gain)
        return gain.error();
    layer.gain = float(*gain);
    auto samples = j.find("samples");
    if (samples == j.end() || !samples->is_array() || samples->empty())
        return Error{"", where + ": a layer needs \"samples\" (a list of files)"};
    for (const auto& s : *samples) {
        if (!s.is_string())
            return Error{"", where + ": sample names must be strings"};
        auto sample = cache.load(s.get<std::string>());
        if (!sample)
            return sample.error();
        layer.samples.push_back(*sample);
    }
    return layer;
}

Result<KitInstrument> readInstrument(const json& j, SampleCache& cache, int index)
{
    KitInstrument instrument;
    if (j.contains("name") && !j["name"].is_string())
        return Error{"", "instrument " + std::to_string(index + 1) + ": \"name\" must be a string"};
    instrument.name = j.value("name", "instrument " + std::to_string(index + 1));
    const std::string where = "instrument \"" + instrument.name + "\"";
    if (auto notes = j.find("notes"); notes != j.end() && notes->is_array())
        for (const auto& n : *notes)
            if (n.is_number_integer() && n.get<int>() >= 0 && n.get<int>() < 128)
                instrument.notes.push_back(n.get<int>());
    if (instrument.notes.empty())
        return Error{"", where + ": needs \"notes\" (MIDI notes 0..127)"};
    auto gain = numberIn(j, "gain", 1.0, 0.0, kMaxGain, where);
    auto pan = numberIn(j, "pan", 0.0, -1.0, 1.0, where);
    auto tune = numberIn(j, "tune", 0.0, -24.0, 24.0, where);
    auto choke = numberIn(j, "chokeGroup", 0.0, 0.0, 1024.0, where);
    for (const Result<double>* r : {&gain, &pan, &tune, &choke})
        if (!*r)
            return r->error();
    if (j.contains("mute") && !j["mute"].is_boolean())
        return Error{"", where + ": \"mute\" must be true or false"};
    instrument.gain = float(*gain);
    instrument.pan = float(*pan);
    instrument.tune = float(*tune);
    instrument.chokeGroup = int(*choke);
    instrument.muted = j.value("mute", false);
    auto layers = j.find("layers");
    if (layers == j.end() || !layers->is_array() || layers->empty())
        return Error{"", where + ": needs \"layers\""};
    for (std::size_t i = 0; i < layers->size(); ++i) {
        auto layer = readLayer((*layers)[i], cache, where + " layer " + std::to_string(i + 1));
        if (!layer)
            return layer.error();
        instrument.layers.push_back(std::move(*layer));
    }
    std::sort(instrument.layers.begin(), instrument.layers.end(),
        [](const KitLayer& a, const KitLayer& b) { return a.minVelocity < b.minVelocity; });
    return instrument;
}

} // namespace

Result<std::shared_ptr<const Kit>> loadJsonKit(const std::string& jsonPath, double sampleRate)
{
    auto text = readWholeFile(jsonPath, kMaxJsonFileBytes, "kit map (kit.json)");
    if (!text)
        return text.error();
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error{jsonPath, "kit map is not valid JSON"};
    auto list = j.find("instruments");
    if (list == j.end() || !list->is_array() || list->empty())
        return Error{jsonPath, "kit map has no \"instruments\""};
    if (list->size() > std::size_t(Kit::kMaxInstruments))
        return Error{jsonPath, "kit map has more than 256 instruments"};
    const std::string folder = std::filesystem::path(jsonPath).parent_path().string();
    SampleCache cache(folder.empty() ? "." : folder, sampleRate);
    std::vector<KitInstrument> instruments;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_object())
            return Error{jsonPath, "instrument " + std::to_string(i + 1) + " is not an object"};
        auto instrument = readInstrument((*list)[i], cache, int(i));
        if (!instrument) {
            const Error& e = instrument.error();
            // A sample error names the sample file; a map error names the map.
            return e.file.empty() ? Error{jsonPath, e.message} : Error{e.file, e.message + " (in " + jsonPath + ")"};
        }
        instruments.push_back(std::move(*instrument));
    }
    if (j.contains("name") && !j["name"].is_string())
        return Error{jsonPath, "kit map \"name\" must be a string"};
    const std::string name = j.value("name", std::filesystem::path(folder).filename().string());
    return std::shared_ptr<const Kit>(std::make_shared<Kit>(name, folder, sampleRate, std::move(instruments)));
}

} // namespace gs
