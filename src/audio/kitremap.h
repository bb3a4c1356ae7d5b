#pragma once
// The musician's own voice mapping over a loaded kit: "this note plays that
// instrument" (or nothing), chosen in the app's voice-mapping table and saved
// per kit. The kit stays immutable: remapKit() builds a new Kit that shares the
// sample data. Normal threads only (the kit loader's worker).
#include "kit.h"

#include <memory>
#include <vector>

namespace gs {

struct VoiceChoice {
    int note = 0;  // the MIDI note a voice plays (its output note)
    int instrument = -1;  // the instrument that plays it; -1 = none (the voice is silent)
};

// `kit` with each chosen note moved to its instrument (first in that instrument's notes, so
// it wins over another's alternative note); the report marks those notes NoteSource::Chosen.
// Choices naming a note outside 0..127 or an instrument the kit lacks are ignored.
std::shared_ptr<const Kit> remapKit(const Kit& kit, const std::vector<VoiceChoice>& choices);

} // namespace gs
