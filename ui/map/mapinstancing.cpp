#include "map/mapinstancing.h"

#include <limits>

namespace gs {

MapInstancing::MapInstancing(QQuick3DObject* parent) : QQuick3DInstancing(parent) {}

void MapInstancing::setModel(MapModel* model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &MapModel::pointsChanged, this, &MapInstancing::refresh);
    refresh();
    Q_EMIT modelChanged();
}

void MapInstancing::setSpread(float spread)
{
    if (spread <= 0.0f || spread == m_spread)
        return;
    m_spread = spread;
    refresh();
    Q_EMIT spreadChanged();
}

void MapInstancing::setPointScale(float scale)
{
    if (scale <= 0.0f || scale == m_pointScale)
        return;
    m_pointScale = scale;
    refresh();
    Q_EMIT pointScaleChanged();
}

void MapInstancing::refresh()
{
    m_centre = QVector3D();
    if (m_model && !m_model->empty()) {
        for (const MapPointSource& p : m_model->points())
            m_centre += QVector3D(p.x, p.y, p.z);
        m_centre /= float(m_model->count());
    }
    m_dirty = true;
    markDirty();
}

QVector3D MapInstancing::toScene(const QVector3D& position) const
{
    return (position - m_centre) * m_spread;
}

int MapInstancing::pickRay(const QVector3D& origin, const QVector3D& through, float radius) const
{
    if (!m_model)
        return -1;
    const QVector3D direction = (through - origin).normalized();
    int best = -1;
    float bestDistance = radius;
    float bestDepth = std::numeric_limits<float>::max();
    for (int i = 0; i < m_model->count(); ++i) {
        const QVector3D p = toScene(m_model->pointPosition3D(i));
        const float depth = QVector3D::dotProduct(p - origin, direction);
        if (depth <= 0.0f)
            continue;  // behind the camera
        const float distance = (p - (origin + direction * depth)).length();
        // Among points under the mouse, the nearest to the camera wins.
        if (distance < bestDistance || (distance <= radius && best >= 0 && depth < bestDepth && distance < radius * 0.5f)) {
            bestDistance = distance;
            bestDepth = depth;
            best = i;
        }
    }
    return best;
}

QByteArray MapInstancing::getInstanceBuffer(int* instanceCount)
{
    if (m_dirty) {
        m_dirty = false;
        m_buffer.clear();
        if (m_model) {
            const auto& points = m_model->points();
            const auto& colours = m_model->colours();
            m_buffer.reserve(qsizetype(points.size() * sizeof(InstanceTableEntry)));
            const QVector3D scale(m_pointScale, m_pointScale, m_pointScale);
            for (std::size_t i = 0; i < points.size(); ++i) {
                const InstanceTableEntry entry = calculateTableEntry(
                    toScene(QVector3D(points[i].x, points[i].y, points[i].z)), scale, QVector3D(),
                    QColor::fromRgba(colours[i]));
                m_buffer.append(reinterpret_cast<const char*>(&entry), sizeof(entry));
            }
        }
    }
    if (instanceCount)
        *instanceCount = int(m_buffer.size() / qsizetype(sizeof(InstanceTableEntry)));
    return m_buffer;
}

} // namespace gs
