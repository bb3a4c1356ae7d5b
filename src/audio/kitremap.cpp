#include "kitremap.h"

#include <algorithm>

namespace gs {

std::shared_ptr<const Kit> remapKit(const Kit& kit, const std::vector<VoiceChoice>& choices)
{
    std::vector<KitInstrument> instruments = kit.instruments();  // shares the samples (shared_ptr)
    KitReport report = kit.report();
    for (const VoiceChoice& choice : choices) {
        if (choice.note < 0 || choice.note > 127 || choice.instrument < -1 || choice.instrument >= int(instruments.size()))
            continue;
        for (KitInstrument& instrument : instruments)
            std::erase(instrument.notes, choice.note);
        if (choice.instrument >= 0) {
            auto& notes = instruments[std::size_t(choice.instrument)].notes;
            notes.insert(notes.begin(), choice.note);
        }
        report.noteSource[std::size_t(choice.note)] = NoteSource::Chosen;
    }
    auto out = std::make_shared<Kit>(kit.name(), kit.folder(), kit.sampleRate(), std::move(instruments));
    out->setReport(std::move(report));
    return out;
}

} // namespace gs
