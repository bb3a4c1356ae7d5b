#include "browser/datasetbrowser.h"

#include "dataset/datasetfile.h"
#include "dataset/importer.h"
#include "browser/datasetmerge.h"
#include "browser/datasetstatsmodel.h"
#include "files/filecheck.h"
#include "files/workerguard.h"
#include "browser/filereport.h"
#include "browser/filetablemodel.h"
#include "project/project.h"
#include "session.h"
#include "browser/windowlistmodel.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <utility>

namespace gs {

namespace {

QString localPath(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

struct DrumChannels {
    int all = kDefaultDrumChannel;
    std::map<std::string, int> perFile;
};

// The worker's job: opens a .gsd or imports MIDI files / folders with the chosen drum map.
Result<Dataset> runImport(const std::vector<std::string>& paths, bool openDataset, const std::string& mapChoice,
    int stepsPerBeat, int bars, const DrumChannels& channels, const Dataset* base, std::atomic<bool>* cancel,
    std::function<void(int, int)> progress)
{
    // FIFOs and devices block or read forever: stat every given path before anything opens it.
    const auto builtIns = DrumMap::builtInNames();
    const bool mapIsFile = !openDataset && !mapChoice.empty()
        && std::find(builtIns.begin(), builtIns.end(), mapChoice) == builtIns.end();
    QString problem = mapIsFile ? regularFileProblem(QString::fromStdString(mapChoice), QStringLiteral("drum map")) : QString();
    for (const std::string& path : paths) {
        if (!problem.isEmpty())
            break;
        const QString qpath = QString::fromStdString(path);
        problem = openDataset ? regularFileProblem(qpath, QStringLiteral("dataset"))
                              : fileOrFolderProblem(qpath, QStringLiteral("import source"));
    }
    if (!problem.isEmpty())
        return Error{"", problem.toStdString()};
    if (openDataset)
        return DatasetFile::load(paths[0]);
    Result<DrumMap> map = DrumMap::byName(mapChoice);
    if (!map.ok())
        return map.error();  // a user's JSON map that does not read: the error names the file
    ImportSettings settings;
    settings.map = std::move(map).value();
    settings.stepsPerBeat = stepsPerBeat;
    settings.bars = bars;
    settings.drumChannel = channels.all;
    settings.fileDrumChannels = channels.perFile;
    if (base)
        settings = base->settings();  // added windows must share the dataset's grid and map
    Importer importer(settings);
    importer.setCancelFlag(cancel);
    importer.setProgressCallback(std::move(progress));
    Result<Dataset> imported = importer.run(paths);
    if (base && imported.ok())
        return mergeDatasets(*base, imported.value()).dataset;
    return imported;
}

} // namespace

DatasetBrowser::DatasetBrowser(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_table(new FileTableModel(this))
    , m_windows(new WindowListModel(this))
    , m_stats(new DatasetStatsModel(this))
{
    Q_ASSERT(m_session);
    m_proxy.setSourceModel(m_table);
    m_proxy.setSortRole(FileTableModel::SortRole);
    m_proxy.setFilterKeyColumn(-1);  // the filter box matches any column (name, style, ...)
    m_proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &DatasetBrowser::pollProgress);
    connect(m_windows, &WindowListModel::fileChanged, this, [this] {
        Q_EMIT selectedFileChanged();
        updateStats();
    });
    connect(m_session, &Session::datasetChanged, this, &DatasetBrowser::onSessionDataset);
    if (m_session->hasDataset()) {
        adopt(m_session->dataset(), m_session->datasetName());
        m_status = tr("%1: %2 windows").arg(m_session->datasetName()).arg(m_session->windowCount());
    } else {
        m_status = tr("No dataset yet: drop drum MIDI files or folders here, or use File > Import.");
    }
}

QJsonValue DatasetBrowser::savePart() const
{
    Project* owner = project();
    return saveState([owner](const QString& p) { return owner ? owner->encodePath(p) : p; });
}

void DatasetBrowser::loadPart(const QJsonValue& value)
{
    Project* owner = project();
    loadState(value.toObject(), [owner](const QString& p) { return owner ? owner->resolvePath(p) : p; });
}

DatasetBrowser::~DatasetBrowser()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void DatasetBrowser::setFilterText(const QString& text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    m_proxy.setFilterFixedString(text);
    Q_EMIT filterTextChanged();
}

int DatasetBrowser::selectedFile() const { return m_windows->file(); }

QVariantMap DatasetBrowser::selectedFileReport() const
{
    return m_full ? fileReport(*m_full, selectedFile()) : QVariantMap();
}

QStringList DatasetBrowser::builtInDrumMaps() const
{
    QStringList names;
    for (const std::string& name : DrumMap::builtInNames())
        names << QString::fromStdString(name);
    return names;
}

bool DatasetBrowser::importPaths(const QStringList& pathsOrUrls, const QString& datasetName)
{
    if (m_thread || pathsOrUrls.isEmpty())
        return false;
    std::vector<std::string> paths;
    for (const QString& entry : pathsOrUrls)
        paths.push_back(localPath(entry).toStdString());
    // A project names its dataset; otherwise the folder or file, or the common folder of many files.
    QString name = datasetName;
    if (name.isEmpty())
        name = paths.size() == 1 ? QFileInfo(QString::fromStdString(paths[0])).fileName()
                                 : tr("%1 items").arg(paths.size());
    if (m_pendingOptions) {
        // Options a project loaded during the last import: this import (the project's data) uses them.
        const QJsonObject options = *std::exchange(m_pendingOptions, std::nullopt);
        const int steps = options.value("stepsPerBeat").toInt(m_stepsPerBeat);
        const int bars = options.value("barsPerWindow").toInt(m_bars);
        m_mapChoice = options.value("drumMap").toString(m_mapChoice);
        m_stepsPerBeat = steps == 12 ? 12 : 4;
        m_bars = bars == 1 || bars == 4 ? bars : 2;
        Q_EMIT importOptionsChanged();
    }
    return startImport(std::move(paths), name, false);
}

void DatasetBrowser::importReplacing(const QStringList& pathsOrUrls)
{
    if (pathsOrUrls.isEmpty() || importPaths(pathsOrUrls))
        return;
    // Busy: cancel, and start once the running import has ended (its result, if it lands first, is
    // replaced by this one).
    cancel();
    connect(this, &DatasetBrowser::importFinished, this, [this, pathsOrUrls] { importPaths(pathsOrUrls); },
        Qt::SingleShotConnection);
}

bool DatasetBrowser::addPaths(const QStringList& pathsOrUrls)
{
    if (!m_full || m_full->files().empty())
        return importPaths(pathsOrUrls);
    if (m_thread || pathsOrUrls.isEmpty())
        return false;
    std::vector<std::string> paths;
    for (const QString& entry : pathsOrUrls) {
        const QString path = localPath(entry);
        if (QFileInfo(path).suffix() == QLatin1String("gsd")) {
            m_status = tr("%1 is a saved dataset: open it as a new dataset, it cannot be added to this one")
                           .arg(QFileInfo(path).fileName());
            Q_EMIT statusChanged();
            return false;
        }
        paths.push_back(path.toStdString());
    }
    return startImport(std::move(paths), m_fullName, true, m_full);
}

bool DatasetBrowser::startImport(std::vector<std::string> paths, const QString& name, bool keepSelection,
    std::shared_ptr<const Dataset> base)
{
    const bool openDataset = paths.size() == 1 && QFileInfo(QString::fromStdString(paths[0])).suffix() == "gsd";
    m_reselectPath.clear();
    if (keepSelection && m_full && selectedFile() >= 0)
        m_reselectPath = QString::fromStdString(m_full->files()[std::size_t(selectedFile())].path);
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_failures.clear();
    m_status = openDataset ? tr("Opening %1…").arg(name)
               : base      ? tr("Adding to %1…").arg(name)
                           : tr("Importing %1…").arg(name);
    Q_EMIT statusChanged();

    const std::string mapChoice = m_mapChoice.toStdString();
    const int stepsPerBeat = m_stepsPerBeat;
    const int bars = m_bars;
    const DrumChannels channels{m_drumChannel, m_fileDrumChannels};
    m_thread = QThread::create([this, paths, openDataset, name, mapChoice, stepsPerBeat, bars, channels, base] {
        QElapsedTimer clock;
        clock.start();
        auto result = std::make_shared<Result<Dataset>>(Error{"", "not run"});
        // Any exception from a reader (a hostile .gsd, a drum map of the wrong JSON types) ends
        // as the import's error message, naming the file, not in std::terminate.
        const QString what = QString::fromStdString(paths.size() == 1 ? paths[0] : mapChoice);
        const QString thrown = runGuarded(what, [&] {
            *result = runImport(paths, openDataset, mapChoice, stepsPerBeat, bars, channels, base.get(), &m_cancel, [this](int done, int total) {
                m_done = done;
                m_total = total;
            });
        });
        if (!thrown.isEmpty())
            *result = Error{"", thrown.toStdString()};
        const double seconds = clock.elapsed() / 1000.0;
        QMetaObject::invokeMethod(this, [this, result, name, seconds] { finish(result, name, seconds); },
            Qt::QueuedConnection);
    });
    m_thread->start();
    m_poll.start();
    Q_EMIT busyChanged();
    return true;
}

void DatasetBrowser::cancel() { m_cancel = true; }

void DatasetBrowser::pollProgress()
{
    const int done = m_done;
    const int total = m_total;
    if (done == m_shownDone && total == m_shownTotal)
        return;
    m_shownDone = done;
    m_shownTotal = total;
    Q_EMIT progressChanged();
}

void DatasetBrowser::finish(std::shared_ptr<Result<Dataset>> result, QString name, double seconds)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_poll.stop();
    pollProgress();
    const bool ok = result->ok();
    if (ok) {
        auto dataset = std::make_shared<const Dataset>(std::move(*result).value());
        for (const FileRecord& file : dataset->files())
            if (file.status != FileStatus::Ok)
                m_failures << QStringLiteral("%1: %2").arg(QFileInfo(QString::fromStdString(file.path)).fileName(),
                                  QString::fromStdString(file.reason.empty() ? fileStatusName(file.status) : file.reason));
        m_status = tr("%1: %2 files, %3 windows, %4 failed (%5 s)")
                       .arg(name)
                       .arg(dataset->files().size())
                       .arg(dataset->windowCount())
                       .arg(m_failures.size())
                       .arg(seconds, 0, 'f', 2);
        adopt(std::move(dataset), name);
        publish();
    } else {
        m_status = QString::fromStdString(result->error().describe());
        syncOptionsFromDataset();  // a failed re-import: the options go back to what the import used
    }
    m_reselectPath.clear();
    Q_EMIT statusChanged();
    Q_EMIT busyChanged();
    Q_EMIT importFinished(ok);
    if (m_pendingOptions && !m_thread) {  // nobody started the next import on importFinished
        applyOptions(*std::exchange(m_pendingOptions, std::nullopt));
    }
}

void DatasetBrowser::adopt(std::shared_ptr<const Dataset> dataset, const QString& name)
{
    m_full = std::move(dataset);
    m_fullName = name;
    m_used = m_full ? m_include.usedWindows(*m_full) : std::vector<bool>();
    m_table->setDataset(m_full, m_include, m_used);
    const int before = m_windows->file();
    m_windows->setDataset(m_full, m_used);
    if (m_full && !m_reselectPath.isEmpty()) {
        const auto& files = m_full->files();
        const auto it = std::find_if(files.begin(), files.end(),
            [&](const FileRecord& f) { return f.path == m_reselectPath.toStdString(); });
        if (it != files.end())
            m_windows->setFile(int(it - files.begin()));
    }
    if (before == -1 && m_windows->file() == -1)
        Q_EMIT selectedFileChanged();  // same (no) selection, but the report belongs to a new import
    syncOptionsFromDataset();
    Q_EMIT inclusionChanged();
}

void DatasetBrowser::onSessionDataset()
{
    if (m_publishing)
        return;
    // A dataset from elsewhere (a project, the app's start-up): it becomes the full import.
    adopt(m_session->dataset(), m_session->datasetName());
    if (std::find(m_used.begin(), m_used.end(), false) != m_used.end()) {
        publish();
    } else {
        IncludeSet::subset(m_full, m_used, &m_fullToPublished);  // identity mapping
        updateStats();
    }
}

void DatasetBrowser::publish()
{
    m_publishing = true;
    m_session->setDataset(IncludeSet::subset(m_full, m_used, &m_fullToPublished), m_fullName);
    m_publishing = false;
    updateStats();
}

void DatasetBrowser::updateStats()
{
    std::vector<int> used;
    used.reserve(m_used.size());
    for (std::size_t i = 0; i < m_used.size(); ++i)
        if (m_used[i])
            used.push_back(int(i));
    m_stats->setInputs(m_full, std::move(used), selectedFile());
}

void DatasetBrowser::syncOptionsFromDataset()
{
    if (!m_full)
        return;
    const ImportSettings& s = m_full->settings();
    // Built-in maps by name; any other map keeps the user's file path (no file I/O here).
    QString map;
    for (const std::string& builtIn : DrumMap::builtInNames())
        if (DrumMap::byName(builtIn).value() == s.map)
            map = QString::fromStdString(builtIn);
    if (map.isEmpty())
        map = builtInDrumMaps().contains(m_mapChoice) ? QString::fromStdString(s.map.name()) : m_mapChoice;
    if (map == m_mapChoice && s.stepsPerBeat == m_stepsPerBeat && s.bars == m_bars && s.drumChannel == m_drumChannel
        && s.fileDrumChannels == m_fileDrumChannels)
        return;
    m_mapChoice = map;
    m_stepsPerBeat = s.stepsPerBeat;
    m_bars = s.bars;
    m_drumChannel = s.drumChannel;
    m_fileDrumChannels = s.fileDrumChannels;
    Q_EMIT importOptionsChanged();
}

bool DatasetBrowser::setImportOptions(const QString& drumMap, int stepsPerBeat, int barsPerWindow)
{
    if (m_thread)
        return false;
    const QString map = localPath(drumMap);
    QString problem;
    if (stepsPerBeat != 4 && stepsPerBeat != 12)
        problem = tr("steps per quarter note must be 4 or 12 (triplets), not %1").arg(stepsPerBeat);
    else if (barsPerWindow != 1 && barsPerWindow != 2 && barsPerWindow != 4)
        problem = tr("bars per window must be 1, 2 or 4, not %1").arg(barsPerWindow);
    else if (map.isEmpty())
        problem = tr("no drum map given");
    if (!problem.isEmpty()) {
        m_status = problem;
        Q_EMIT statusChanged();
        return false;
    }
    if (map == m_mapChoice && stepsPerBeat == m_stepsPerBeat && barsPerWindow == m_bars)
        return true;
    if (barsPerWindow != m_bars)
        m_include.clearWindowChoices();  // first bars now name other windows
    m_mapChoice = map;
    m_stepsPerBeat = stepsPerBeat;
    m_bars = barsPerWindow;
    Q_EMIT importOptionsChanged();
    if (!m_full || m_full->files().empty())
        return true;  // used by the next import
    return reimport();
}

bool DatasetBrowser::reimport()
{
    if (!m_full || m_full->files().empty())
        return true;  // used by the next import
    std::vector<std::string> paths;
    for (const FileRecord& f : m_full->files())
        paths.push_back(f.path);
    return startImport(std::move(paths), m_fullName, true);
}

bool DatasetBrowser::setDrumChannel(int channel)
{
    if (m_thread)
        return false;
    if (!validMidiChannel(channel)) {
        m_status = tr("the drum channel must be a MIDI channel from 1 to 16, not %1").arg(channel);
        Q_EMIT statusChanged();
        return false;
    }
    if (channel == m_drumChannel)
        return true;
    m_drumChannel = channel;
    Q_EMIT importOptionsChanged();
    return reimport();
}

bool DatasetBrowser::setFileDrumChannel(int fileIndex, int channel)
{
    if (m_thread || !m_full || fileIndex < 0 || fileIndex >= int(m_full->files().size()))
        return false;
    if (!validMidiChannel(channel)) {
        m_status = tr("the drum channel must be a MIDI channel from 1 to 16, not %1").arg(channel);
        Q_EMIT statusChanged();
        return false;
    }
    const std::string& path = m_full->files()[std::size_t(fileIndex)].path;
    const auto it = m_fileDrumChannels.find(path);
    if ((it == m_fileDrumChannels.end() ? m_drumChannel : it->second) == channel)
        return true;
    if (channel == m_drumChannel)
        m_fileDrumChannels.erase(path);
    else
        m_fileDrumChannels[path] = channel;
    Q_EMIT importOptionsChanged();
    return reimport();
}

void DatasetBrowser::selectFileRow(int proxyRow)
{
    const QModelIndex index = m_proxy.index(proxyRow, 0);
    m_windows->setFile(index.isValid() ? m_proxy.data(index, FileTableModel::FileIndexRole).toInt() : -1);
}

void DatasetBrowser::selectWindowRow(int row)
{
    const int window = m_windows->windowIndex(row);
    if (window < 0 || !m_full)
        return;
    const int published = std::size_t(window) < m_fullToPublished.size() ? m_fullToPublished[std::size_t(window)] : -1;
    if (published >= 0) {
        m_session->setCurrentWindow(published);
        return;
    }
    // Excluded from what the app uses, but still worth a listen.
    const DatasetWindow& w = m_full->windows()[std::size_t(window)];
    m_session->setCurrentWindow(-1);
    m_session->setBpm(w.bpm);
    m_session->setGroove(w.groove, GrooveSource::Dataset);
}

void DatasetBrowser::sortBy(int column, bool ascending)
{
    m_proxy.sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

int DatasetBrowser::includedWindows() const { return int(std::count(m_used.begin(), m_used.end(), true)); }

int DatasetBrowser::totalWindows() const { return int(m_used.size()); }

int DatasetBrowser::includedFiles() const
{
    if (!m_full)
        return 0;
    std::vector<bool> in(m_full->files().size(), false);
    for (std::size_t i = 0; i < m_used.size(); ++i)
        if (m_used[i])
            in[std::size_t(m_full->windows()[i].file)] = true;
    return int(std::count(in.begin(), in.end(), true));
}

int DatasetBrowser::totalFiles() const
{
    if (!m_full)
        return 0;
    std::vector<bool> any(m_full->files().size(), false);
    for (const DatasetWindow& w : m_full->windows())
        any[std::size_t(w.file)] = true;
    return int(std::count(any.begin(), any.end(), true));
}

void DatasetBrowser::setFileIncluded(int fileIndex, bool included)
{
    if (!m_full)
        return;
    m_include.setWholeFileIncluded(*m_full, fileIndex, included);
    includeChanged();
}

void DatasetBrowser::setWindowIncluded(int row, bool included)
{
    if (!m_full)
        return;
    m_include.setWindowIncluded(*m_full, m_windows->windowIndex(row), included);
    includeChanged();
}

void DatasetBrowser::includeAll()
{
    if (!m_full)
        return;
    for (int f = 0; f < int(m_full->files().size()); ++f)
        m_include.setWholeFileIncluded(*m_full, f, true);
    includeChanged();
}

void DatasetBrowser::excludeAll()
{
    if (!m_full)
        return;
    for (int f = 0; f < int(m_full->files().size()); ++f)
        m_include.setWholeFileIncluded(*m_full, f, false);
    includeChanged();
}

void DatasetBrowser::invertInclusion()
{
    if (!m_full)
        return;
    m_include.invert(*m_full);
    includeChanged();
}

void DatasetBrowser::includeChanged()
{
    std::vector<bool> used = m_full ? m_include.usedWindows(*m_full) : std::vector<bool>();
    m_table->setInclusion(m_include, used);  // file boxes may change even when the windows do not
    if (used == m_used)
        return;
    m_used = std::move(used);
    m_windows->setUsed(m_used);
    publish();
    Q_EMIT inclusionChanged();
}

QJsonObject DatasetBrowser::saveState(const IncludeSet::PathMapper& mapPath) const
{
    const bool builtIn = builtInDrumMaps().contains(m_mapChoice);
    QJsonObject state{{"include", m_include.toJson(mapPath)},
        {"drumMap", builtIn || !mapPath ? m_mapChoice : mapPath(m_mapChoice)}, {"stepsPerBeat", m_stepsPerBeat},
        {"barsPerWindow", m_bars}};
    // Only when chosen: a project saved before drum channels existed reads back unchanged (not dirty).
    if (m_drumChannel != kDefaultDrumChannel)
        state["drumChannel"] = m_drumChannel;
    return state;
}

void DatasetBrowser::loadState(const QJsonObject& state, const IncludeSet::PathMapper& mapPath)
{
    // An empty state (a new project): everything included, the options as they are.
    m_include = IncludeSet::fromJson(state.value("include").toObject(), mapPath);
    includeChanged();
    QJsonObject options = state;
    if (const QString map = state.value("drumMap").toString(); !map.isEmpty() && mapPath && !builtInDrumMaps().contains(map))
        options["drumMap"] = mapPath(map);
    if (m_thread) {
        m_pendingOptions = options;
        return;
    }
    applyOptions(options);
}

void DatasetBrowser::applyOptions(const QJsonObject& options)
{
    const int channel = options.value("drumChannel").toInt(m_drumChannel);
    const bool channelChanged = validMidiChannel(channel) && channel != m_drumChannel;
    if (channelChanged) {
        m_drumChannel = channel;
        Q_EMIT importOptionsChanged();
    }
    const bool wasBusy = m_thread != nullptr;
    setImportOptions(options.value("drumMap").toString(m_mapChoice), options.value("stepsPerBeat").toInt(m_stepsPerBeat),
        options.value("barsPerWindow").toInt(m_bars));
    if (channelChanged && !wasBusy && !m_thread)
        reimport();  // the map and grid were the same: the channel alone asks for the re-import
}

} // namespace gs
