#include "map/blendsurface.h"

#include "latent/blend.h"

#include <algorithm>
#include <cmath>

namespace gs {

BlendSurface::BlendSurface(QObject* parent) : QObject(parent) {}

void BlendSurface::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (m_controller)  // another model: the corners' latents mean nothing there
        connect(m_controller, &MapController::readyChanged, this, &BlendSurface::forgetCorners);
    forgetCorners();
    Q_EMIT controllerChanged();
}

void BlendSurface::setBookmarks(BookmarkModel* bookmarks)
{
    if (bookmarks == m_bookmarks)
        return;
    if (m_bookmarks)
        disconnect(m_bookmarks, nullptr, this, nullptr);
    m_bookmarks = bookmarks;
    if (m_bookmarks) {  // rows move when bookmarks go: start again rather than blend the wrong ones
        connect(m_bookmarks, &QAbstractItemModel::rowsRemoved, this, &BlendSurface::forgetCorners);
        connect(m_bookmarks, &QAbstractItemModel::modelReset, this, &BlendSurface::forgetCorners);
    }
    forgetCorners();
    Q_EMIT bookmarksChanged();
}

void BlendSurface::forgetCorners()
{
    if (m_corners == std::array<int, 4>{-1, -1, -1, -1})
        return;
    m_corners = {-1, -1, -1, -1};
    Q_EMIT cornersChanged();
}

bool BlendSurface::ready() const
{
    if (!m_controller || !m_controller->ready() || !m_bookmarks)
        return false;
    return std::all_of(m_corners.begin(), m_corners.end(),
                       [this](int row) { return row >= 0 && m_bookmarks->onCurrentModel(row); });
}

bool BlendSurface::setCorner(int corner, int row)
{
    if (corner < 0 || corner > 3)
        return false;
    if (row >= 0 && (!m_bookmarks || !m_bookmarks->onCurrentModel(row))) {
        setMessage(tr("That bookmark was pinned on another model: it cannot blend on this map."));
        return false;
    }
    if (m_corners[std::size_t(corner)] != row) {
        m_corners[std::size_t(corner)] = row;
        Q_EMIT cornersChanged();
    }
    setMessage(ready() ? QString() : tr("Pin a bookmark at each corner, then move the puck."));
    if (ready())
        moveTo(m_position.x(), m_position.y());
    return true;
}

LatentVector BlendSurface::blendAt(double u, double v) const
{
    if (!ready())
        return {};
    std::array<LatentVector, 4> corners;
    for (std::size_t i = 0; i < 4; ++i)
        corners[i] = m_bookmarks->latent(m_corners[i]);
    return bilinear(corners, float(u), float(v));
}

void BlendSurface::moveTo(double u, double v)
{
    const QPointF at(std::clamp(std::isfinite(u) ? u : 0.5, 0.0, 1.0), std::clamp(std::isfinite(v) ? v : 0.5, 0.0, 1.0));
    if (at != m_position) {
        m_position = at;
        Q_EMIT positionChanged();
    }
    const LatentVector z = blendAt(at.x(), at.y());
    if (!z.empty())
        m_controller->moveToZ(z);
}

void BlendSurface::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

} // namespace gs
