#pragma once
// Which instrument of a kit plays each voice of a drum map, and how the kit's
// loader chose it: what `render --json`, the bench table and the tests show.
#include "core/drummap.h"
#include "kit.h"

#include <string>
#include <vector>

namespace gs {

struct VoicePlayer {
    std::string voice;  // the drum map's voice name
    int note = 0;  // the note the voice plays (its output note)
    int instrument = -1;  // -1 = no instrument: its hits are silent
    std::string instrumentName;
    std::string how;  // "note", "name", "order" or "none"
    bool sounds = false;  // an instrument that is not muted and has samples: its hits are heard
};

std::vector<VoicePlayer> voicePlayers(const Kit& kit, const DrumMap& map);

} // namespace gs
