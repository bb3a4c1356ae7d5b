// kit.json reader (declared in kitloader.h).
#include "kitloader.h"
#include "samplefile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace gs {

namespace {

using nlohmann::json;

template <typename T>
T numberOr(const json& object, const char* key, T fallback)
{
    auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<T>() : fallback;
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
    layer.gain = numberOr<float>(j, "gain", 1.0f);
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
    instrument.name = j.value("name", "instrument " + std::to_string(index + 1));
    const std::string where = "instrument \"" + instrument.name + "\"";
    if (auto notes = j.find("notes"); notes != j.end() && notes->is_array())
        for (const auto& n : *notes)
            if (n.is_number_integer() && n.get<int>() >= 0 && n.get<int>() < 128)
                instrument.notes.push_back(n.get<int>());
    if (instrument.notes.empty())
        return Error{"", where + ": needs \"notes\" (MIDI notes 0..127)"};
    instrument.gain = numberOr<float>(j, "gain", 1.0f);
    instrument.pan = std::clamp(numberOr<float>(j, "pan", 0.0f), -1.0f, 1.0f);
    instrument.tune = std::clamp(numberOr<float>(j, "tune", 0.0f), -24.0f, 24.0f);
    instrument.chokeGroup = std::max(0, numberOr<int>(j, "chokeGroup", 0));
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
    std::ifstream in(jsonPath);
    if (!in)
        return Error{jsonPath, "cannot open kit map"};
    json j = json::parse(in, nullptr, false);
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
    const std::string name = j.value("name", std::filesystem::path(folder).filename().string());
    return std::shared_ptr<const Kit>(std::make_shared<Kit>(name, folder, sampleRate, std::move(instruments)));
}

} // namespace gs
