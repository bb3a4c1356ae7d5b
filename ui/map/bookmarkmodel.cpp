#include "map/bookmarkmodel.h"

#include "map/groovejson.h"
#include "latent/latentspace.h"
#include "project/project.h"
#include "project/projectfile.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace gs {

namespace {

QStringList cleanTags(const QStringList& tags)
{
    // A hash for "seen": a project may carry 100,000 tags, and a list search per tag is quadratic.
    QStringList out;
    QSet<QString> seen;
    seen.reserve(tags.size());
    for (const QString& tag : tags) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !seen.contains(trimmed)) {
            seen.insert(trimmed);
            out << trimmed;
        }
    }
    return out;
}

} // namespace

BookmarkModel::BookmarkModel(QObject* parent)
    : QAbstractListModel(parent)
{
    connect(&m_player, &PathPlayer::messageChanged, this, [this] { setMessage(m_player.message()); });
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
    case SelectedRole: return isSelected(index.row());
    case OtherModelRole: return !onCurrentModel(index.row());
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
    if (role == SelectedRole && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        setSelected(index.row(), value.toBool());
        return true;
    }
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
    return {{NameRole, "name"}, {PositionRole, "position"}, {LatentRole, "latent"}, {TagsRole, "tags"},
        {SelectedRole, "selected"}, {OtherModelRole, "otherModel"}};
}

void BookmarkModel::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    m_controller = controller;
    m_player.setController(controller);
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
    Session* session = m_controller->session();
    m_bookmarks.push_back({trimmed.isEmpty() ? tr("Bookmark %1").arg(m_nextNumber) : trimmed, m_controller->currentZ(),
        cleanTags(tags), session ? session->groove() : Groove(), currentModel()});
    m_selected.push_back(false);
    endInsertRows();
    ++m_nextNumber;
    Q_EMIT countChanged();
    notifyProject();
    return row;
}

QString BookmarkModel::currentModel() const
{
    const Session* session = m_controller ? m_controller->session() : nullptr;
    if (!session || !session->hasModel())
        return {};
    return session->modelPath().isEmpty() ? session->modelName() : session->modelPath();
}

bool BookmarkModel::onCurrentModel(int row) const
{
    if (row < 0 || row >= count())
        return false;
    const Bookmark& b = m_bookmarks[std::size_t(row)];
    return (b.model.isEmpty() || b.model == currentModel()) && m_controller && int(b.z.size()) == m_controller->latent();
}

bool BookmarkModel::recall(int row)
{
    if (!m_controller || row < 0 || row >= count())
        return false;
    const Bookmark& b = m_bookmarks[std::size_t(row)];
    if (m_controller->ready() && onCurrentModel(row)) {
        m_controller->moveToZ(b.z);
        setMessage(QString());
        return true;
    }
    Session* session = m_controller->session();
    if (!session || b.groove.steps() == 0) {
        setMessage(tr("\"%1\" was pinned on another model and its project kept no groove: it cannot be played here.")
                       .arg(b.name));
        return false;
    }
    m_controller->dropPendingDecodes();
    session->setGroove(b.groove, GrooveSource::Map);
    const QString made = b.model.isEmpty() ? tr("another model") : QFileInfo(b.model).completeBaseName();
    if (m_controller->ready() && b.groove.steps() == session->steps()) {
        m_controller->placeOnMap();  // encodes it: the cursor moves to where this model puts it
        setMessage(tr("\"%1\" was made on %2: playing its groove as it was, placed on this map by encoding it.")
                       .arg(b.name, made));
    } else {
        setMessage(tr("\"%1\" was made on %2: playing its groove as it was (it does not fit this map's model).")
                       .arg(b.name, made));
    }
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
    const bool wasSelected = m_selected[std::size_t(row)];
    beginRemoveRows(QModelIndex(), row, row);
    m_bookmarks.erase(m_bookmarks.begin() + row);
    m_selected.erase(m_selected.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
    if (wasSelected)
        Q_EMIT selectionChanged();
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
        QJsonObject out{{QStringLiteral("name"), b.name}, {QStringLiteral("tags"), QJsonArray::fromStringList(b.tags)},
            {QStringLiteral("z"), ProjectFile::latentToJson(b.z)}};
        if (!b.model.isEmpty())
            out.insert(QStringLiteral("model"), b.model);
        if (b.groove.steps() > 0)
            out.insert(QStringLiteral("groove"), grooveToJson(b.groove));
        list.append(out);
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
        QString problem;
        b.z = ProjectFile::latentFromJson(in.value(QStringLiteral("z")), &problem);
        if (!problem.isEmpty())
            reportProblem(tr("bookmark \"%1\" left out: %2").arg(b.name.left(80), problem));
        QStringList tags;
        const QJsonArray tagList = in.value(QStringLiteral("tags")).toArray();
        tags.reserve(tagList.size());
        for (const QJsonValue& t : tagList)
            if (t.isString())
                tags << t.toString();
        b.tags = cleanTags(tags);
        b.model = in.value(QStringLiteral("model")).toString();  // not a string: "" (as older projects)
        if (auto groove = grooveFromJson(in.value(QStringLiteral("groove"))))
            b.groove = std::move(*groove);
        if (!b.name.isEmpty() && !b.z.empty())
            loaded.push_back(std::move(b));
    }
    setBookmarks(std::move(loaded));
}

void BookmarkModel::setBookmarks(std::vector<Bookmark> bookmarks)
{
    const int before = count();
    const int selectedBefore = selectedCount();
    beginResetModel();
    m_bookmarks = std::move(bookmarks);
    m_selected.assign(m_bookmarks.size(), false);
    endResetModel();
    m_nextNumber = count() + 1;
    if (count() != before)
        Q_EMIT countChanged();
    if (selectedBefore > 0)
        Q_EMIT selectionChanged();
}

int BookmarkModel::selectedCount() const
{
    return int(std::count(m_selected.begin(), m_selected.end(), true));
}

bool BookmarkModel::isSelected(int row) const
{
    return row >= 0 && row < count() && m_selected[std::size_t(row)];
}

void BookmarkModel::setSelected(int row, bool selected)
{
    if (row < 0 || row >= count() || m_selected[std::size_t(row)] == selected)
        return;
    m_selected[std::size_t(row)] = selected;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, {SelectedRole});
    Q_EMIT selectionChanged();
}

int BookmarkModel::selectTagged(const QString& tag)
{
    const QString wanted = tag.trimmed();
    int selected = 0;
    for (int row = 0; row < count(); ++row) {
        const bool has = !wanted.isEmpty() && m_bookmarks[std::size_t(row)].tags.contains(wanted, Qt::CaseInsensitive);
        setSelected(row, has);
        selected += has ? 1 : 0;
    }
    return selected;
}

void BookmarkModel::clearSelection()
{
    for (int row = 0; row < count(); ++row)
        setSelected(row, false);
}

std::vector<int> BookmarkModel::exportRows() const
{
    std::vector<int> rows;
    for (int row = 0; row < count(); ++row)
        if (m_selected[std::size_t(row)])
            rows.push_back(row);
    if (rows.empty())
        for (int row = 0; row < count(); ++row)
            rows.push_back(row);
    return rows;
}

bool BookmarkModel::exportMidi(const QString& pathOrUrl) { return startExport(pathOrUrl, false); }

bool BookmarkModel::exportWav(const QString& pathOrUrl) { return startExport(pathOrUrl, true); }

bool BookmarkModel::startExport(const QString& pathOrUrl, bool wav)
{
    if (count() == 0) {
        setMessage(tr("No bookmarks to export: pin some first."));
        return false;
    }
    if (!m_controller || !m_controller->ready() || !m_controller->space()) {
        setMessage(tr("Exporting bookmarks needs a model on the map to decode them."));
        return false;
    }
    std::vector<LatentVector> path;
    std::vector<Groove> grooves;  // the pinned grooves, used when any bookmark is from another model
    bool allHere = true;
    QString notKept;  // the first bookmark from another model without a groove
    for (int row : exportRows()) {
        const Bookmark& b = m_bookmarks[std::size_t(row)];
        allHere = allHere && onCurrentModel(row);
        if (!onCurrentModel(row) && b.groove.steps() == 0 && notKept.isEmpty())
            notKept = b.name;
        path.push_back(b.z);
        grooves.push_back(b.groove);
    }
    if (allHere)  // decoded under the current sampling, as they are heard on recall
        return wav ? m_player.exportWav(path, pathOrUrl, PathPlayer::Steps::Set)
                   : m_player.exportClip(path, pathOrUrl, PathPlayer::Steps::Set);
    if (!notKept.isEmpty()) {
        setMessage(tr("Bookmark \"%1\" was pinned on another model and its project kept no groove: leave it out "
                      "of the selection.")
                       .arg(notKept));
        return false;
    }
    return m_player.exportGrooves(std::move(grooves), pathOrUrl, wav);
}

void BookmarkModel::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void BookmarkModel::notifyProject() { partChanged(); }

} // namespace gs
