#pragma once
// Which drum voice each MIDI note plays. Two families ship (RhythmVAE's GM
// maps and GrooVAE's Roland TD-11 fold of the Groove MIDI Dataset); users
// add their own as JSON:
//   {"name": "my kit", "voices": [{"name": "Kick", "notes": [36, 35], "output": 36}, ...]}
// "output" (optional) is the note written to MIDI files; it defaults to the first note.
#include "error.h"

#include <array>
#include <string>
#include <vector>

namespace gs {

struct DrumVoice {
    std::string name;
    std::vector<int> notes;  // the first is the voice's own note
    int outputNote = 0;
};

class DrumMap {
public:
    DrumMap() = default;
    DrumMap(std::string name, std::vector<DrumVoice> voices);

    // RhythmVAE "Strict": only each voice's plain GM notes.
    static DrumMap gm();
    // RhythmVAE "Greedy": every GM percussion note folded onto the nearest of 9 voices.
    static DrumMap gmGreedy();
    // GrooVAE: the 22 Roland TD-11 pitches of the Groove MIDI Dataset, plus the wider GM list.
    static DrumMap groovae();
    // "gm", "gm-greedy", "groovae", or a path to a JSON map.
    static Result<DrumMap> byName(const std::string& nameOrPath);
    static Result<DrumMap> fromJson(const std::string& path);
    static Result<DrumMap> fromJsonText(const std::string& text, const std::string& sourceName);
    static std::vector<std::string> builtInNames();

    const std::string& name() const { return m_name; }
    int voiceCount() const { return int(m_voices.size()); }
    const std::vector<DrumVoice>& voices() const { return m_voices; }
    const DrumVoice& voice(int index) const { return m_voices[std::size_t(index)]; }
    // The voice a note plays, or -1 if no voice takes it.
    int voiceForNote(int note) const;
    int outputNote(int voice) const { return m_voices[std::size_t(voice)].outputNote; }
    std::string toJson() const;
    bool operator==(const DrumMap& other) const;

private:
    std::string m_name;
    std::vector<DrumVoice> m_voices;
    std::array<int, 128> m_noteToVoice{};
};

} // namespace gs
