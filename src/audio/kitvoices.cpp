#include "kitvoices.h"

namespace gs {

std::vector<VoicePlayer> voicePlayers(const Kit& kit, const DrumMap& map)
{
    std::vector<VoicePlayer> out;
    for (int v = 0; v < map.voiceCount(); ++v) {
        VoicePlayer p;
        p.voice = map.voice(v).name;
        p.note = map.outputNote(v);
        p.instrument = kit.instrumentForNote(p.note);
        if (p.instrument >= 0) {
            p.instrumentName = kit.instrument(p.instrument).name;
            const NoteSource source = kit.report().noteSource[std::size_t(p.note)];
            // Kits with their own note map (kit.json, SF2 keys, SFZ regions) report None: their note said so.
            p.how = source == NoteSource::None ? "note" : noteSourceName(source);
            const KitInstrument& instrument = kit.instrument(p.instrument);
            p.sounds = !instrument.muted && instrument.layerFor(64) != nullptr;
        } else {
            p.how = "none";
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace gs
