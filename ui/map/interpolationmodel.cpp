#include "map/interpolationmodel.h"

#include "map/bookmarkmodel.h"
#include "latent/latentspace.h"
#include "map/mapcontroller.h"
#include "map/mapmodel.h"
#include "project/project.h"
#include "project/projectfile.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace gs {

InterpolationModel::InterpolationModel(QObject* parent) : QAbstractListModel(parent)
{
    connect(&m_player, &PathPlayer::messageChanged, this, [this] { setMessage(m_player.message()); });
}

int InterpolationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

QVariant InterpolationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole: return tr("Step %1").arg(index.row() + 1);
    case StepRole: return index.row();
    case PositionRole: return m_controller ? m_controller->project(m_points[std::size_t(index.row())]) : QPointF();
    default: return {};
    }
}

QHash<int, QByteArray> InterpolationModel::roleNames() const
{
    return {{StepRole, "step"}, {PositionRole, "position"}};
}

void InterpolationModel::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    m_player.setController(controller);
    if (m_controller)  // ends from another model make no sense on this one
        connect(m_controller, &MapController::readyChanged, this, [this] {
            clear();
            applyPending();
        });
    clear();
    applyPending();
    Q_EMIT controllerChanged();
}

void InterpolationModel::setSteps(int steps)
{
    steps = std::clamp(steps, 2, 64);
    if (steps == m_steps)
        return;
    m_steps = steps;
    Q_EMIT stepsChanged();
    recompute();
}

void InterpolationModel::setSpherical(bool spherical)
{
    if (spherical == m_spherical)
        return;
    m_spherical = spherical;
    Q_EMIT sphericalChanged();
    recompute();
}

QVariantList InterpolationModel::path() const
{
    QVariantList out;
    if (m_controller)
        for (const LatentVector& z : m_points)
            out << m_controller->project(z);
    return out;
}

void InterpolationModel::setAFromCursor()
{
    if (!m_controller || !m_controller->ready())
        return;
    m_aName = cursorName();
    setEnds(m_controller->currentZ(), m_b);
}

void InterpolationModel::setBFromCursor()
{
    if (!m_controller || !m_controller->ready())
        return;
    m_bName = cursorName();
    setEnds(m_a, m_controller->currentZ());
}

void InterpolationModel::setAFromPoint(int index)
{
    if (!m_controller || m_controller->pointZ(index).empty())
        return;
    m_aName = m_controller->map()->pointStyle(index);
    setEnds(m_controller->pointZ(index), m_b);
}

void InterpolationModel::setBFromPoint(int index)
{
    if (!m_controller || m_controller->pointZ(index).empty())
        return;
    m_bName = m_controller->map()->pointStyle(index);
    setEnds(m_a, m_controller->pointZ(index));
}

QString InterpolationModel::cursorName() const
{
    const int point = m_controller ? m_controller->selectedPoint() : -1;
    if (point < 0 || m_controller->pointZ(point) != m_controller->currentZ())
        return QString();
    return m_controller->map()->pointStyle(point);
}

QString InterpolationModel::suggestedName() const
{
    // Lower case, letters and digits, dashes between words: a name every file system takes.
    auto slug = [](const QString& text) {
        QString out;
        for (const QChar c : text.toLower()) {
            if (c.isLetterOrNumber())
                out += c;
            else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-')))
                out += QLatin1Char('-');
        }
        while (out.endsWith(QLatin1Char('-')))
            out.chop(1);
        return out.left(40);
    };
    const QString a = slug(m_aName);
    const QString b = slug(m_bName);
    if (a.isEmpty() && b.isEmpty())
        return QStringLiteral("path");
    return QStringLiteral("%1-to-%2-path").arg(a.isEmpty() ? QStringLiteral("a") : a, b.isEmpty() ? QStringLiteral("b") : b);
}

LatentVector InterpolationModel::bookmarkZ(BookmarkModel* bookmarks, int row) const
{
    if (!bookmarks || !m_controller || !m_controller->space() || row < 0 || row >= bookmarks->rowCount())
        return {};
    LatentVector z = bookmarks->latent(row);
    return int(z.size()) == m_controller->space()->latent() ? z : LatentVector{};
}

bool InterpolationModel::setAFromBookmark(BookmarkModel* bookmarks, int row)
{
    const LatentVector z = bookmarkZ(bookmarks, row);
    if (z.empty())
        return false;
    m_aName = bookmarks->data(bookmarks->index(row), BookmarkModel::NameRole).toString();
    setEnds(z, m_b);
    return true;
}

bool InterpolationModel::setBFromBookmark(BookmarkModel* bookmarks, int row)
{
    const LatentVector z = bookmarkZ(bookmarks, row);
    if (z.empty())
        return false;
    m_bName = bookmarks->data(bookmarks->index(row), BookmarkModel::NameRole).toString();
    setEnds(m_a, z);
    return true;
}

void InterpolationModel::setEnds(const LatentVector& a, const LatentVector& b)
{
    m_wait.drop();  // the user's choice replaces a project's waiting one
    m_a = a;
    m_b = b;
    Q_EMIT endsChanged();
    recompute();
}

void InterpolationModel::clear()
{
    if (m_a.empty() && m_b.empty() && m_points.empty())
        return;
    m_a.clear();
    m_b.clear();
    m_aName.clear();
    m_bName.clear();
    Q_EMIT endsChanged();
    recompute();
}

void InterpolationModel::recompute()
{
    beginResetModel();
    m_points.clear();
    if (!m_a.empty() && m_a.size() == m_b.size())
        m_points = interpolate(m_a, m_b, m_steps, m_spherical ? InterpolationMode::Spherical : InterpolationMode::Linear);
    endResetModel();
    if (m_current != -1) {
        m_current = -1;
        Q_EMIT currentChanged();
    }
    Q_EMIT pathChanged();
    if (m_player.playing() || m_player.decoding()) {  // the sound follows the edited path
        if (m_points.empty())
            m_player.stop();
        else
            m_player.play(m_points);
    }
}

bool InterpolationModel::audition(int row)
{
    if (!m_controller || row < 0 || row >= int(m_points.size()))
        return false;
    m_controller->moveToZ(m_points[std::size_t(row)]);
    if (row != m_current) {
        m_current = row;
        Q_EMIT currentChanged();
    }
    return true;
}

void InterpolationModel::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

bool InterpolationModel::playPath()
{
    if (m_points.empty()) {
        setMessage(tr("Pick A and B first."));
        return false;
    }
    m_player.play(m_points);
    return true;
}

void InterpolationModel::stopPath() { m_player.stop(); }

bool InterpolationModel::exportMidi(const QString& pathOrUrl)
{
    if (!m_controller || !m_controller->space() || m_points.empty() || !m_controller->session()) {
        setMessage(tr("Pick A and B first."));
        return false;
    }
    return m_player.exportClip(m_points, pathOrUrl);
}

bool InterpolationModel::exportWav(const QString& pathOrUrl)
{
    if (!m_controller || !m_controller->space() || m_points.empty() || !m_controller->session()) {
        setMessage(tr("Pick A and B first."));
        return false;
    }
    return m_player.exportWav(m_points, pathOrUrl);
}

QJsonValue InterpolationModel::savePart() const
{
    if (m_wait.holding())
        return m_wait.value();  // not applied yet: keep it as the file had it
    QJsonObject out;
    if (!m_a.empty())
        out[QStringLiteral("a")] = ProjectFile::latentToJson(m_a);
    if (!m_b.empty())
        out[QStringLiteral("b")] = ProjectFile::latentToJson(m_b);
    out[QStringLiteral("steps")] = m_steps;
    out[QStringLiteral("spherical")] = m_spherical;
    return out;
}

void InterpolationModel::loadPart(const QJsonValue& value)
{
    m_wait.drop();
    if (!value.isObject()) {  // Null: a new project
        clear();
        setSteps(8);
        setSpherical(false);
        return;
    }
    const QJsonObject o = value.toObject();
    setSteps(o.value(QStringLiteral("steps")).toInt(8));
    setSpherical(o.value(QStringLiteral("spherical")).toBool(false));
    const LatentVector a = ProjectFile::latentFromJson(o.value(QStringLiteral("a")));
    const LatentVector b = ProjectFile::latentFromJson(o.value(QStringLiteral("b")));
    if (!a.empty() && !b.empty() && a.size() != b.size()) {
        clear();  // ends of two different models: no path
        return;
    }
    if (a.empty() && b.empty()) {
        clear();
        return;
    }
    m_wait.hold(o, int(std::max(a.size(), b.size())));
    if (!applyPending())
        clear();  // shows nothing until the model that fits is on the map
}

bool InterpolationModel::applyPending()
{
    return m_controller && m_wait.applyWhenReady(*m_controller, [this](const QJsonValue& value) {
        const QJsonObject o = value.toObject();
        setEnds(ProjectFile::latentFromJson(o.value(QStringLiteral("a"))),
            ProjectFile::latentFromJson(o.value(QStringLiteral("b"))));
    });
}

} // namespace gs
