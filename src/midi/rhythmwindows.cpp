#include "rhythmwindows.h"

#include <algorithm>
#include <numeric>

namespace gs {

namespace {

// One voice that takes every note.
DrumMap everyNote()
{
    std::vector<int> notes(128);
    std::iota(notes.begin(), notes.end(), 0);
    return DrumMap("rhythm", {DrumVoice{"rhythm", notes, 0}});
}

std::string channelList(const std::vector<int>& channels)
{
    std::string text;
    for (int c : channels)
        text += (text.empty() ? "" : ",") + std::to_string(c + 1);
    return text;
}

} // namespace

Result<RhythmExtraction> extractRhythm(const MidiFile& file, const RhythmOptions& options, const std::string& name)
{
    RhythmExtraction out;
    out.channels = options.channels;
    for (int c : out.channels)
        if (c < 0 || c > 15)
            return Error{name, "MIDI channel " + std::to_string(c + 1) + " does not exist (channels are 1 to 16)"};
    if (out.channels.empty()) {
        const bool onlyDrums = std::all_of(file.notes.begin(), file.notes.end(), [](const MidiNote& n) { return n.channel == 9; });
        for (int c = 0; c < 16; ++c)
            if (onlyDrums ? c == 9 : c != 9)
                out.channels.push_back(c);
    }
    MidiFile chosen = file;
    chosen.notes.clear();
    for (const MidiNote& n : file.notes) {
        if (std::find(out.channels.begin(), out.channels.end(), n.channel) == out.channels.end())
            continue;
        chosen.notes.push_back(n);
        chosen.notes.back().channel = 0;  // one rhythm, whatever channel it came from
    }
    out.notes = int(chosen.notes.size());
    if (out.notes == 0)
        return Error{name, "no notes on channel" + std::string(out.channels.size() > 1 ? "s " : " ")
                               + channelList(out.channels) + ": nothing to turn into drums"};
    WindowOptions windows;
    windows.bars = options.bars;
    windows.stepsPerBeat = options.stepsPerBeat;
    windows.drumChannel = 0;
    DrumExtraction cut = extractWindows(chosen, everyNote(), windows);
    out.windows = std::move(cut.windows);
    out.bars = cut.bars;
    out.truncated = cut.truncated;
    return out;
}

} // namespace gs
