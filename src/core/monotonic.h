#pragma once
// The monotonic groove of a drum window (the Groove Transformer's input, and
// GrooVAE's "tap2drum"): the rhythm of the whole kit on one voice.
#include "groove.h"

namespace gs {

// One voice; at each step a hit where any voice hits, the loudest hit's velocity, that hit's offset
// (ties: the lower voice). Same grid as `drums`.
Groove monotonicGroove(const Groove& drums);

} // namespace gs
