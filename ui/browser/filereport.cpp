#include "browser/filereport.h"

#include "dataset/dataset.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QVariantList>

#include <algorithm>
#include <vector>

namespace gs {

QString gmPercussionName(int note)
{
    // General MIDI percussion key map (27..34 and 82..87 from GM2).
    static const char* const names[] = {"High Q", "Slap", "Scratch Push", "Scratch Pull", "Sticks", "Square Click",
        "Metronome Click", "Metronome Bell", "Acoustic Bass Drum", "Bass Drum 1", "Side Stick", "Acoustic Snare",
        "Hand Clap", "Electric Snare", "Low Floor Tom", "Closed Hi-Hat", "High Floor Tom", "Pedal Hi-Hat", "Low Tom",
        "Open Hi-Hat", "Low-Mid Tom", "Hi-Mid Tom", "Crash Cymbal 1", "High Tom", "Ride Cymbal 1", "Chinese Cymbal",
        "Ride Bell", "Tambourine", "Splash Cymbal", "Cowbell", "Crash Cymbal 2", "Vibraslap", "Ride Cymbal 2",
        "Hi Bongo", "Low Bongo", "Mute Hi Conga", "Open Hi Conga", "Low Conga", "High Timbale", "Low Timbale",
        "High Agogo", "Low Agogo", "Cabasa", "Maracas", "Short Whistle", "Long Whistle", "Short Guiro", "Long Guiro",
        "Claves", "Hi Wood Block", "Low Wood Block", "Mute Cuica", "Open Cuica", "Mute Triangle", "Open Triangle",
        "Shaker", "Jingle Bell", "Bell Tree", "Castanets", "Mute Surdo", "Open Surdo"};
    constexpr int first = 27;
    constexpr int count = int(sizeof(names) / sizeof(names[0]));
    if (note >= first && note < first + count)
        return QString::fromLatin1(names[note - first]);
    return QCoreApplication::translate("FileReport", "not a GM drum note");
}

QVariantMap fileReport(const Dataset& dataset, int file)
{
    if (file < 0 || file >= int(dataset.files().size()))
        return {};
    const FileRecord& record = dataset.files()[std::size_t(file)];

    std::vector<std::pair<int, int>> unmapped(record.unmappedNotes.begin(), record.unmappedNotes.end());
    std::stable_sort(unmapped.begin(), unmapped.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QVariantList unmappedList;
    int unmappedTotal = 0;
    for (const auto& [note, count] : unmapped) {
        unmappedList << QVariantMap{{"note", note}, {"name", gmPercussionName(note)}, {"count", count}};
        unmappedTotal += count;
    }

    QVariantList otherChannels;  // [{channel, count}]: the song's parts the import did not read as drums
    for (const auto& [channel, count] : record.otherChannelNotes)
        otherChannels << QVariantMap{{"channel", channel}, {"count", count}};

    const DrumMap& map = dataset.settings().map;
    std::vector<long> hits(std::size_t(map.voiceCount()), 0);
    for (const DatasetWindow& w : dataset.windows()) {
        if (w.file != file)
            continue;
        for (int v = 0; v < w.groove.voices() && v < map.voiceCount(); ++v)
            hits[std::size_t(v)] += w.groove.hitCount(v);
    }
    QVariantList voices;
    for (int v = 0; v < map.voiceCount(); ++v) {
        QStringList notes;
        for (int note : map.voice(v).notes)
            notes << QString::number(note);
        voices << QVariantMap{{"name", QString::fromStdString(map.voice(v).name)}, {"notes", notes.join(", ")},
            {"hits", double(hits[std::size_t(v)])}};
    }
    return {{"file", QFileInfo(QString::fromStdString(record.path)).fileName()}, {"drumNotes", record.drumNotes},
        {"unmappedTotal", unmappedTotal}, {"unmapped", unmappedList}, {"voices", voices},
        {"mapName", QString::fromStdString(map.name())}, {"fileIndex", file}, {"drumChannel", record.drumChannel},
        {"otherChannelNotes", record.otherChannelNoteCount()}, {"otherChannels", otherChannels}};
}

} // namespace gs
