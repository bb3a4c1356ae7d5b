#include "bookmarkmodel.h"

#include "latent/latentspace.h"
#include "project.h"

#include <QJsonArray>
#include <QJsonObject>

namespace gs {

namespace {

QStringList cleanTags(const QStringList& tags)
{
    QStringList out;
    for (const QString& tag : tags) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !out.contains(trimmed))
            out << trimmed;
    }
    return out;
}

} // namespace

BookmarkModel::BookmarkModel(QObject* parent)
    : QAbstractListModel(parent)
{
    if (Project* project = Project::instance())
        project->addPart(QLatin1String(projectKey), [this] { return toJson(); },
            [this](const QJsonValue& value) { fromJson(value); }, this);
}

int BookmarkModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant BookmarkModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bookmark& b = m_bookmarks[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case NameRole: return b.name;
    case PositionRole: return m_controller ? m_controller->project(b.z) : QPointF();
    case TagsRole: return b.tags;
    case LatentRole: {
        QVariantList z;
        for (float v : b.z)
            z << double(v);
        return z;
    }
    default: return {};
    }
}

bool BookmarkModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole && role != NameRole)
        return false;
    return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
           && rename(index.row(), value.toString());
}

Qt::ItemFlags BookmarkModel::flags(const QModelIndex& index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

QHash<int, QByteArray> BookmarkModel::roleNames() const
{
    return {{NameRole, "name"}, {PositionRole, "position"}, {LatentRole, "latent"}, {TagsRole, "tags"}};
}

void BookmarkModel::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    m_controller = controller;
    Q_EMIT controllerChanged();
}

LatentVector BookmarkModel::latent(int row) const
{
    return row >= 0 && row < count() ? m_bookmarks[std::size_t(row)].z : LatentVector();
}

int BookmarkModel::pin(const QString& name, const QStringList& tags)
{
    if (!m_controller || !m_controller->ready() || m_controller->currentZ().empty())
        return -1;
    const QString trimmed = name.trimmed();
    const int row = count();
    beginInsertRows(QModelIndex(), row, row);
    m_bookmarks.push_back({trimmed.isEmpty() ? tr("Bookmark %1").arg(m_nextNumber) : trimmed, m_controller->currentZ(),
        cleanTags(tags)});
    endInsertRows();
    ++m_nextNumber;
    Q_EMIT countChanged();
    notifyProject();
    return row;
}

bool BookmarkModel::recall(int row)
{
    if (!m_controller || row < 0 || row >= count())
        return false;
    const LatentVector& z = m_bookmarks[std::size_t(row)].z;
    if (!m_controller->ready() || int(z.size()) != m_controller->latent())
        return false;  // pinned on another model
    m_controller->moveToZ(z);
    return true;
}

bool BookmarkModel::rename(int row, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (row < 0 || row >= count() || trimmed.isEmpty() || trimmed == m_bookmarks[std::size_t(row)].name)
        return false;
    m_bookmarks[std::size_t(row)].name = trimmed;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, {Qt::DisplayRole, Qt::EditRole, NameRole});
    notifyProject();
    return true;
}

bool BookmarkModel::remove(int row)
{
    if (row < 0 || row >= count())
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_bookmarks.erase(m_bookmarks.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
    notifyProject();
    return true;
}

bool BookmarkModel::setTags(int row, const QStringList& tags)
{
    if (row < 0 || row >= count())
        return false;
    const QStringList cleaned = cleanTags(tags);
    if (cleaned == m_bookmarks[std::size_t(row)].tags)
        return false;
    m_bookmarks[std::size_t(row)].tags = cleaned;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, {TagsRole});
    notifyProject();
    return true;
}

QStringList BookmarkModel::tags(int row) const
{
    return row >= 0 && row < count() ? m_bookmarks[std::size_t(row)].tags : QStringList();
}

QJsonValue BookmarkModel::toJson() const
{
    QJsonArray list;
    for (const Bookmark& b : m_bookmarks) {
        QJsonArray z;
        for (float v : b.z)
            z.append(double(v));
        list.append(QJsonObject{{QStringLiteral("name"), b.name}, {QStringLiteral("tags"), QJsonArray::fromStringList(b.tags)},
            {QStringLiteral("z"), z}});
    }
    return list;
}

void BookmarkModel::fromJson(const QJsonValue& value)
{
    std::vector<Bookmark> loaded;
    for (const QJsonValue& entry : value.toArray()) {
        const QJsonObject in = entry.toObject();
        Bookmark b;
        b.name = in.value(QStringLiteral("name")).toString().trimmed();
        for (const QJsonValue& v : in.value(QStringLiteral("z")).toArray())
            b.z.push_back(float(v.toDouble()));
        QStringList tags;
        for (const QJsonValue& t : in.value(QStringLiteral("tags")).toArray())
            tags << t.toString();
        b.tags = cleanTags(tags);
        if (!b.name.isEmpty() && !b.z.empty())
            loaded.push_back(std::move(b));
    }
    setBookmarks(std::move(loaded));
}

void BookmarkModel::setBookmarks(std::vector<Bookmark> bookmarks)
{
    const int before = count();
    beginResetModel();
    m_bookmarks = std::move(bookmarks);
    endResetModel();
    m_nextNumber = count() + 1;
    if (count() != before)
        Q_EMIT countChanged();
}

void BookmarkModel::notifyProject()
{
    if (Project* project = Project::instance())
        project->partChanged();
}

} // namespace gs
