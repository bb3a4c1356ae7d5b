#include "interpolationmodel.h"

#include "latent/latentspace.h"
#include "midi/groovemidi.h"

#include <QUrl>

#include <algorithm>

namespace gs {

InterpolationModel::InterpolationModel(QObject* parent) : QAbstractListModel(parent) {}

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
    if (m_controller)  // ends from another model make no sense on this one
        connect(m_controller, &MapController::readyChanged, this, &InterpolationModel::clear);
    clear();
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
    if (m_controller && m_controller->ready())
        setEnds(m_controller->currentZ(), m_b);
}

void InterpolationModel::setBFromCursor()
{
    if (m_controller && m_controller->ready())
        setEnds(m_a, m_controller->currentZ());
}

void InterpolationModel::setAFromPoint(int index)
{
    if (m_controller && !m_controller->pointZ(index).empty())
        setEnds(m_controller->pointZ(index), m_b);
}

void InterpolationModel::setBFromPoint(int index)
{
    if (m_controller && !m_controller->pointZ(index).empty())
        setEnds(m_a, m_controller->pointZ(index));
}

void InterpolationModel::setEnds(const LatentVector& a, const LatentVector& b)
{
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

bool InterpolationModel::exportMidi(const QString& pathOrUrl)
{
    if (!m_controller || !m_controller->space() || m_points.empty() || !m_controller->session()) {
        setMessage(tr("Pick A and B first."));
        return false;
    }
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    // One batch: a path of up to 64 steps decodes in a few milliseconds.
    const std::vector<DecodedGroove> decoded = m_controller->space()->decode(m_points);
    std::vector<Groove> grooves;
    grooves.reserve(decoded.size());
    for (const DecodedGroove& d : decoded)
        grooves.push_back(realise(d, m_controller->sampling()));
    ClipOptions options;
    options.bpm = m_controller->session()->bpm();
    const Status written = writeGrooveMidi(path.toStdString(), grooves, m_controller->space()->config().drumMap, options);
    if (!written.ok()) {
        setMessage(QString::fromStdString(written.error().describe()));
        return false;
    }
    setMessage(tr("Exported %1 steps to %2").arg(grooves.size()).arg(path));
    return true;
}

} // namespace gs
