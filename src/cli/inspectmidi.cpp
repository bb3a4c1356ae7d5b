#include "inspectors.h"

#include "commands.h"
#include "jsonout.h"
#include "midi/groovemidi.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace gs {

namespace {

int reportError(const std::string& path, const std::string& message, bool json)
{
    if (json)
        std::cout << jsonText({{"file", path}, {"error", message}}) << "\n";
    std::cerr << "inspect: " << message << "\n";
    return kExitBadInput;
}

} // namespace

int inspectMidiFile(const std::string& path, const std::string& mapName, int bars, int minHits, int drumChannel, bool json)
{
    auto map = DrumMap::byName(mapName);
    if (!map)
        return reportError(path, map.error().describe(), json);
    if (bars != 1 && bars != 2 && bars != 4)
        return reportError(path, "--bars must be 1, 2 or 4", json);
    auto midi = readMidiFile(path);
    if (!midi)
        return reportError(path, midi.error().describe(), json);
    const MidiFile& file = *midi;
    WindowOptions options;
    options.bars = bars;
    options.drumChannel = drumChannel - 1;
    const DrumExtraction ex = extractWindows(file, *map, options);

    std::map<int, int> drumByNote;
    std::map<int, int> otherChannels;  // 1-based channel -> note-ons not read as drums
    for (const MidiNote& n : file.notes) {
        if (n.channel == options.drumChannel)
            ++drumByNote[n.note];
        else
            ++otherChannels[n.channel + 1];
    }
    int usable = 0;
    for (const GrooveWindow& w : ex.windows)
        usable += w.groove.hitCount() >= minHits;
    const double seconds = file.secondsAt(file.lengthTicks);

    if (json) {
        nlohmann::json tempos = nlohmann::json::array(), meters = nlohmann::json::array(), notes = nlohmann::json::object(),
                       unmapped = nlohmann::json::object();
        for (const TempoChange& t : file.tempos)
            tempos.push_back({{"tick", t.tick}, {"bpm", t.bpm()}});
        for (const MeterChange& m : file.meters)
            meters.push_back({{"tick", m.tick}, {"meter", m.meter.text()}});
        for (const auto& [note, count] : drumByNote) {
            const int voice = map->voiceForNote(note);
            notes[std::to_string(note)] = {{"count", count}, {"voice", voice < 0 ? "" : map->voice(voice).name}};
        }
        for (const auto& [note, count] : ex.unmappedNotes)
            unmapped[std::to_string(note)] = count;
        nlohmann::json other = nlohmann::json::object();
        for (const auto& [channel, count] : otherChannels)
            other[std::to_string(channel)] = count;
        std::cout << jsonText({{"file", path}, {"kind", "midi"}, {"format", file.format},
                                    {"tracks", file.trackCount}, {"ticks_per_quarter", file.ticksPerQuarter},
                                    {"tempos", tempos}, {"meters", meters}, {"seconds", seconds}, {"bars", ex.bars},
                                    {"notes", file.notes.size()}, {"drum_notes", ex.drumNotes},
                                    {"drum_channel", drumChannel}, {"other_channel_notes", other},
                                    {"mapped_notes", ex.mappedNotes}, {"drum_notes_by_note", notes},
                                    {"unmapped", unmapped}, {"map", map->name()}, {"window_bars", bars},
                                    {"windows", ex.windows.size()}, {"windows_with_min_hits", usable},
                                    {"min_hits", minHits}})
                  << "\n";
        return kExitOk;
    }
    std::cout << path << ": SMF format " << file.format << ", " << file.trackCount << " track(s), "
              << file.ticksPerQuarter << " ticks per quarter, " << seconds << " s, " << ex.bars << " bars\n";
    std::cout << "tempo:";
    if (file.tempos.empty())
        std::cout << " none (120 bpm)";
    for (std::size_t i = 0; i < file.tempos.size() && i < 16; ++i)
        std::cout << " " << file.tempos[i].bpm() << " bpm @" << file.tempos[i].tick;
    if (file.tempos.size() > 16)
        std::cout << " ... (" << file.tempos.size() << " changes)";
    std::cout << "\nmeter:";
    if (file.meters.empty())
        std::cout << " none (4/4)";
    for (std::size_t i = 0; i < file.meters.size() && i < 16; ++i)
        std::cout << " " << file.meters[i].meter.text() << " @" << file.meters[i].tick;
    std::cout << "\nnotes: " << file.notes.size() << ", on the drum channel (" << drumChannel << ") " << ex.drumNotes
              << " (" << ex.mappedNotes << " mapped by " << map->name() << ")\n";
    if (!otherChannels.empty()) {
        std::cout << "not read as drums:";
        for (const auto& [channel, count] : otherChannels)
            std::cout << " channel " << channel << " " << count;
        std::cout << "\n";
    }
    for (const auto& [note, count] : drumByNote) {
        const int voice = map->voiceForNote(note);
        std::cout << "  note " << note << ": " << count << " -> " << (voice < 0 ? "unmapped" : map->voice(voice).name)
                  << "\n";
    }
    std::cout << "windows of " << bars << " bars: " << ex.windows.size() << ", with at least " << minHits
              << " hits: " << usable << "\n";
    return kExitOk;
}

} // namespace gs
