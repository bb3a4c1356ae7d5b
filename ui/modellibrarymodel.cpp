#include "modellibrarymodel.h"

#include "model/model.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace gs {

ModelLibraryModel::ModelLibraryModel(QObject* parent) : QAbstractListModel(parent), m_folder(defaultFolder()) {}

ModelLibraryModel::~ModelLibraryModel()
{
    join();
}

void ModelLibraryModel::join()
{
    if (m_thread.joinable())
        m_thread.join();  // a read or a load: bounded by one model file
}

QString ModelLibraryModel::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models");
}

int ModelLibraryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ModelLibraryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return QFileInfo(e.path).completeBaseName();
    case PathRole: return e.path;
    case TypeRole: return e.type;
    case LatentRole: return e.latent;
    case EpochsRole: return e.epochs;
    case ValidationLossRole: return e.validationLoss;
    case DatasetRole: return e.dataset;
    case ErrorRole: return e.error;
    default: return {};
    }
}

QHash<int, QByteArray> ModelLibraryModel::roleNames() const
{
    return {{NameRole, "name"},       {PathRole, "path"},       {TypeRole, "type"},
            {LatentRole, "latent"},   {EpochsRole, "epochs"},   {ValidationLossRole, "validationLoss"},
            {DatasetRole, "dataset"}, {ErrorRole, "error"}};
}

void ModelLibraryModel::setFolder(const QString& folder)
{
    if (folder == m_folder)
        return;
    m_folder = folder;
    Q_EMIT folderChanged();
    refresh();
}

void ModelLibraryModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void ModelLibraryModel::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void ModelLibraryModel::refresh()
{
    join();
    setBusy(true);
    const quint64 generation = ++m_generation;
    const QStringList files = QDir(m_folder).entryList({QStringLiteral("*.gsm")}, QDir::Files, QDir::Name);
    const QString folder = m_folder;
    m_thread = std::thread([this, files, folder, generation] {
        std::vector<Entry> entries;
        for (const QString& name : files) {
            Entry e;
            e.path = QDir(folder).filePath(name);
            Result<Model> model = Model::load(e.path.toStdString());
            if (!model.ok()) {
                e.error = QString::fromStdString(model.error().message);
            } else {
                e.type = QString::fromStdString(model->config().type);
                e.latent = model->config().latent;
                const auto& history = model->history();
                e.epochs = history.empty() ? 0 : history.back().epoch;
                e.validationLoss = history.empty() ? 0.0 : history.back().validation.total;
                e.dataset = QString::fromStdString(model->datasetSummary().name);
            }
            entries.push_back(std::move(e));
        }
        QMetaObject::invokeMethod(this, [this, entries = std::move(entries), generation]() mutable {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_entries = std::move(entries);
            endResetModel();
            Q_EMIT countChanged();
            setBusy(false);
        }, Qt::QueuedConnection);
    });
}

void ModelLibraryModel::open(int row)
{
    if (row < 0 || row >= count())
        return;
    join();
    setBusy(true);
    const QString path = m_entries[std::size_t(row)].path;
    m_thread = std::thread([this, path] {
        auto model = std::make_shared<Result<Model>>(Model::load(path.toStdString()));
        QMetaObject::invokeMethod(this, [this, model, path] {
            setBusy(false);
            if (!model->ok()) {
                setMessage(QString::fromStdString(model->error().describe()));
                return;
            }
            if (Session* session = Session::instance())
                session->setModel(std::make_shared<Model>(std::move(model->value())), QFileInfo(path).completeBaseName());
            setMessage(tr("Opened %1").arg(QFileInfo(path).completeBaseName()));
            Q_EMIT opened(path);
        }, Qt::QueuedConnection);
    });
}

bool ModelLibraryModel::rename(int row, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (row < 0 || row >= count() || trimmed.isEmpty() || trimmed.contains(QLatin1Char('/')) || trimmed.startsWith(QLatin1Char('.')))
        return false;
    Entry& e = m_entries[std::size_t(row)];
    const QString target = QDir(m_folder).filePath(trimmed + QStringLiteral(".gsm"));
    if (QFileInfo::exists(target) || !QFile::rename(e.path, target)) {
        setMessage(tr("Could not rename %1 to %2").arg(e.path, target));
        return false;
    }
    e.path = target;
    Q_EMIT dataChanged(index(row), index(row), {Qt::DisplayRole, NameRole, PathRole});
    return true;
}

bool ModelLibraryModel::remove(int row)
{
    if (row < 0 || row >= count())
        return false;
    if (!QFile::remove(m_entries[std::size_t(row)].path)) {
        setMessage(tr("Could not delete %1").arg(m_entries[std::size_t(row)].path));
        return false;
    }
    beginRemoveRows(QModelIndex(), row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
    return true;
}

} // namespace gs
