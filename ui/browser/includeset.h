#pragma once
// Which files and windows of the browser's import the rest of the app uses.
// Choices are keyed by file path and a window's first bar (not by row or
// index), so they survive re-sorting, filtering, a re-import with another
// drum map and a save/load of the project.
#include <QJsonObject>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace gs {

class Dataset;

class IncludeSet {
public:
    bool fileExcluded(const std::string& path) const { return m_excludedFiles.count(path) > 0; }
    bool windowExcluded(const std::string& path, int firstBar) const
    {
        return m_excludedWindows.count({path, firstBar}) > 0;
    }
    void setFileIncluded(const std::string& path, bool included);
    // Includes or excludes one window; including a window of an excluded file includes the
    // file with only that window (its other windows become excluded one by one).
    void setWindowIncluded(const Dataset& dataset, int window, bool included);
    // The file and all its windows in (`included`) or the whole file out.
    void setWholeFileIncluded(const Dataset& dataset, int file, bool included);
    void clear();
    // Forgets the per-window choices (bars per window changed: first bars mean other windows).
    void clearWindowChoices() { m_excludedWindows.clear(); }
    bool empty() const { return m_excludedFiles.empty() && m_excludedWindows.empty(); }

    // Window `window` of `dataset` is used: neither it nor its file is excluded.
    bool uses(const Dataset& dataset, int window) const;
    // Per window of `dataset`: used or not.
    std::vector<bool> usedWindows(const Dataset& dataset) const;
    // Flips the set of used windows of `dataset` (files end up included, windows chosen one by one).
    void invert(const Dataset& dataset);

    // The dataset the app should use: every file record (indices unchanged; windowsKept and hits
    // count only used windows), only the used windows. Returns `full` itself when all are used.
    // `fullToSubset` (optional) gets each full window's index in the subset, -1 when left out.
    static std::shared_ptr<const Dataset> subset(const std::shared_ptr<const Dataset>& full,
        const std::vector<bool>& used, std::vector<int>* fullToSubset);

    // {"excludedFiles": [path...], "excludedWindows": [{"file": path, "bar": firstBar}...]};
    // `mapPath` (optional) turns each path into its stored form and back (a project's path codec).
    using PathMapper = std::function<QString(const QString&)>;
    QJsonObject toJson(const PathMapper& mapPath = {}) const;
    static IncludeSet fromJson(const QJsonObject& json, const PathMapper& mapPath = {});
    bool operator==(const IncludeSet&) const = default;

private:
    std::set<std::string> m_excludedFiles;
    std::set<std::pair<std::string, int>> m_excludedWindows;
};

} // namespace gs
