#include "datasetbrowser.h"

#include "dataset/datasetfile.h"
#include "dataset/importer.h"
#include "filetablemodel.h"
#include "session.h"
#include "windowlistmodel.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <QUrl>

namespace gs {

DatasetBrowser::DatasetBrowser(QObject* parent)
    : DatasetBrowser(Session::instance(), parent)
{
}

DatasetBrowser::DatasetBrowser(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_table(new FileTableModel(session, this))
    , m_windows(new WindowListModel(session, this))
{
    Q_ASSERT(m_session);
    m_proxy.setSourceModel(m_table);
    m_proxy.setSortRole(FileTableModel::SortRole);
    m_proxy.setFilterKeyColumn(-1);  // the filter box matches any column (name, style, ...)
    m_proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &DatasetBrowser::pollProgress);
    connect(m_windows, &WindowListModel::fileChanged, this, &DatasetBrowser::selectedFileChanged);
    if (m_session->hasDataset())
        m_status = tr("%1: %2 windows").arg(m_session->datasetName()).arg(m_session->windowCount());
    else
        m_status = tr("No dataset yet: drop drum MIDI files or folders here, or use File > Import.");
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

bool DatasetBrowser::importPaths(const QStringList& pathsOrUrls)
{
    if (m_thread || pathsOrUrls.isEmpty())
        return false;
    std::vector<std::string> paths;
    for (const QString& entry : pathsOrUrls) {
        const QUrl url(entry);
        const QString local = url.isLocalFile() ? url.toLocalFile() : entry;
        paths.push_back(local.toStdString());
    }
    const bool openDataset = paths.size() == 1 && QFileInfo(QString::fromStdString(paths[0])).suffix() == "gsd";
    const QString name = paths.size() == 1 ? QFileInfo(QString::fromStdString(paths[0])).fileName()
                                           : tr("%1 items").arg(paths.size());
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_failures.clear();
    m_status = openDataset ? tr("Opening %1…").arg(name) : tr("Importing %1…").arg(name);
    Q_EMIT statusChanged();

    m_thread = QThread::create([this, paths, openDataset, name] {
        QElapsedTimer clock;
        clock.start();
        auto result = std::make_shared<Result<Dataset>>(Error{"", "not run"});
        if (openDataset) {
            *result = DatasetFile::load(paths[0]);
        } else {
            Importer importer;
            importer.setCancelFlag(&m_cancel);
            importer.setProgressCallback([this](int done, int total) {
                m_done = done;
                m_total = total;
            });
            *result = importer.run(paths);
        }
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
        m_session->setDataset(std::move(dataset), name);
    } else {
        m_status = QString::fromStdString(result->error().describe());
    }
    Q_EMIT statusChanged();
    Q_EMIT busyChanged();
    Q_EMIT importFinished(ok);
}

void DatasetBrowser::selectFileRow(int proxyRow)
{
    const QModelIndex index = m_proxy.index(proxyRow, 0);
    m_windows->setFile(index.isValid() ? m_proxy.data(index, FileTableModel::FileIndexRole).toInt() : -1);
}

void DatasetBrowser::selectWindowRow(int row)
{
    const int window = m_windows->windowIndex(row);
    if (window >= 0)
        m_session->setCurrentWindow(window);
}

void DatasetBrowser::sortBy(int column, bool ascending)
{
    m_proxy.sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

} // namespace gs
