#include "datasetreport.h"

#include "dataset/datasetstats.h"

#include <algorithm>
#include <iomanip>

namespace gs {

namespace {

nlohmann::json settingsJson(const ImportSettings& s)
{
    return {{"map", s.map.name()}, {"voices", s.map.voiceCount()}, {"bars", s.bars},
            {"steps_per_beat", s.stepsPerBeat}, {"hop_bars", s.hopBars == 0 ? s.bars : s.hopBars},
            {"min_hits", s.minHits}, {"drop_duplicates", s.dropDuplicates}, {"seed", s.seed},
            {"validation_fraction", s.validationFraction}, {"drum_channel", s.drumChannel},
            {"file_drum_channels", s.fileDrumChannels}};
}

// Files whose other channels held notes the import did not read as drums (a song's band).
nlohmann::json otherChannelsJson(const Dataset& d)
{
    nlohmann::json files = nlohmann::json::array();
    for (const FileRecord& f : d.files()) {
        if (f.otherChannelNotes.empty())
            continue;
        nlohmann::json channels = nlohmann::json::object();
        for (const auto& [channel, count] : f.otherChannelNotes)
            channels[std::to_string(channel)] = count;
        files.push_back({{"file", f.path}, {"drum_channel", f.drumChannel}, {"ignored_notes", f.otherChannelNoteCount()},
            {"channels", channels}});
    }
    return files;
}

int otherChannelTotal(const Dataset& d)
{
    int total = 0;
    for (const FileRecord& f : d.files())
        total += f.otherChannelNoteCount();
    return total;
}

int filesIn(const Dataset& d, Split split)
{
    return d.sourceFileCount(split);  // files that gave windows, not every file assigned to the split
}

} // namespace

nlohmann::json datasetJson(const Dataset& d)
{
    const DatasetStats stats = DatasetStats::compute(d);
    nlohmann::json failures = nlohmann::json::array();
    nlohmann::json noDrums = nlohmann::json::array();
    for (const FileRecord& f : d.files()) {
        if (f.status == FileStatus::Failed)
            failures.push_back({{"file", f.path}, {"reason", f.reason}});
        else if (f.status == FileStatus::NoDrums)
            noDrums.push_back({{"file", f.path}, {"reason", f.reason}});
    }
    nlohmann::json unmapped = nlohmann::json::object();
    for (const auto& [note, count] : stats.unmappedNotes)
        unmapped[std::to_string(note)] = count;
    nlohmann::json styles = nlohmann::json::object();
    for (const auto& [style, count] : stats.windowsPerStyle)
        styles[style] = count;
    nlohmann::json styleFiles = nlohmann::json::object();
    for (const auto& [style, count] : stats.filesPerStyle)
        styleFiles[style] = count;
    nlohmann::json voices = nlohmann::json::object();
    nlohmann::json velocities = nlohmann::json::object();
    for (int v = 0; v < d.voiceCount(); ++v) {
        voices[d.settings().map.voice(v).name] = stats.hitsPerVoice[std::size_t(v)];
        velocities[d.settings().map.voice(v).name] = stats.velocityHistogram[std::size_t(v)];
    }
    std::vector<int> density(10, 0);  // windows by share of cells with a hit, in tenths
    for (float x : stats.density)
        ++density[std::size_t(std::clamp(int(x * 10.0f), 0, 9))];
    nlohmann::json grids = nlohmann::json::array();
    for (const auto& [grid, count] : d.gridCounts())
        grids.push_back({{"steps", grid.steps()}, {"meter", grid.meter.text()}, {"windows", count}});
    std::uint64_t bytes = 0;
    for (const FileRecord& f : d.files())
        bytes += f.sizeBytes;

    return {{"settings", settingsJson(d.settings())},
            {"files", d.files().size()},
            {"files_ok", d.fileCount(FileStatus::Ok)},
            {"files_failed", d.fileCount(FileStatus::Failed)},
            {"failures", failures},
            {"files_without_drums", d.fileCount(FileStatus::NoDrums)},
            {"without_drums", noDrums},
            {"bytes", bytes},
            {"windows", d.windowCount()},
            {"train", d.windowCount(Split::Train)},
            {"validation", d.windowCount(Split::Validation)},
            {"train_files", filesIn(d, Split::Train)},
            {"validation_files", filesIn(d, Split::Validation)},
            {"duplicates_dropped", d.duplicatesDropped()},
            {"low_hit_windows_dropped", d.lowHitWindowsDropped()},
            {"hits", d.hitCount()},
            {"hits_per_voice", voices},
            {"mean_density", stats.meanDensity},
            {"density_histogram", density},
            {"velocity_histogram", velocities},
            {"offset_histogram", stats.offsetHistogram},
            {"unmapped", unmapped},
            {"other_channel_notes", otherChannelTotal(d)},
            {"other_channel_files", otherChannelsJson(d)},
            {"styles", styles},
            {"style_files", styleFiles},
            {"grids", grids}};
}

void printDatasetSummary(const Dataset& d, std::ostream& out)
{
    const DatasetStats stats = DatasetStats::compute(d);
    const ImportSettings& s = d.settings();
    out << "map " << s.map.name() << " (" << s.map.voiceCount() << " voices), " << s.bars << " bars, "
        << s.stepsPerBeat << " steps per beat, hop " << (s.hopBars == 0 ? s.bars : s.hopBars) << " bars, min hits "
        << s.minHits << (s.dropDuplicates ? ", duplicates dropped" : "") << ", drum channel " << s.drumChannel
        << (s.fileDrumChannels.empty() ? "" : " (other channels for some files)") << "\n";
    out << "files: " << d.files().size() << " (" << d.fileCount(FileStatus::Ok) << " ok, "
        << d.fileCount(FileStatus::Failed) << " failed, " << d.fileCount(FileStatus::NoDrums) << " without drums)\n";
    for (const FileRecord& f : d.files())
        if (f.status != FileStatus::Ok)
            out << "  " << fileStatusName(f.status) << ": " << f.path << ": " << f.reason << "\n";
    if (const int other = otherChannelTotal(d); other > 0) {
        out << "notes on channels other than the drum channel (not read as drums): " << other << "\n";
        for (const FileRecord& f : d.files()) {
            if (f.otherChannelNotes.empty())
                continue;
            out << "  " << f.path << ": " << f.otherChannelNoteCount() << " on channel"
                << (f.otherChannelNotes.size() == 1 ? " " : "s ");
            const char* sep = "";
            for (const auto& [channel, count] : f.otherChannelNotes) {
                out << sep << channel;
                sep = ", ";
            }
            out << " (drums read from channel " << f.drumChannel << ")\n";
        }
    }
    out << "windows: " << d.windowCount() << " (train " << d.windowCount(Split::Train) << " from "
        << filesIn(d, Split::Train) << " files, validation " << d.windowCount(Split::Validation) << " from "
        << filesIn(d, Split::Validation) << " files); " << d.duplicatesDropped() << " duplicates and "
        << d.lowHitWindowsDropped() << " windows under " << s.minHits << " hits dropped\n";
    out << "hits: " << d.hitCount() << ", mean density " << std::fixed << std::setprecision(3) << stats.meanDensity
        << "\n";
    for (const auto& [grid, count] : d.gridCounts())
        out << "  grid " << grid.steps() << " steps (" << grid.meter.text() << "): " << count << " windows\n";
    out << std::left << std::setw(16) << "style" << std::right << std::setw(8) << "files" << std::setw(10)
        << "windows\n";
    for (const auto& [style, count] : stats.windowsPerStyle) {
        const auto f = stats.filesPerStyle.find(style);
        out << std::left << std::setw(16) << style << std::right << std::setw(8)
            << (f == stats.filesPerStyle.end() ? 0 : f->second) << std::setw(9) << count << "\n";
    }
    if (!stats.unmappedNotes.empty()) {
        out << "unmapped notes:";
        for (const auto& [note, count] : stats.unmappedNotes)
            out << " " << note << "x" << count;
        out << "\n";
    }
}

} // namespace gs
