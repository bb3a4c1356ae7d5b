#include "drummap.h"

#include "filereader.h"

#include <nlohmann/json.hpp>

namespace gs {

namespace {

const char* const kNineVoiceNames[9] = {"Kick", "Snare", "Hi-hat closed", "Hi-hat open", "Tom low",
                                        "Tom mid", "Tom high", "Crash", "Ride"};

DrumMap nineVoiceMap(const std::string& name, const std::vector<std::vector<int>>& notes)
{
    std::vector<DrumVoice> voices;
    for (std::size_t i = 0; i < notes.size(); ++i)
        voices.push_back({kNineVoiceNames[i], notes[i], notes[i].front()});
    return DrumMap(name, std::move(voices));
}

} // namespace

DrumMap::DrumMap(std::string name, std::vector<DrumVoice> voices)
    : m_name(std::move(name))
    , m_voices(std::move(voices))
{
    m_noteToVoice.fill(-1);
    for (std::size_t v = 0; v < m_voices.size(); ++v) {
        if (m_voices[v].outputNote == 0 && !m_voices[v].notes.empty())
            m_voices[v].outputNote = m_voices[v].notes.front();
        for (int note : m_voices[v].notes)
            if (note >= 0 && note < 128 && m_noteToVoice[std::size_t(note)] < 0)
                m_noteToVoice[std::size_t(note)] = int(v);  // the first voice to claim a note keeps it
    }
}

DrumMap DrumMap::gm()
{
    // Our reading of RhythmVAE's strict map: the GM drum-kit notes proper, no percussion.
    return nineVoiceMap("gm", {{36, 35}, {38, 40}, {42, 44}, {46}, {45, 41, 43}, {48, 47}, {50},
                               {49, 57, 52, 55}, {51, 59, 53}});
}

DrumMap DrumMap::gmGreedy()
{
    // RhythmVAE's greedy map: every GM percussion note goes somewhere.
    return nineVoiceMap("gm-greedy",
        {{36, 35}, {38, 27, 28, 31, 32, 33, 34, 37, 39, 40, 56, 65, 66, 75, 85},
         {42, 44, 54, 68, 69, 70, 71, 73, 78, 80}, {46, 67, 72, 74, 79, 81},
         {45, 29, 41, 61, 64, 84}, {48, 47, 60, 63, 77, 86, 87}, {50, 30, 43, 62, 76, 83},
         {49, 55, 57, 58}, {51, 52, 53, 59, 82}});
}

DrumMap DrumMap::groovae()
{
    // The Roland TD-11 fold first (so 22, 26, 58, 59 mean what the Groove MIDI Dataset means),
    // then the wider GM list for notes the TD-11 never sends.
    return nineVoiceMap("groovae",
        {{36, 35}, {38, 37, 40, 27, 28, 31, 32, 33, 34, 39, 56, 65, 66, 75, 85},
         {42, 22, 44, 54, 68, 69, 70, 71, 73, 78, 80}, {46, 26, 67, 72, 74, 79, 81},
         {43, 58, 29, 41, 61, 64, 84}, {47, 45, 60, 63, 77, 86, 87}, {50, 48, 30, 62, 76, 83},
         {49, 52, 55, 57}, {51, 53, 59, 82}});
}

std::vector<std::string> DrumMap::builtInNames()
{
    return {"gm", "gm-greedy", "groovae"};
}

Result<DrumMap> DrumMap::byName(const std::string& nameOrPath)
{
    if (nameOrPath == "gm")
        return gm();
    if (nameOrPath == "gm-greedy")
        return gmGreedy();
    if (nameOrPath == "groovae")
        return groovae();
    return fromJson(nameOrPath);
}

Result<DrumMap> DrumMap::fromJson(const std::string& path)
{
    auto text = readWholeFile(path, kMaxJsonFileBytes, "drum map");
    if (!text) {
        Error e = text.error();
        e.message += " (a drum map is gm, gm-greedy, groovae or a JSON file)";
        return e;
    }
    return fromJsonText(*text, path);
}

Result<DrumMap> DrumMap::fromJsonText(const std::string& text, const std::string& sourceName)
{
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{sourceName, "drum map is not a JSON object"};
    if (!doc.contains("voices") || !doc["voices"].is_array() || doc["voices"].empty())
        return Error{sourceName, "drum map needs a non-empty \"voices\" array"};
    if (doc["voices"].size() > 64)
        return Error{sourceName, "drum map has more than 64 voices"};
    // Types are checked before values are read: a wrong type is the map's fault, not an internal error.
    if (doc.contains("name") && !doc["name"].is_string())
        return Error{sourceName, "drum map \"name\" must be a string"};
    std::vector<DrumVoice> voices;
    for (const auto& v : doc["voices"]) {
        const std::string where = "voice " + std::to_string(voices.size() + 1);
        if (!v.is_object() || !v.contains("notes") || !v["notes"].is_array() || v["notes"].empty())
            return Error{sourceName, where + " needs a non-empty \"notes\" array"};
        DrumVoice voice;
        if (v.contains("name") && !v["name"].is_string())
            return Error{sourceName, where + ": \"name\" must be a string"};
        voice.name = v.value("name", where);
        for (const auto& n : v["notes"]) {
            if (!n.is_number_integer() || n.get<std::int64_t>() < 0 || n.get<std::int64_t>() > 127)
                return Error{sourceName, where + " has a note outside 0..127"};
            voice.notes.push_back(n.get<int>());
        }
        voice.outputNote = voice.notes.front();
        if (v.contains("output")) {
            if (!v["output"].is_number_integer() || v["output"].get<std::int64_t>() < 0 || v["output"].get<std::int64_t>() > 127)
                return Error{sourceName, where + " has an \"output\" note outside 0..127"};
            voice.outputNote = v["output"].get<int>();
        }
        voices.push_back(std::move(voice));
    }
    return DrumMap(doc.value("name", sourceName), std::move(voices));
}

int DrumMap::voiceForNote(int note) const
{
    if (note < 0 || note > 127)
        return -1;
    return m_noteToVoice[std::size_t(note)];
}

std::string DrumMap::toJson() const
{
    nlohmann::json doc;
    doc["name"] = m_name;
    doc["voices"] = nlohmann::json::array();
    for (const DrumVoice& v : m_voices)
        doc["voices"].push_back({{"name", v.name}, {"notes", v.notes}, {"output", v.outputNote}});
    return doc.dump(2);
}

bool DrumMap::operator==(const DrumMap& other) const
{
    if (m_name != other.m_name || m_voices.size() != other.m_voices.size())
        return false;
    for (std::size_t i = 0; i < m_voices.size(); ++i)
        if (m_voices[i].name != other.m_voices[i].name || m_voices[i].notes != other.m_voices[i].notes
            || m_voices[i].outputNote != other.m_voices[i].outputNote)
            return false;
    return true;
}

} // namespace gs
