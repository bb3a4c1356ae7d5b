#include "keynames.h"

#include "drumnames.h"

#include <algorithm>

namespace gs {

void mapMisnamedKeys(std::vector<KitInstrument>& instruments, KitReport& report)
{
    std::vector<DrumName> names;
    names.reserve(instruments.size());
    for (const KitInstrument& instrument : instruments)
        names.push_back(classifyDrumName(instrument.name));
    for (int note : kNamedDrumNotes) {
        // Asked again for every note: a remap below changes who owns the notes after it.
        const int owner = noteOwners(instruments)[std::size_t(note)];
        if (owner >= 0 && (names[std::size_t(owner)].drum == DrumClass::None || drumNameFit(names[std::size_t(owner)], note) >= 0))
            continue;  // no telling name, or the right drum
        int best = -1, bestFit = 0;
        for (std::size_t i = 0; i < instruments.size(); ++i) {
            if (instruments[i].layers.empty())
                continue;
            const int fit = drumNameFit(names[i], note);
            if (fit >= 0 && (best < 0 || fit < bestFit)) {
                best = int(i);
                bestFit = fit;
            }
        }
        if (best < 0)
            continue;  // nothing fits better than what the key plays (or its silence)
        for (KitInstrument& instrument : instruments)
            std::erase(instrument.notes, note);
        auto& notes = instruments[std::size_t(best)].notes;
        // After its own note: the instrument keeps the key it was made for.
        notes.insert(notes.empty() ? notes.end() : notes.begin() + 1, note);
        report.noteSource[std::size_t(note)] = NoteSource::Name;
    }
}

} // namespace gs
