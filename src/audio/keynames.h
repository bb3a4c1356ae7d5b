#pragma once
// Sampler formats (SF2, SFZ) map drums by key, and most kits follow General
// MIDI; some do not: AVL Drums' four-piece kits put a crash choke on key 50,
// General MIDI's high tom. Where a General MIDI drum note plays an instrument
// whose name says it is another drum, or plays nothing, the instrument whose
// name fits best plays it instead, reported as mapped by name (the rule the
// Hydrogen loader applies to names). Instruments with no telling name keep
// their keys: the kit's author decided those.
#include "kit.h"

#include <vector>

namespace gs {

void mapMisnamedKeys(std::vector<KitInstrument>& instruments, KitReport& report);

} // namespace gs
