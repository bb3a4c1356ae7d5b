#include "notemapping.h"

#include "drumnames.h"

#include <map>

namespace gs {

NoteAssignment assignNotes(const std::vector<NamedInstrument>& instruments)
{
    NoteAssignment out;
    out.instrument.fill(-1);
    out.source.fill(NoteSource::None);
    const int count = int(instruments.size());
    std::vector<DrumName> names;
    names.reserve(instruments.size());
    for (const NamedInstrument& instrument : instruments)
        names.push_back(classifyDrumName(instrument.name));
    std::vector<int> uses(instruments.size(), 0);
    auto assign = [&](int note, int index, NoteSource source) {
        out.instrument[std::size_t(note)] = index;
        out.source[std::size_t(note)] = source;
        ++uses[std::size_t(index)];
    };

    // 1. Explicit notes that exactly one playable instrument claims.
    std::map<int, int> claims;
    for (const NamedInstrument& instrument : instruments)
        if (instrument.explicitNote >= 0 && instrument.explicitNote < 128)
            ++claims[instrument.explicitNote];
    for (int i = 0; i < count; ++i) {
        const NamedInstrument& instrument = instruments[std::size_t(i)];
        const int note = instrument.explicitNote;
        if (!instrument.playable || note < 0 || note >= 128 || claims[note] != 1)
            continue;
        // A "Snare 2" put on note 47 (a tom's) plays the snare, not the mid-tom voice.
        const bool namedOtherwise = names[std::size_t(i)].drum != DrumClass::None &&
                                    drumClassOfNote(note) != DrumClass::None && drumNameFit(names[std::size_t(i)], note) < 0;
        if (!namedOtherwise)
            assign(note, i, NoteSource::Note);
    }
    // 2. Names: the best fit, then an instrument not yet used, then the first.
    for (int note : kNamedDrumNotes) {
        if (out.instrument[std::size_t(note)] >= 0)
            continue;
        int best = -1, bestFit = 0;
        for (int i = 0; i < count; ++i) {
            if (!instruments[std::size_t(i)].playable)
                continue;
            const int fit = drumNameFit(names[std::size_t(i)], note);
            if (fit < 0)
                continue;
            const int score = fit * 2 + (uses[std::size_t(i)] > 0 ? 1 : 0);
            if (best < 0 || score < bestFit) {
                best = i;
                bestFit = score;
            }
        }
        if (best >= 0)
            assign(note, best, NoteSource::Name);
    }
    // 3. Hydrogen's default order, for instruments whose names do not say they are another drum.
    for (int i = 0; i < count && 36 + i < 128; ++i) {
        const int note = 36 + i;
        if (!instruments[std::size_t(i)].playable || out.instrument[std::size_t(note)] >= 0)
            continue;
        const DrumName& name = names[std::size_t(i)];
        if (name.drum == DrumClass::None || drumClassOfNote(note) == DrumClass::None || drumNameFit(name, note) >= 0)
            assign(note, i, NoteSource::Order);
    }
    return out;
}

} // namespace gs
