#include "pattern.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace gs {

Result<std::shared_ptr<const Pattern>> Pattern::fromGroove(const Groove& groove, const std::vector<int>& voiceNotes)
{
    static std::atomic<std::uint64_t> nextId{1};
    if (!groove.grid().valid() || groove.steps() <= 0)
        return Error{"", "groove has no valid grid"};
    if (groove.voices() > kMaxVoices)
        return Error{"", "groove has " + std::to_string(groove.voices()) + " voices; the engine plays at most " + std::to_string(kMaxVoices)};
    if (int(voiceNotes.size()) != groove.voices())
        return Error{"", "groove has " + std::to_string(groove.voices()) + " voices but the drum map gives " +
                             std::to_string(voiceNotes.size()) + " notes"};
    auto p = std::make_shared<Pattern>();
    p->steps = groove.steps();
    p->stepsPerBeat = groove.grid().stepsPerBeat;
    p->meter = groove.grid().meter;
    p->voices = groove.voices();
    p->voiceNotes = voiceNotes;
    p->id = nextId.fetch_add(1);
    for (int s = 0; s < groove.steps(); ++s) {
        for (int v = 0; v < groove.voices(); ++v) {
            if (!groove.hit(s, v))
                continue;
            const float vel = groove.velocity(s, v);
            const float off = groove.offset(s, v);
            p->hits.push_back({s, v, std::isfinite(vel) ? std::clamp(vel, 0.0f, 1.0f) : 0.0f,
                               std::isfinite(off) ? std::clamp(off, -1.0f, 1.0f) : 0.0f});
        }
    }
    if (int(p->hits.size()) > kMaxHits)
        return Error{"", "groove has more than 8192 hits"};
    return std::shared_ptr<const Pattern>(std::move(p));
}

std::vector<int> Pattern::notesOf(const DrumMap& map)
{
    std::vector<int> notes;
    for (int v = 0; v < map.voiceCount(); ++v)
        notes.push_back(map.outputNote(v));
    return notes;
}

} // namespace gs
