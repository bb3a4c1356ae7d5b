#include "dataset.h"

#include <algorithm>

namespace gs {

const char* splitName(Split split)
{
    return split == Split::Validation ? "validation" : "train";
}

const char* fileStatusName(FileStatus status)
{
    switch (status) {
    case FileStatus::Ok: return "ok";
    case FileStatus::Failed: return "failed";
    case FileStatus::NoDrums: return "no drums";
    }
    return "unknown";
}

int ImportSettings::drumChannelFor(const std::string& path) const
{
    if (const auto it = fileDrumChannels.find(path); it != fileDrumChannels.end())
        return it->second;
    // A musician names the file, not the path the folder walk gave it.
    const std::size_t slash = path.find_last_of('/');
    if (const auto it = fileDrumChannels.find(path.substr(slash == std::string::npos ? 0 : slash + 1));
        it != fileDrumChannels.end())
        return it->second;
    return drumChannel;
}

int FileRecord::otherChannelNoteCount() const
{
    int total = 0;
    for (const auto& [channel, count] : otherChannelNotes)
        total += count;
    return total;
}

int Dataset::windowCount(Split split) const
{
    return int(std::count_if(m_windows.begin(), m_windows.end(),
                             [split](const DatasetWindow& w) { return w.split == split; }));
}

int Dataset::hitCount() const
{
    int total = 0;
    for (const DatasetWindow& w : m_windows)
        total += w.groove.hitCount();
    return total;
}

int Dataset::fileCount(FileStatus status) const
{
    return int(std::count_if(m_files.begin(), m_files.end(),
                             [status](const FileRecord& f) { return f.status == status; }));
}

// Counted from the windows, not FileRecord::windowsKept, so a dataset cut down to a grid or a subset stays right.
int Dataset::sourceFileCount(Split split) const
{
    std::vector<bool> used(m_files.size(), false);
    for (const DatasetWindow& w : m_windows)
        if (w.split == split && w.file >= 0 && std::size_t(w.file) < used.size())
            used[std::size_t(w.file)] = true;
    return int(std::count(used.begin(), used.end(), true));
}

std::vector<std::uint64_t> Dataset::sourceHashes(const Grid& grid) const
{
    std::vector<bool> used(m_files.size(), false);
    for (const DatasetWindow& w : m_windows)
        if (w.groove.grid() == grid && w.file >= 0 && std::size_t(w.file) < used.size())
            used[std::size_t(w.file)] = true;
    std::vector<std::uint64_t> hashes;
    for (std::size_t f = 0; f < m_files.size(); ++f)
        if (used[f])
            hashes.push_back(m_files[f].contentHash);
    return hashes;
}

std::vector<std::pair<Grid, int>> Dataset::gridCounts() const
{
    std::vector<std::pair<Grid, int>> counts;
    for (const DatasetWindow& w : m_windows) {
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == w.groove.grid(); });
        if (it == counts.end())
            counts.emplace_back(w.groove.grid(), 1);
        else
            ++it->second;
    }
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return counts;
}

Grid Dataset::mostCommonGrid() const
{
    const auto counts = gridCounts();
    if (counts.empty()) {
        Grid g;
        g.bars = m_settings.bars;
        g.stepsPerBeat = m_settings.stepsPerBeat;
        return g;
    }
    return counts.front().first;
}

int Dataset::filterToGrid(const Grid& grid)
{
    const auto before = m_windows.size();
    std::erase_if(m_windows, [&](const DatasetWindow& w) { return !(w.groove.grid() == grid); });
    return int(before - m_windows.size());
}

void Dataset::syncWindowsFromFiles()
{
    for (DatasetWindow& w : m_windows) {
        if (w.file < 0 || w.file >= int(m_files.size()))
            continue;
        const FileRecord& f = m_files[std::size_t(w.file)];
        w.style = f.style;
        w.fill = f.fill;
        w.split = f.split;
    }
}

bool Dataset::operator==(const Dataset& other) const
{
    if (!(m_settings == other.m_settings) || m_files != other.m_files || m_windows.size() != other.m_windows.size()
        || m_duplicatesDropped != other.m_duplicatesDropped || m_lowHitDropped != other.m_lowHitDropped)
        return false;
    for (std::size_t i = 0; i < m_windows.size(); ++i) {
        const DatasetWindow& a = m_windows[i];
        const DatasetWindow& b = other.m_windows[i];
        if (a.file != b.file || a.firstBar != b.firstBar || a.bpm != b.bpm || a.style != b.style || a.fill != b.fill
            || a.split != b.split || !(a.groove.grid() == b.groove.grid()) || !a.groove.sameAs(b.groove, 0.0f))
            return false;
    }
    return true;
}

} // namespace gs
