// Hydrogen drumkit.xml reader (declared in kitloader.h). Reads the parts the
// sampler uses: instruments with name, volume, pan (pan_L/pan_R or pan),
// mute, mute group, MIDI note, and layers (filename, min/max velocity 0..1,
// gain, pitch), directly under <instrument> (old kits) or inside
// <instrumentComponent> (Hydrogen 0.9.7 and later). Layers with the same
// velocity range become one round-robin layer.
#include "kitloader.h"
#include "samplefile.h"
#include "xmlreader.h"

#include "core/filereader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace gs {

namespace {

float number(const XmlNode& node, const std::string& child, float fallback)
{
    const std::string text = node.childText(child);
    if (text.empty())
        return fallback;
    try {
        const float v = std::stof(text);
        return std::isfinite(v) ? v : fallback;
    } catch (...) {
        return fallback;
    }
}

Result<Done> addLayer(KitInstrument& instrument, const XmlNode& layerNode, SampleCache& cache)
{
    const std::string file = layerNode.childText("filename");
    if (file.empty())
        return Error{"", "instrument \"" + instrument.name + "\": a layer has no <filename>"};
    auto sample = cache.load(file);
    if (!sample)
        return sample.error();
    const int lo = std::clamp(int(std::lround(number(layerNode, "min", 0.0f) * 127.0f)), 0, 127);
    const int hi = std::clamp(int(std::lround(number(layerNode, "max", 1.0f) * 127.0f)), 0, 127);
    const float gain = number(layerNode, "gain", 1.0f);
    for (KitLayer& layer : instrument.layers) {
        if (layer.minVelocity == lo && layer.maxVelocity == hi) {
            layer.samples.push_back(*sample);
            return success();
        }
    }
    KitLayer layer;
    layer.minVelocity = std::min(lo, hi);
    layer.maxVelocity = std::max(lo, hi);
    layer.gain = gain;
    layer.samples.push_back(*sample);
    instrument.layers.push_back(std::move(layer));
    // Hydrogen's per-layer pitch: kept as the instrument's tune when it is the only one.
    if (instrument.layers.size() == 1)
        instrument.tune += number(layerNode, "pitch", 0.0f);
    return success();
}

Result<KitInstrument> readInstrument(const XmlNode& node, SampleCache& cache, int index)
{
    KitInstrument instrument;
    instrument.name = node.childText("name", "instrument " + std::to_string(index + 1));
    instrument.gain = std::max(0.0f, number(node, "volume", 1.0f)) * std::max(0.0f, number(node, "gain", 1.0f));
    if (node.child("pan"))
        instrument.pan = std::clamp(number(node, "pan", 0.0f), -1.0f, 1.0f);
    else
        instrument.pan = std::clamp(number(node, "pan_R", 1.0f) - number(node, "pan_L", 1.0f), -1.0f, 1.0f);
    instrument.muted = node.childText("isMuted") == "true";
    const int muteGroup = int(number(node, "muteGroup", -1.0f));
    instrument.chokeGroup = muteGroup >= 0 ? muteGroup + 1 : 0;
    instrument.tune = number(node, "pitchOffset", 0.0f);
    const int note = int(number(node, "midiOutNote", float(36 + index)));
    instrument.notes.push_back(std::clamp(note, 0, 127));

    std::vector<const XmlNode*> layers = node.childrenNamed("layer");
    for (const XmlNode* component : node.childrenNamed("instrumentComponent"))
        for (const XmlNode* layer : component->childrenNamed("layer"))
            layers.push_back(layer);
    // Very old kits name one sample directly on the instrument.
    if (layers.empty() && !node.childText("filename").empty())
        layers.push_back(&node);
    for (const XmlNode* layer : layers) {
        auto added = addLayer(instrument, *layer, cache);
        if (!added)
            return added.error();
    }
    std::sort(instrument.layers.begin(), instrument.layers.end(),
        [](const KitLayer& a, const KitLayer& b) { return a.minVelocity < b.minVelocity; });
    return instrument;
}

} // namespace

Result<std::shared_ptr<const Kit>> loadHydrogenKit(const std::string& xmlPath, double sampleRate)
{
    auto text = readWholeFile(xmlPath, kMaxJsonFileBytes, "Hydrogen drumkit.xml");
    if (!text)
        return text.error();
    auto doc = parseXml(*text, xmlPath);
    if (!doc)
        return doc.error();
    if (doc->name != "drumkit_info")
        return Error{xmlPath, "not a Hydrogen drumkit (root element is <" + doc->name + ">)"};
    const XmlNode* list = doc->child("instrumentList");
    if (!list)
        return Error{xmlPath, "drumkit has no <instrumentList>"};
    const std::string folder = std::filesystem::path(xmlPath).parent_path().string();
    SampleCache cache(folder.empty() ? "." : folder, sampleRate);
    std::vector<KitInstrument> instruments;
    int index = 0;
    for (const XmlNode* node : list->childrenNamed("instrument")) {
        auto instrument = readInstrument(*node, cache, index++);
        if (!instrument) {
            const Error& e = instrument.error();
            return e.file.empty() ? Error{xmlPath, e.message} : Error{e.file, e.message + " (in " + xmlPath + ")"};
        }
        if (!instrument->layers.empty())
            instruments.push_back(std::move(*instrument));
    }
    if (instruments.empty())
        return Error{xmlPath, "drumkit has no instrument with a sample"};
    if (instruments.size() > std::size_t(Kit::kMaxInstruments))
        return Error{xmlPath, "drumkit has more than 256 instruments"};
    const std::string name = doc->childText("name", std::filesystem::path(folder).filename().string());
    return std::shared_ptr<const Kit>(std::make_shared<Kit>(name, folder, sampleRate, std::move(instruments)));
}

} // namespace gs
