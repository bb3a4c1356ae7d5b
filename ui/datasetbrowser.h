#pragma once
// The dataset browser's view-model: imports MIDI files / folders (or opens a
// .gsd dataset) on a worker thread with progress and cancel, publishes the
// result as Session's dataset, and serves the file table (sortable,
// filterable) and the window list of the selected file.
// Threads: every Q_INVOKABLE is GUI-thread only; the worker reports back
// through atomics (progress, polled at 20 Hz) and one queued call (result).
#include "core/error.h"
#include "windowlistmodel.h"

#include <QObject>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

class QThread;

namespace gs {

class Dataset;
class FileTableModel;
class Session;

class DatasetBrowser : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int filesDone READ filesDone NOTIFY progressChanged)
    Q_PROPERTY(int filesTotal READ filesTotal NOTIFY progressChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(QStringList failures READ failures NOTIFY statusChanged)
    Q_PROPERTY(QSortFilterProxyModel* files READ files CONSTANT)
    Q_PROPERTY(WindowListModel* windows READ windows CONSTANT)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int selectedFile READ selectedFile NOTIFY selectedFileChanged)

public:
    explicit DatasetBrowser(QObject* parent = nullptr);  // uses Session::instance()
    DatasetBrowser(Session* session, QObject* parent);
    ~DatasetBrowser() override;

    bool busy() const { return m_thread != nullptr; }
    int filesDone() const { return m_shownDone; }
    int filesTotal() const { return m_shownTotal; }
    QString statusText() const { return m_status; }
    QStringList failures() const { return m_failures; }
    QSortFilterProxyModel* files() { return &m_proxy; }
    WindowListModel* windows() { return m_windows; }
    QString filterText() const { return m_filter; }
    void setFilterText(const QString& text);
    int selectedFile() const;

    // Imports MIDI files and folders (paths or file:// URLs); a single .gsd path opens that dataset.
    // Replaces the current dataset when done. Ignored while busy (returns false).
    Q_INVOKABLE bool importPaths(const QStringList& pathsOrUrls);
    Q_INVOKABLE void cancel();
    // Selects a file by its row in `files` (the proxy); -1 clears.
    Q_INVOKABLE void selectFileRow(int proxyRow);
    // Puts window `row` of the selected file's list on the grid (Session::setCurrentWindow).
    Q_INVOKABLE void selectWindowRow(int row);
    Q_INVOKABLE void sortBy(int column, bool ascending);

Q_SIGNALS:
    void busyChanged();
    void progressChanged();
    void statusChanged();
    void filterTextChanged();
    void selectedFileChanged();
    void importFinished(bool ok);

private:
    void pollProgress();
    void finish(std::shared_ptr<Result<Dataset>> result, QString name, double seconds);

    Session* m_session;
    FileTableModel* m_table;
    WindowListModel* m_windows;
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
};

} // namespace gs
