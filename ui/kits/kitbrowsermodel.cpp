#include "kitbrowsermodel.h"

#include "assetpaths.h"
#include "files/workerguard.h"
#include "kitvoicesettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

namespace gs {

namespace {

const char* kFoldersKey = "kits/folders";

QString formatLabel(KitFormat format)
{
    switch (format) {
    case KitFormat::Json: return QStringLiteral("Groovescape");
    case KitFormat::Hydrogen: return QStringLiteral("Hydrogen");
    case KitFormat::Sf2: return QStringLiteral("SoundFont 2");
    case KitFormat::Sfz: return QStringLiteral("SFZ");
    case KitFormat::Folder: break;
    }
    return QStringLiteral("Folder");
}

} // namespace

KitBrowserModel::KitBrowserModel(QObject* parent)
    : QAbstractListModel(parent), m_places(usualPlaces())
{
    m_folders = QSettings().value(QLatin1String(kFoldersKey)).toStringList();
}

KitBrowserModel::~KitBrowserModel()
{
    if (m_cancel)
        m_cancel->store(true);
    for (const QPointer<QThread>& worker : m_workers)
        if (worker)
            worker->wait();
}

QStringList KitBrowserModel::usualPlaces()
{
    const QString home = QDir::homePath();
    QStringList out{home + QStringLiteral("/.hydrogen/data/drumkits"), QStringLiteral("/usr/share/hydrogen/data/drumkits"),
                    QStringLiteral("/usr/share/sounds/sf2")};
    if (const QString assets = AssetPaths::findAssetsDir(); !assets.isEmpty())
        out << assets + QStringLiteral("/kits");
    out << QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/kits");
    return out;
}

int KitBrowserModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_kits.size());
}

QVariant KitBrowserModel::data(const QModelIndex& index, int role) const
{
    const FoundKit* kit = index.isValid() ? kitAt(index.row()) : nullptr;
    if (!kit)
        return {};
    const QString path = QString::fromStdString(kit->path);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return QString::fromStdString(kit->name);
    case FormatRole: return formatLabel(kit->format);
    case PathRole: return path;
    case PresetRole: return kit->preset;
    case IdRole: return kitvoices::kitId(path, kit->preset);
    case CurrentRole: return kitvoices::kitId(path, kit->preset) == m_currentId;
    default: return {};
    }
}

QHash<int, QByteArray> KitBrowserModel::roleNames() const
{
    return {{NameRole, "name"}, {FormatRole, "format"}, {PathRole, "path"},
            {PresetRole, "preset"}, {IdRole, "kitId"}, {CurrentRole, "current"}};
}

const FoundKit* KitBrowserModel::kitAt(int row) const
{
    return row >= 0 && row < int(m_kits.size()) ? &m_kits[std::size_t(row)] : nullptr;
}

void KitBrowserModel::setPlaces(const QStringList& places)
{
    if (places == m_places)
        return;
    m_places = places;
    Q_EMIT foldersChanged();
}

void KitBrowserModel::setCurrentId(const QString& id)
{
    if (id == m_currentId)
        return;
    m_currentId = id;
    Q_EMIT currentIdChanged();
    if (!m_kits.empty())
        Q_EMIT dataChanged(index(0), index(int(m_kits.size()) - 1), {CurrentRole});
}

void KitBrowserModel::rescan()
{
    if (m_cancel)
        m_cancel->store(true);  // the scan before this one is of no use any more
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const int request = ++m_request;
    std::vector<std::string> roots;
    for (const QString& folder : m_places + m_folders)
        roots.push_back(QDir::cleanPath(folder).toStdString());
    auto result = std::make_shared<KitScanResult>();
    auto cancel = m_cancel;
    QThread* worker = QThread::create([roots, cancel, result] {
        const QString thrown = runGuarded(QStringLiteral("kit scan"), [&] { *result = scanKitFolders(roots, *cancel); });
        if (!thrown.isEmpty())
            result->problems.push_back(thrown.toStdString());
    });
    connect(worker, &QThread::finished, this, [this, request, result] {
        if (request == m_request)
            applyScan(std::move(*result));
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    std::erase_if(m_workers, [](const QPointer<QThread>& w) { return w.isNull(); });
    m_workers.emplace_back(worker);
    if (!m_scanning) {
        m_scanning = true;
        Q_EMIT scanningChanged();
    }
    setStatus(tr("Looking for kits…"));
    worker->start();
}

void KitBrowserModel::applyScan(KitScanResult result)
{
    beginResetModel();
    m_kits = std::move(result.kits);
    endResetModel();
    Q_EMIT countChanged();
    m_scanning = false;
    m_scanned = true;
    Q_EMIT scanningChanged();
    QString text = tr("%n kit(s) found", nullptr, int(m_kits.size()));
    if (!result.problems.empty())
        text += tr("; not read: %1").arg(QString::fromStdString(result.problems.front())) +
                (result.problems.size() > 1 ? tr(" (and %1 more)").arg(result.problems.size() - 1) : QString());
    setStatus(text);
    Q_EMIT scanFinished();
}

void KitBrowserModel::setStatus(const QString& text)
{
    if (text == m_status)
        return;
    m_status = text;
    Q_EMIT statusChanged();
}

bool KitBrowserModel::addFolder(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = QDir::cleanPath(url.isLocalFile() ? url.toLocalFile() : pathOrUrl);
    if (!QFileInfo(path).isDir()) {
        setStatus(tr("%1: not a folder").arg(path));
        return false;
    }
    if (!m_folders.contains(path) && !m_places.contains(path)) {
        m_folders << path;
        QSettings().setValue(QLatin1String(kFoldersKey), m_folders);
        Q_EMIT foldersChanged();
    }
    rescan();
    return true;
}

void KitBrowserModel::removeFolder(const QString& path)
{
    if (!m_folders.removeOne(path))
        return;
    QSettings().setValue(QLatin1String(kFoldersKey), m_folders);
    Q_EMIT foldersChanged();
    rescan();
}

void KitBrowserModel::choose(int row)
{
    if (const FoundKit* kit = kitAt(row))
        Q_EMIT kitChosen(QString::fromStdString(kit->path), kit->preset, QString::fromStdString(kit->name));
}

} // namespace gs
