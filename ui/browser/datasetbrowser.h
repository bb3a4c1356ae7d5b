#pragma once
// The dataset browser's view-model: imports MIDI files / folders (or opens a
// .gsd dataset) on a worker thread with progress and cancel, keeps the full
// import, and publishes to the Session only the windows the user included
// (so the map and training use just those). Serves the file table (sortable,
// filterable, include boxes), the window list of the selected file, the
// selected file's unmapped-note report and the statistics charts. Changing the
// drum map or the grid re-imports the same files in the background.
// Threads: every Q_INVOKABLE is GUI-thread only; the worker reports back
// through atomics (progress, polled at 20 Hz) and one queued call (result).
#include "project/projectpart.h"
#include "core/error.h"
#include "browser/datasetstatsmodel.h"
#include "browser/includeset.h"
#include "browser/windowlistmodel.h"

#include <QObject>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QThread;

namespace gs {

class Dataset;
class FileTableModel;
class Session;

class DatasetBrowser : public QObject, public ProjectPart {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one browser: App.browser")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int filesDone READ filesDone NOTIFY progressChanged)
    Q_PROPERTY(int filesTotal READ filesTotal NOTIFY progressChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(QStringList failures READ failures NOTIFY statusChanged)
    Q_PROPERTY(QSortFilterProxyModel* files READ files CONSTANT)
    Q_PROPERTY(WindowListModel* windows READ windows CONSTANT)
    Q_PROPERTY(DatasetStatsModel* stats READ stats CONSTANT)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int selectedFile READ selectedFile NOTIFY selectedFileChanged)
    Q_PROPERTY(QVariantMap selectedFileReport READ selectedFileReport NOTIFY selectedFileChanged)
    Q_PROPERTY(int includedWindows READ includedWindows NOTIFY inclusionChanged)
    Q_PROPERTY(int totalWindows READ totalWindows NOTIFY inclusionChanged)
    Q_PROPERTY(int includedFiles READ includedFiles NOTIFY inclusionChanged)
    Q_PROPERTY(int totalFiles READ totalFiles NOTIFY inclusionChanged)
    Q_PROPERTY(bool nothingIncluded READ nothingIncluded NOTIFY inclusionChanged)
    Q_PROPERTY(QString drumMap READ drumMap NOTIFY importOptionsChanged)
    Q_PROPERTY(int stepsPerBeat READ stepsPerBeat NOTIFY importOptionsChanged)
    Q_PROPERTY(int barsPerWindow READ barsPerWindow NOTIFY importOptionsChanged)
    Q_PROPERTY(QStringList builtInDrumMaps READ builtInDrumMaps CONSTANT)
    Q_PROPERTY(int drumChannel READ drumChannel NOTIFY importOptionsChanged)

public:
    explicit DatasetBrowser(Session* session, QObject* parent = nullptr);
    ~DatasetBrowser() override;

    bool busy() const { return m_thread != nullptr; }
    int filesDone() const { return m_shownDone; }
    int filesTotal() const { return m_shownTotal; }
    QString statusText() const { return m_status; }
    QStringList failures() const { return m_failures; }
    QSortFilterProxyModel* files() { return &m_proxy; }
    FileTableModel* fileTable() { return m_table; }
    WindowListModel* windows() { return m_windows; }
    DatasetStatsModel* stats() { return m_stats; }
    QString filterText() const { return m_filter; }
    void setFilterText(const QString& text);
    int selectedFile() const;
    QVariantMap selectedFileReport() const;

    // The whole import (every window, included or not); the Session holds the included part.
    std::shared_ptr<const Dataset> fullDataset() const { return m_full; }
    const IncludeSet& includeSet() const { return m_include; }
    int includedWindows() const;
    int totalWindows() const;
    int includedFiles() const;
    int totalFiles() const;
    // There are windows but every one is excluded ("None"): the Session's dataset is empty,
    // so the map shows the model alone and training has nothing to train on.
    bool nothingIncluded() const { return totalWindows() > 0 && includedWindows() == 0; }

    QString drumMap() const { return m_mapChoice; }
    int stepsPerBeat() const { return m_stepsPerBeat; }
    int barsPerWindow() const { return m_bars; }
    QStringList builtInDrumMaps() const;
    int drumChannel() const { return m_drumChannel; }

    // Imports MIDI files and folders (paths or file:// URLs); a single .gsd path opens that dataset.
    // Replaces the current dataset when done. Ignored while busy (returns false). `datasetName`
    // (a project's) names the result; by default the folder or file name.
    Q_INVOKABLE bool importPaths(const QStringList& pathsOrUrls, const QString& datasetName = QString());
    // Imports MIDI files and folders with the current dataset's settings and appends them to it
    // (files already in it are skipped); without a dataset, the same as importPaths. A .gsd cannot
    // be added (false, and the status says so). Ignored while busy (returns false).
    Q_INVOKABLE bool addPaths(const QStringList& pathsOrUrls);
    // Files the musician handed the app (command line, a second instance): they replace an import
    // still running (the demo the browser opens by itself at start) instead of being dropped.
    void importReplacing(const QStringList& pathsOrUrls);
    Q_INVOKABLE void cancel();
    // Drum map ("gm", "gm-greedy", "groovae" or a JSON file path / URL), steps per quarter note
    // (4 or 12) and bars per window (1, 2 or 4). Re-imports the current files in the background
    // when they differ from the current import. False (and a status saying why) when busy or invalid.
    Q_INVOKABLE bool setImportOptions(const QString& drumMap, int stepsPerBeat, int barsPerWindow);
    // The MIDI channel (1..16) read as drums, for every file (a song may keep its drums off
    // channel 10), or for one file by its dataset index (FileTableModel's fileIndex role).
    // Re-imports like setImportOptions; false when busy or the channel is not 1..16.
    Q_INVOKABLE bool setDrumChannel(int channel);
    Q_INVOKABLE bool setFileDrumChannel(int fileIndex, int channel);
    // Selects a file by its row in `files` (the proxy); -1 clears.
    Q_INVOKABLE void selectFileRow(int proxyRow);
    // Puts window `row` of the selected file's list on the grid (an included window through
    // Session::setCurrentWindow; an excluded one as a plain groove).
    Q_INVOKABLE void selectWindowRow(int row);
    Q_INVOKABLE void sortBy(int column, bool ascending);

    // Include / exclude: by dataset file index (FileTableModel's fileIndex role) and by row of `windows`.
    Q_INVOKABLE void setFileIncluded(int fileIndex, bool included);
    Q_INVOKABLE void setWindowIncluded(int row, bool included);
    Q_INVOKABLE void includeAll();
    Q_INVOKABLE void excludeAll();
    Q_INVOKABLE void invertInclusion();

    // Project state: the include choices and the import options, as JSON (and back). Paths go
    // through `mapPath` when given (the project's encodePath / resolvePath). Options that arrive
    // while an import runs are applied (a re-import) when it ends.
    QJsonObject saveState(const IncludeSet::PathMapper& mapPath = {}) const;
    void loadState(const QJsonObject& state, const IncludeSet::PathMapper& mapPath = {});
    // The project part "browser": saveState / loadState with paths relative to the project.
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

Q_SIGNALS:
    void busyChanged();
    void progressChanged();
    void statusChanged();
    void filterTextChanged();
    void selectedFileChanged();
    void inclusionChanged();
    void importOptionsChanged();
    void importFinished(bool ok);

private:
    bool startImport(std::vector<std::string> paths, const QString& name, bool keepSelection,
        std::shared_ptr<const Dataset> base = nullptr);
    void pollProgress();
    void finish(std::shared_ptr<Result<Dataset>> result, QString name, double seconds);
    void adopt(std::shared_ptr<const Dataset> dataset, const QString& name);
    void onSessionDataset();
    void includeChanged();
    void publish();
    void updateStats();
    void syncOptionsFromDataset();
    bool reimport();
    void applyOptions(const QJsonObject& options);  // a project's: map, grid and drum channel

    Session* m_session;
    FileTableModel* m_table;
    WindowListModel* m_windows;
    DatasetStatsModel* m_stats;
    QSortFilterProxyModel m_proxy;
    QString m_filter;
    QThread* m_thread = nullptr;
    QTimer m_poll;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_done{0};
    std::atomic<int> m_total{0};
    int m_shownDone = 0;
    int m_shownTotal = 0;
    QString m_status;
    QStringList m_failures;

    std::shared_ptr<const Dataset> m_full;
    QString m_fullName;
    IncludeSet m_include;
    std::vector<bool> m_used;  // per window of m_full
    std::vector<int> m_fullToPublished;  // m_full window -> Session window, -1 when excluded
    bool m_publishing = false;  // our own Session::setDataset: not an outside dataset to adopt
    QString m_reselectPath;  // the selected file, chosen again after a re-import
    QString m_mapChoice = QStringLiteral("groovae");
    int m_stepsPerBeat = 4;
    int m_bars = 2;
    int m_drumChannel = 10;  // General MIDI's drum channel, as ImportSettings
    std::map<std::string, int> m_fileDrumChannels;  // path -> channel, where it differs from m_drumChannel
    std::optional<QJsonObject> m_pendingOptions;  // loaded while busy
};

} // namespace gs
