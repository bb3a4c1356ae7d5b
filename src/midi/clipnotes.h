#pragma once
// The notes of a groove clip exactly as writeGrooveMidi writes them (same
// placement of micro-timing, same velocity rounding, same de-duplication),
// for views that show the exported form (the piano roll). Implemented in
// groovewriter.cpp beside the writer, so the two can never disagree.
#include "core/drummap.h"
#include "core/groove.h"
#include "groovemidi.h"

#include <cstdint>
#include <vector>

namespace gs {

struct ClipNote {
    std::int64_t tick = 0;  // note-on, in ticks from the clip's start
    std::int64_t end = 0;  // note-off
    int note = 0;  // MIDI note (from the drum map's output note)
    int velocity = 0;  // 1..127
};

struct ClipNotes {
    std::vector<ClipNote> notes;  // by tick, then note
    int ticksPerQuarter = 480;
    std::int64_t endTick = 0;  // the clip's length
};

ClipNotes grooveClipNotes(const std::vector<Groove>& grooves, const DrumMap& map, const ClipOptions& options = {});

} // namespace gs
