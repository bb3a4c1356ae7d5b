// Hydrogen drumkit.xml reader (declared in kitloader.h), playing kits the way
// Hydrogen plays them. Reads instruments with name, volume and gain, pan
// (pan_L/pan_R or pan), mute, mute group (choke), MIDI note, and layers
// (filename, min/max velocity 0..1, gain, pitch), directly under <instrument>
// (old kits), as one <filename> on the instrument (oldest kits), or inside
// <instrumentComponent> (Hydrogen 0.9.7 and later; the first component with
// samples plays). Layers with the same velocity range round-robin.
// A sample that cannot be read skips its layer (an instrument left without
// layers is skipped) with a warning in the kit's report; notes reach
// instruments as notemapping.h says.
#include "kitloader.h"
#include "notemapping.h"
#include "samplefile.h"
#include "xmlreader.h"

#include "core/filereader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace gs {

namespace {

constexpr std::uintmax_t kMaxXmlBytes = 16u << 20;  // the largest Debian kit's drumkit.xml is about 100 KB
constexpr float kMaxGain = 8.0f;  // Hydrogen's own ranges end at 5 (layer) and 1.5 x 5 (instrument); more is a broken file
constexpr float kMaxTune = 24.0f;  // semitones, Hydrogen's own range

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

std::string shortNumber(float v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", double(v));
    return text;
}

struct Reading {
    SampleCache& cache;
    KitReport& report;
    const std::string& xmlPath;

    void warn(const std::string& text) { report.warnings.push_back(text); }

    float clampGain(float gain, const std::string& what)
    {
        if (gain > kMaxGain || gain < 0.0f) {
            warn(xmlPath + ": " + what + " gain " + shortNumber(gain) + " clamped to 0..8");
            return std::clamp(gain, 0.0f, kMaxGain);
        }
        return gain;
    }
};

void addLayer(KitInstrument& instrument, const XmlNode& layerNode, float componentGain, Reading& r)
{
    const std::string file = layerNode.childText("filename");
    if (file == "emptySample.flac")
        return;  // Hydrogen's own placeholder for an empty instrument slot
    if (file.empty()) {
        r.warn(r.xmlPath + ": instrument \"" + instrument.name + "\": a layer has no <filename>; skipped");
        return;
    }
    auto sample = r.cache.load(file);
    if (!sample) {
        r.warn(sample.error().describe() + " (instrument \"" + instrument.name + "\"; layer skipped)");
        return;
    }
    const int lo = std::clamp(int(std::lround(number(layerNode, "min", 0.0f) * 127.0f)), 0, 127);
    const int hi = std::clamp(int(std::lround(number(layerNode, "max", 1.0f) * 127.0f)), 0, 127);
    const float gain = r.clampGain(number(layerNode, "gain", 1.0f) * componentGain, "instrument \"" + instrument.name + "\" layer");
    for (KitLayer& layer : instrument.layers) {
        if (layer.minVelocity == std::min(lo, hi) && layer.maxVelocity == std::max(lo, hi)) {
            layer.samples.push_back(*sample);
            return;
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
}

struct ReadInstrument {
    KitInstrument instrument;
    int explicitNote = -1;
};

ReadInstrument readInstrument(const XmlNode& node, int index, Reading& r)
{
    ReadInstrument out;
    KitInstrument& instrument = out.instrument;
    instrument.name = node.childText("name");
    if (instrument.name.empty())
        instrument.name = "instrument " + std::to_string(index + 1);
    const std::string what = "instrument \"" + instrument.name + "\"";
    instrument.gain = r.clampGain(std::max(0.0f, number(node, "volume", 1.0f)) * std::max(0.0f, number(node, "gain", 1.0f)), what);
    if (node.child("pan"))
        instrument.pan = std::clamp(number(node, "pan", 0.0f), -1.0f, 1.0f);
    else
        instrument.pan = std::clamp(number(node, "pan_R", 1.0f) - number(node, "pan_L", 1.0f), -1.0f, 1.0f);
    instrument.muted = node.childText("isMuted") == "true";
    const float muteGroup = std::clamp(number(node, "muteGroup", -1.0f), -1.0f, 1000.0f);
    instrument.chokeGroup = muteGroup >= 0.0f ? int(muteGroup) + 1 : 0;
    instrument.tune = number(node, "pitchOffset", 0.0f);
    const float note = number(node, "midiOutNote", -1.0f);
    out.explicitNote = note >= 0.0f && note < 128.0f ? int(note) : -1;

    std::vector<const XmlNode*> layers = node.childrenNamed("layer");
    float componentGain = 1.0f;
    if (layers.empty()) {
        // Hydrogen 1.x: components are separate mixes (e.g. close and room mics); our sampler plays one.
        const auto components = node.childrenNamed("instrumentComponent");
        for (const XmlNode* component : components) {
            layers = component->childrenNamed("layer");
            if (layers.empty())
                continue;
            componentGain = std::max(0.0f, number(*component, "gain", 1.0f));
            break;
        }
        if (components.size() > 1)
            r.warn(r.xmlPath + ": " + what + " has " + std::to_string(components.size()) +
                   " components; the first with samples plays");
    }
    // Very old kits name one sample directly on the instrument.
    if (layers.empty() && !node.childText("filename").empty())
        layers.push_back(&node);
    for (const XmlNode* layer : layers)
        addLayer(instrument, *layer, componentGain, r);
    if (!(std::abs(instrument.tune) <= kMaxTune)) {
        r.warn(r.xmlPath + ": " + what + " pitch " + shortNumber(instrument.tune) + " clamped to +-24 semitones");
        instrument.tune = std::clamp(instrument.tune, -kMaxTune, kMaxTune);
    }
    std::sort(instrument.layers.begin(), instrument.layers.end(),
        [](const KitLayer& a, const KitLayer& b) { return a.minVelocity < b.minVelocity; });
    return out;
}

// Hydrogen pads kits with instruments whose only sample is its placeholder "emptySample.flac".
bool xmlMentions(const XmlNode& node, const std::string& filename)
{
    if (node.name == "filename" && node.text == filename)
        return true;
    for (const XmlNode& child : node.children)
        if (xmlMentions(child, filename))
            return true;
    return false;
}

Result<std::string> readXmlFile(const std::string& xmlPath)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(xmlPath, ec))
        return Error{xmlPath, fs::exists(xmlPath, ec) ? "not a regular file" : "drumkit.xml not found"};
    if (fs::file_size(xmlPath, ec) > kMaxXmlBytes)
        return Error{xmlPath, "drumkit.xml is larger than 16 MB"};
    // The read itself never blocks and checks again what it opened (it may have changed since the stat).
    return readWholeFile(xmlPath, kMaxXmlBytes, "Hydrogen drumkit.xml");
}

} // namespace

Result<std::shared_ptr<const Kit>> loadHydrogenKit(const std::string& xmlPath, double sampleRate)
{
    auto text = readXmlFile(xmlPath);
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
    const auto nodes = list->childrenNamed("instrument");
    if (nodes.empty())
        return Error{xmlPath, "drumkit has no instruments"};
    const std::string folder = std::filesystem::path(xmlPath).parent_path().string();
    SampleCache cache(folder.empty() ? "." : folder, sampleRate);
    KitReport report;
    Reading reading{cache, report, xmlPath};
    std::vector<ReadInstrument> read;
    std::vector<NamedInstrument> named;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        read.push_back(readInstrument(*nodes[i], int(i), reading));
        const bool playable = !read.back().instrument.layers.empty();
        // Hydrogen kits pad their list to 32 with empty slots: nothing to say about those.
        const bool emptySlot = (nodes[i]->child("layer") == nullptr && nodes[i]->childText("filename").empty() &&
                                   nodes[i]->child("instrumentComponent") == nullptr) ||
                               xmlMentions(*nodes[i], "emptySample.flac");
        if (!playable && !emptySlot)
            reading.warn(xmlPath + ": instrument \"" + read.back().instrument.name + "\" has no readable sample; skipped");
        named.push_back({read.back().instrument.name, read.back().explicitNote, playable});
    }
    const NoteAssignment assignment = assignNotes(named);

    // Keep the playable instruments; each note goes to the one instrument assigned it.
    std::vector<int> keptIndex(read.size(), -1);
    std::vector<KitInstrument> instruments;
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (!named[i].playable)
            continue;
        if (instruments.size() == std::size_t(Kit::kMaxInstruments)) {
            reading.warn(xmlPath + ": more than 256 instruments; the rest are skipped");
            break;
        }
        keptIndex[i] = int(instruments.size());
        instruments.push_back(std::move(read[i].instrument));
    }
    if (instruments.empty())
        return Error{xmlPath, "drumkit has no instrument with a readable sample" +
                                  (report.warnings.empty() ? std::string() : " (first problem: " + report.warnings.front() + ")")};
    for (int note = 0; note < 128; ++note) {
        const int from = assignment.instrument[std::size_t(note)];
        const int to = from >= 0 ? keptIndex[std::size_t(from)] : -1;
        if (to < 0)
            continue;
        auto& notes = instruments[std::size_t(to)].notes;
        // The instrument's explicit note first: it is the one it sends and shows.
        if (assignment.source[std::size_t(note)] == NoteSource::Note)
            notes.insert(notes.begin(), note);
        else
            notes.push_back(note);
        report.noteSource[std::size_t(note)] = assignment.source[std::size_t(note)];
    }
    const std::string name = doc->childText("name", std::filesystem::path(folder).filename().string());
    auto kit = std::make_shared<Kit>(name, folder, sampleRate, std::move(instruments));
    kit->setReport(std::move(report));
    return std::shared_ptr<const Kit>(std::move(kit));
}

} // namespace gs
