#include "browser/includeset.h"

#include "dataset/dataset.h"

#include <QJsonArray>

#include <algorithm>

namespace gs {

void IncludeSet::setFileIncluded(const std::string& path, bool included)
{
    if (included)
        m_excludedFiles.erase(path);
    else
        m_excludedFiles.insert(path);
}

void IncludeSet::setWholeFileIncluded(const Dataset& dataset, int file, bool included)
{
    if (file < 0 || file >= int(dataset.files().size()))
        return;
    const std::string& path = dataset.files()[std::size_t(file)].path;
    setFileIncluded(path, included);
    if (included)
        std::erase_if(m_excludedWindows, [&](const auto& key) { return key.first == path; });
}

void IncludeSet::setWindowIncluded(const Dataset& dataset, int window, bool included)
{
    if (window < 0 || window >= dataset.windowCount())
        return;
    const DatasetWindow& w = dataset.windows()[std::size_t(window)];
    const std::string& path = dataset.files()[std::size_t(w.file)].path;
    if (!included) {
        m_excludedWindows.insert({path, w.firstBar});
        return;
    }
    if (fileExcluded(path)) {
        // Only this window of a file that was out: the file comes in, its other windows stay out.
        m_excludedFiles.erase(path);
        for (const DatasetWindow& other : dataset.windows())
            if (other.file == w.file)
                m_excludedWindows.insert({path, other.firstBar});
    }
    m_excludedWindows.erase({path, w.firstBar});
}

void IncludeSet::clear()
{
    m_excludedFiles.clear();
    m_excludedWindows.clear();
}

bool IncludeSet::uses(const Dataset& dataset, int window) const
{
    const DatasetWindow& w = dataset.windows()[std::size_t(window)];
    const std::string& path = dataset.files()[std::size_t(w.file)].path;
    return !fileExcluded(path) && !windowExcluded(path, w.firstBar);
}

std::vector<bool> IncludeSet::usedWindows(const Dataset& dataset) const
{
    std::vector<bool> used(dataset.windows().size(), true);
    if (empty())
        return used;
    for (int i = 0; i < dataset.windowCount(); ++i)
        used[std::size_t(i)] = uses(dataset, i);
    return used;
}

void IncludeSet::invert(const Dataset& dataset)
{
    const std::vector<bool> used = usedWindows(dataset);
    std::set<std::pair<std::string, int>> excluded;
    for (int i = 0; i < dataset.windowCount(); ++i) {
        if (!used[std::size_t(i)])
            continue;
        const DatasetWindow& w = dataset.windows()[std::size_t(i)];
        excluded.insert({dataset.files()[std::size_t(w.file)].path, w.firstBar});
    }
    // Choices about files and windows that are not in this dataset are kept as they were.
    for (const FileRecord& f : dataset.files()) {
        m_excludedFiles.erase(f.path);
        std::erase_if(m_excludedWindows, [&](const auto& key) { return key.first == f.path; });
    }
    m_excludedWindows.merge(excluded);
}

std::shared_ptr<const Dataset> IncludeSet::subset(const std::shared_ptr<const Dataset>& full,
    const std::vector<bool>& used, std::vector<int>* fullToSubset)
{
    if (fullToSubset)
        fullToSubset->assign(full ? full->windows().size() : 0, -1);
    if (!full)
        return full;
    const bool all = std::find(used.begin(), used.end(), false) == used.end();
    if (all) {
        if (fullToSubset)
            for (std::size_t i = 0; i < fullToSubset->size(); ++i)
                (*fullToSubset)[i] = int(i);
        return full;
    }
    auto out = std::make_shared<Dataset>(full->settings());
    out->files() = full->files();
    out->setDuplicatesDropped(full->duplicatesDropped());
    out->setLowHitWindowsDropped(full->lowHitWindowsDropped());
    for (FileRecord& f : out->files()) {
        f.windowsKept = 0;
        f.hits = 0;
    }
    for (std::size_t i = 0; i < full->windows().size(); ++i) {
        if (!used[i])
            continue;
        const DatasetWindow& w = full->windows()[i];
        if (fullToSubset)
            (*fullToSubset)[i] = out->windowCount();
        out->windows().push_back(w);
        FileRecord& f = out->files()[std::size_t(w.file)];
        ++f.windowsKept;
        f.hits += w.groove.hitCount();
    }
    return out;
}

namespace {

QString mapped(const IncludeSet::PathMapper& mapPath, const QString& path) { return mapPath ? mapPath(path) : path; }

} // namespace

QJsonObject IncludeSet::toJson(const PathMapper& mapPath) const
{
    QJsonArray files;
    for (const std::string& path : m_excludedFiles)
        files.append(mapped(mapPath, QString::fromStdString(path)));
    QJsonArray windows;
    for (const auto& [path, bar] : m_excludedWindows)
        windows.append(QJsonObject{{"file", mapped(mapPath, QString::fromStdString(path))}, {"bar", bar}});
    return {{"excludedFiles", files}, {"excludedWindows", windows}};
}

IncludeSet IncludeSet::fromJson(const QJsonObject& json, const PathMapper& mapPath)
{
    IncludeSet set;
    for (const QJsonValue& v : json.value("excludedFiles").toArray())
        if (v.isString())
            set.m_excludedFiles.insert(mapped(mapPath, v.toString()).toStdString());
    for (const QJsonValue& v : json.value("excludedWindows").toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value("file").isString() && o.value("bar").isDouble())
            set.m_excludedWindows.insert({mapped(mapPath, o.value("file").toString()).toStdString(), o.value("bar").toInt()});
    }
    return set;
}

} // namespace gs
