#pragma once
// Which instrument of a kit answers each MIDI note, the way Hydrogen users
// expect: first an explicit note that only one instrument claims (a note
// shared by many, e.g. every midiOutNote 60, says nothing), unless the
// instrument's name says it is another drum; then the instrument's name
// ("BassDrum" answers 36 and 35); then Hydrogen's own default, instrument i
// answers note 36 + i, for instruments whose names say nothing else.
#include "kit.h"

#include <array>
#include <string>
#include <vector>

namespace gs {

struct NamedInstrument {
    std::string name;
    int explicitNote = -1;  // -1 = none
    bool playable = true;  // has at least one sample; unplayable ones keep their place for the order rule
};

struct NoteAssignment {
    std::array<int, 128> instrument{};  // -1 = none
    std::array<NoteSource, 128> source{};
};

NoteAssignment assignNotes(const std::vector<NamedInstrument>& instruments);

} // namespace gs
