#include "keynames.h"

#include "drumnames.h"

#include <algorithm>

namespace gs {

namespace {

// The notes the nine voices play, then the rest of the General MIDI kit the drum maps use.
constexpr int kCheckedNotes[] = {36, 38, 42, 46, 43, 47, 50, 49, 51,
                                 35, 40, 37, 39, 44, 41, 45, 48, 57, 59, 52, 53, 55, 56, 54};

// As Kit resolves it: an instrument's own (first) note wins over another's alternative notes.
int ownerOf(const std::vector<KitInstrument>& instruments, int note)
{
    for (std::size_t pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < instruments.size(); ++i) {
            const auto& notes = instruments[i].notes;
            for (std::size_t n = 0; n < notes.size(); ++n)
                if ((pass == 0) == (n == 0) && notes[n] == note)
                    return int(i);
        }
    return -1;
}

} // namespace

void mapMisnamedKeys(std::vector<KitInstrument>& instruments, KitReport& report)
{
    std::vector<DrumName> names;
    names.reserve(instruments.size());
    for (const KitInstrument& instrument : instruments)
        names.push_back(classifyDrumName(instrument.name));
    for (int note : kCheckedNotes) {
        const int owner = ownerOf(instruments, note);
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
