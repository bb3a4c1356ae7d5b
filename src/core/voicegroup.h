#pragma once
// The five groups a drummer thinks in (kick, snare, hats, toms, cymbals), and
// "redirect": the hits of a group the musician does not want moved onto the
// nearest voice of another group, so the groove keeps its rhythm (the Groove
// Transformer's Mute/Redirect). The Groove Transformer VAE is trained on such
// redirected targets; the accompanist asks for them.
#include "drummap.h"
#include "groove.h"

#include <array>

namespace gs {

enum class VoiceGroup { Kick, Snare, Hats, Toms, Cymbals };
constexpr int kVoiceGroups = 5;
using GroupFlags = std::array<bool, kVoiceGroups>;

// "kick", "snare", "hats", "toms", "cymbals".
const char* voiceGroupName(VoiceGroup group);
// The group of a General MIDI drum note, or -1 (cowbell, claves, ...).
int voiceGroupOfNote(int note);
// The group of each voice of `map` (by its output note), -1 for a voice in none.
std::vector<int> voiceGroups(const DrumMap& map);

// For each voice, where its hits go when its group is `without`: the voice (by nearest output note)
// of the first group of its fallback list that is not `without` itself (kick: toms, snare, cymbals;
// snare: toms, hats, kick; hats: cymbals, snare, toms; toms: snare, kick, hats; cymbals: hats, snare,
// toms); the voice itself when its group is kept, -1 when every fallback is without too (dropped).
std::vector<int> redirectTargets(const DrumMap& map, const GroupFlags& without);

// `drums` with the hits of every `without` group moved by redirectTargets (the louder hit wins a cell).
Groove redirectGroove(const Groove& drums, const DrumMap& map, const GroupFlags& without);

} // namespace gs
