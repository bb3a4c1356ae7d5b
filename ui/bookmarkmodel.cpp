#include "bookmarkmodel.h"

#include "latent/latentspace.h"

namespace gs {

BookmarkModel::BookmarkModel(QObject* parent) : QAbstractListModel(parent) {}

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
    return {{NameRole, "name"}, {PositionRole, "position"}, {LatentRole, "latent"}};
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

int BookmarkModel::pin(const QString& name)
{
    if (!m_controller || !m_controller->ready() || m_controller->currentZ().empty())
        return -1;
    const QString trimmed = name.trimmed();
    const int row = count();
    beginInsertRows(QModelIndex(), row, row);
    m_bookmarks.push_back({trimmed.isEmpty() ? tr("Bookmark %1").arg(m_nextNumber) : trimmed, m_controller->currentZ()});
    endInsertRows();
    ++m_nextNumber;
    Q_EMIT countChanged();
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
    return true;
}

} // namespace gs
