#pragma once
// A curated set of groove windows with their provenance, the per-file import
// records and the settings that produced them. Plain data: the importer fills
// it, DatasetFile saves and loads it, the model and the map read it.
#include "core/drummap.h"
#include "core/groove.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gs {

enum class Split : std::uint8_t { Train = 0, Validation = 1 };
enum class FileStatus : std::uint8_t { Ok = 0, Failed = 1, NoDrums = 2 };

inline constexpr int kDefaultDrumChannel = 10;  // MIDI channels are 1..16 here, as a musician counts them
inline bool validMidiChannel(int channel) { return channel >= 1 && channel <= 16; }

// Tempos a MIDI file can state (a 24-bit microseconds-per-quarter value): anything else in a
// dataset (NaN, negative, 1e30) is damage, not music.
inline constexpr double kMinFileBpm = 60.0e6 / 16777215.0;
inline constexpr double kMaxFileBpm = 60.0e6;
inline bool plausibleBpm(double bpm) { return bpm >= kMinFileBpm * 0.999 && bpm <= kMaxFileBpm; }

const char* splitName(Split split);
const char* fileStatusName(FileStatus status);

struct ImportSettings {
    DrumMap map = DrumMap::groovae();
    int bars = 2;
    int stepsPerBeat = 4;
    int hopBars = 0;  // 0 = non-overlapping
    int minHits = 6;  // RhythmVAE drops windows with 5 hits or fewer
    bool dropDuplicates = true;
    std::uint64_t seed = 1;
    double validationFraction = 1.0 / 6.0;
    // The MIDI channel read as drums, 1..16 (General MIDI's 10 by default); a song may put its
    // drums elsewhere. Per file (by path, or by file name) when one file of an import differs.
    int drumChannel = kDefaultDrumChannel;
    std::map<std::string, int> fileDrumChannels;
    int drumChannelFor(const std::string& path) const;
    bool operator==(const ImportSettings&) const = default;
};

struct FileRecord {
    std::string path;
    std::uint64_t contentHash = 0;  // FNV-1a 64 of the file's bytes
    std::uint64_t sizeBytes = 0;
    FileStatus status = FileStatus::Ok;
    std::string reason;  // why it failed (empty when ok)
    int bars = 0;
    int windowsTotal = 0;  // windows cut from the file before filtering
    int windowsKept = 0;
    int hits = 0;  // hits in the kept windows
    int drumNotes = 0;
    std::map<int, int> unmappedNotes;  // note -> count
    int drumChannel = kDefaultDrumChannel;  // the channel read as drums (1..16)
    std::map<int, int> otherChannelNotes;  // channel (1..16) -> its note-ons, not read as drums
    int otherChannelNoteCount() const;
    std::string style;  // primary style ("jazz" for GMD's "jazz/funk"); "" if unknown
    bool fill = false;  // GMD beat_type "fill"
    double bpm = 120.0;
    Meter meter;
    Split split = Split::Train;
    bool splitFromMetadata = false;  // the info.csv split column decided it
    bool operator==(const FileRecord&) const = default;
};

struct DatasetWindow {
    Groove groove;  // its grid holds the window's meter and step count
    int file = 0;  // index into Dataset::files()
    int firstBar = 0;
    float bpm = 120.0f;
    // Copied from the file record so a window can be used on its own.
    std::string style;
    bool fill = false;
    Split split = Split::Train;
};

class Dataset {
public:
    Dataset() = default;
    explicit Dataset(ImportSettings settings) : m_settings(std::move(settings)) {}

    const ImportSettings& settings() const { return m_settings; }
    ImportSettings& settings() { return m_settings; }
    const std::vector<FileRecord>& files() const { return m_files; }
    std::vector<FileRecord>& files() { return m_files; }
    const std::vector<DatasetWindow>& windows() const { return m_windows; }
    std::vector<DatasetWindow>& windows() { return m_windows; }
    int duplicatesDropped() const { return m_duplicatesDropped; }
    void setDuplicatesDropped(int count) { m_duplicatesDropped = count; }
    int lowHitWindowsDropped() const { return m_lowHitDropped; }
    void setLowHitWindowsDropped(int count) { m_lowHitDropped = count; }

    int windowCount() const { return int(m_windows.size()); }
    int windowCount(Split split) const;
    int hitCount() const;
    int fileCount(FileStatus status) const;
    // Files that contribute at least one window to `split` (files whose windows were all dropped do not count).
    int sourceFileCount(Split split) const;
    // Content hashes of the files with at least one window on `grid`, in file order (a model's dataset summary).
    std::vector<std::uint64_t> sourceHashes(const Grid& grid) const;
    int voiceCount() const { return m_settings.map.voiceCount(); }

    // The grids present, with window counts (meters other than 4/4 give other step counts).
    // Most used first; ties in order of first appearance.
    std::vector<std::pair<Grid, int>> gridCounts() const;
    // The grid most windows use (the model needs a single step count).
    Grid mostCommonGrid() const;
    // Keeps only the windows on `grid`; returns how many were removed. File records stay.
    int filterToGrid(const Grid& grid);
    // Copies each file's style / fill / split into its windows (after a split or a load).
    void syncWindowsFromFiles();

    bool operator==(const Dataset& other) const;

private:
    ImportSettings m_settings;
    std::vector<FileRecord> m_files;
    std::vector<DatasetWindow> m_windows;
    int m_duplicatesDropped = 0;
    int m_lowHitDropped = 0;
};

} // namespace gs
