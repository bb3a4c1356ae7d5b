#include "map/mapitem.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGRendererInterface>
#include <QSGGeometryNode>
#include <QSGSimpleTextureNode>
#include <QSGVertexColorMaterial>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gs {

namespace {

constexpr qreal kMargin = 16.0;  // pixels between the data and the item's edge
constexpr qreal kCursorGrab = 14.0;  // pixels: a press this close to the cursor drags it
constexpr qreal kClickSlop = 4.0;  // pixels a click may wander before it becomes a drag

using Vertex = QSGGeometry::ColoredPoint2D;

// Premultiplied, as QSGVertexColorMaterial expects.
void setVertex(Vertex& v, float x, float y, QRgb c, int alpha = -1)
{
    const int a = alpha < 0 ? qAlpha(c) : alpha;
    v.set(x, y, uchar(qRed(c) * a / 255), uchar(qGreen(c) * a / 255), uchar(qBlue(c) * a / 255), uchar(a));
}

class TriangleList {
public:
    void quad(QPointF a, QPointF b, QPointF c, QPointF d, QRgb colour, int alpha = -1)
    {
        for (QPointF p : {a, b, c, a, c, d}) {
            m_vertices.push_back({});
            setVertex(m_vertices.back(), float(p.x()), float(p.y()), colour, alpha);
        }
    }
    void square(QPointF centre, qreal half, QRgb colour, int alpha = -1)
    {
        quad(centre + QPointF(-half, -half), centre + QPointF(half, -half), centre + QPointF(half, half),
             centre + QPointF(-half, half), colour, alpha);
    }
    void segment(QPointF a, QPointF b, qreal width, QRgb colour, int alpha = -1)
    {
        const QPointF d = b - a;
        const qreal length = std::hypot(d.x(), d.y());
        if (length <= 0.0)
            return;
        const QPointF n(-d.y() / length * width / 2, d.x() / length * width / 2);
        quad(a + n, b + n, b - n, a - n, colour, alpha);
    }
    void ring(QPointF centre, qreal inner, qreal outer, QRgb colour, int segments = 28)
    {
        for (int i = 0; i < segments; ++i) {
            const qreal a0 = 2 * std::numbers::pi * i / segments, a1 = 2 * std::numbers::pi * (i + 1) / segments;
            const QPointF u0(std::cos(a0), std::sin(a0)), u1(std::cos(a1), std::sin(a1));
            quad(centre + u0 * inner, centre + u0 * outer, centre + u1 * outer, centre + u1 * inner, colour);
        }
    }
    void upload(QSGGeometryNode* node) const
    {
        QSGGeometry* geometry = node->geometry();
        geometry->allocate(int(m_vertices.size()));
        std::copy(m_vertices.begin(), m_vertices.end(), geometry->vertexDataAsColoredPoint2D());
        node->markDirty(QSGNode::DirtyGeometry);
    }

private:
    std::vector<Vertex> m_vertices;
};

QSGGeometryNode* colouredNode()
{
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    node->setGeometry(geometry);
    node->setFlag(QSGNode::OwnsGeometry);
    node->setMaterial(new QSGVertexColorMaterial);
    node->setFlag(QSGNode::OwnsMaterial);
    return node;
}

// Children in drawing order; the background node comes and goes.
class MapRootNode : public QSGNode {
public:
    MapRootNode()
    {
        points = colouredNode();
        overlay = colouredNode();
        appendChildNode(points);
        appendChildNode(overlay);
    }
    QSGSimpleTextureNode* background = nullptr;
    QSGGeometryNode* points = nullptr;
    QSGGeometryNode* overlay = nullptr;
};

} // namespace

MapItem::MapItem(QQuickItem* parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents);
    setAcceptedMouseButtons(Qt::LeftButton | Qt::RightButton);
    setAcceptHoverEvents(true);
}

void MapItem::setModel(MapModel* model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &MapModel::pointsChanged, this, [this] {
            m_pointsDirty = true;
            m_overlayDirty = true;
            update();
            Q_EMIT cursorPositionChanged();
        });
        connect(m_model, &MapModel::cursorChanged, this, [this] {
            m_overlayDirty = true;
            update();
            Q_EMIT cursorPositionChanged();
        });
        connect(m_model, &MapModel::backgroundChanged, this, [this] {
            m_backgroundDirty = true;
            update();
        });
    }
    m_pointsDirty = m_overlayDirty = m_backgroundDirty = true;
    update();
    Q_EMIT modelChanged();
    Q_EMIT cursorPositionChanged();
}

void MapItem::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, 0.1, 200.0);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    viewDirty();
}

void MapItem::setPan(const QPointF& pan)
{
    if (pan == m_pan)
        return;
    m_pan = pan;
    viewDirty();
}

void MapItem::setPointSize(qreal size)
{
    size = std::clamp(size, 1.0, 32.0);
    if (qFuzzyCompare(size, m_pointSize))
        return;
    m_pointSize = size;
    m_pointsDirty = true;
    update();
    Q_EMIT pointSizeChanged();
}

void MapItem::setPath(const QVariantList& path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_overlayDirty = true;
    update();
    Q_EMIT pathChanged();
}

void MapItem::setPathHighlight(int index)
{
    if (index == m_pathHighlight)
        return;
    m_pathHighlight = index;
    m_overlayDirty = true;
    update();
    Q_EMIT pathChanged();
}

void MapItem::setFreehandPath(const QVariantList& path)
{
    if (path == m_freehand)
        return;
    m_freehand = path;
    m_overlayDirty = true;
    update();
    Q_EMIT freehandPathChanged();
}

void MapItem::setFreehandHighlight(int index)
{
    if (index == m_freehandHighlight)
        return;
    m_freehandHighlight = index;
    m_overlayDirty = true;
    update();
    Q_EMIT freehandPathChanged();
}

void MapItem::resetView()
{
    m_zoom = 1.0;
    m_pan = QPointF();
    viewDirty();
}

void MapItem::viewDirty()
{
    m_pointsDirty = m_overlayDirty = m_backgroundDirty = true;
    update();
    Q_EMIT viewChanged();
    Q_EMIT cursorPositionChanged();
}

QRectF MapItem::dataRect() const
{
    QRectF rect = m_model ? m_model->bounds() : QRectF();
    if (!rect.isValid() || rect.width() <= 0 || rect.height() <= 0)
        rect = rect.isNull() ? QRectF(-3, -3, 6, 6) : rect.adjusted(-1, -1, 1, 1);  // a standard normal's span
    return rect;
}

qreal MapItem::scale() const
{
    const QRectF rect = dataRect();
    const qreal w = std::max(1.0, width() - 2 * kMargin), h = std::max(1.0, height() - 2 * kMargin);
    return std::min(w / rect.width(), h / rect.height()) * m_zoom;
}

QPointF MapItem::toItem(const QPointF& data) const
{
    const QPointF c = dataRect().center();
    const qreal s = scale();
    return {width() / 2 + (data.x() - c.x()) * s + m_pan.x(), height() / 2 - (data.y() - c.y()) * s + m_pan.y()};
}

QPointF MapItem::toData(const QPointF& item) const
{
    const QPointF c = dataRect().center();
    const qreal s = scale();
    return {c.x() + (item.x() - width() / 2 - m_pan.x()) / s, c.y() - (item.y() - height() / 2 - m_pan.y()) / s};
}

QPointF MapItem::cursorPosition() const
{
    return toItem(m_model ? m_model->cursor() : QPointF());
}

int MapItem::pointAt(const QPointF& item) const
{
    if (!m_model || m_model->empty())
        return -1;
    const qreal radius = (m_pointSize / 2 + 3) / scale();
    return m_model->nearestPoint(toData(item), radius);
}

void MapItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        viewDirty();
}

void MapItem::setDragMode(DragMode mode)
{
    const bool wasDragging = dragging();
    m_dragMode = mode;
    if (wasDragging != dragging())
        Q_EMIT draggingChanged();
}

void MapItem::mousePressEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    m_pressPosition = pos;
    if (event->button() == Qt::RightButton) {
        m_panStart = m_pan;
        setDragMode(DragMode::Pan);
    } else if (!m_model) {
        event->ignore();
        return;
    } else {
        const QPointF c = cursorPosition();
        m_pressedPoint = std::hypot(pos.x() - c.x(), pos.y() - c.y()) <= kCursorGrab ? -1 : pointAt(pos);
        if (m_pressedPoint >= 0) {
            setDragMode(DragMode::PendingClick);  // a click on a point, unless it turns into a drag
        } else {
            setDragMode(DragMode::Cursor);
            m_model->moveCursor(toData(pos));
        }
    }
    event->accept();
}

void MapItem::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    switch (m_dragMode) {
    case DragMode::Pan:
        setPan(m_panStart + (pos - m_pressPosition));
        break;
    case DragMode::PendingClick:
        if (std::hypot(pos.x() - m_pressPosition.x(), pos.y() - m_pressPosition.y()) <= kClickSlop)
            break;
        setDragMode(DragMode::Cursor);
        [[fallthrough]];
    case DragMode::Cursor:
        if (m_model)
            m_model->moveCursor(toData(pos));
        break;
    case DragMode::None:
        break;
    }
    event->accept();
}

void MapItem::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragMode == DragMode::PendingClick && m_pressedPoint >= 0)
        Q_EMIT pointClicked(m_pressedPoint);
    m_pressedPoint = -1;
    setDragMode(DragMode::None);
    event->accept();
}

void MapItem::hoverMoveEvent(QHoverEvent* event)
{
    setHovered(pointAt(event->position()), event->position());
}

void MapItem::hoverLeaveEvent(QHoverEvent*)
{
    setHovered(-1, QPointF());
}

void MapItem::setHovered(int index, const QPointF& position)
{
    if (index == m_hovered)
        return;
    m_hovered = index;
    m_hoverPosition = position;
    Q_EMIT hoveredIndexChanged();
}

void MapItem::wheelEvent(QWheelEvent* event)
{
    // Zoom about the mouse: the data point under it stays put.
    const QPointF pos = event->position();
    const QPointF anchor = toData(pos);
    const qreal factor = std::pow(1.0015, event->angleDelta().y());
    m_zoom = std::clamp(m_zoom * factor, 0.1, 200.0);
    const QPointF moved = toItem(anchor);
    m_pan += pos - moved;
    viewDirty();
    event->accept();
}

QSGNode* MapItem::updatePaintNode(QSGNode* old, UpdatePaintNodeData*)
{
    // The software renderer (offscreen, no GPU) draws no custom geometry: paint an image instead.
    if (window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software)
        return updateSoftwareNode(old);
    auto* root = static_cast<MapRootNode*>(old);
    if (!root) {
        root = new MapRootNode;
        m_pointsDirty = m_overlayDirty = m_backgroundDirty = true;
    }
    if (m_backgroundDirty) {
        m_backgroundDirty = false;
        const bool has = m_model && m_model->hasBackground();
        if (!has && root->background) {
            root->removeChildNode(root->background);
            delete root->background;
            root->background = nullptr;
        } else if (has) {
            if (!root->background) {
                root->background = new QSGSimpleTextureNode;
                root->background->setOwnsTexture(true);
                root->background->setFiltering(QSGTexture::Linear);
                root->prependChildNode(root->background);
            }
            root->background->setTexture(window()->createTextureFromImage(m_model->background()));
            const QRectF r = m_model->backgroundRect();
            // Data y grows upwards: the rect's largest y is the item's top edge.
            root->background->setRect(
                QRectF(toItem(QPointF(r.left(), r.bottom())), toItem(QPointF(r.right(), r.top()))).normalized());
        }
    }
    if (m_pointsDirty) {
        m_pointsDirty = false;
        TriangleList triangles;
        if (m_model) {
            const auto& points = m_model->points();
            const auto& colours = m_model->colours();
            const qreal half = m_pointSize / 2;
            for (std::size_t i = 0; i < points.size(); ++i)
                triangles.square(toItem(QPointF(points[i].x, points[i].y)), half, colours[i], 215);
        }
        triangles.upload(root->points);
    }
    if (m_overlayDirty) {
        m_overlayDirty = false;
        TriangleList triangles;
        const QRgb freehandColour = 0xffffb020;
        QPointF previous;
        for (int i = 0; i < m_freehand.size(); ++i) {
            const QPointF p = toItem(m_freehand[i].toPointF());
            if (i > 0)
                triangles.segment(previous, p, 2.0, freehandColour, 210);
            triangles.square(p, 1.5, freehandColour);
            previous = p;
        }
        if (m_freehandHighlight >= 0 && m_freehandHighlight < m_freehand.size())
            triangles.ring(toItem(m_freehand[m_freehandHighlight].toPointF()), 5.0, 7.5, freehandColour);
        const QRgb pathColour = 0xffffffff;
        for (int i = 0; i < m_path.size(); ++i) {
            const QPointF p = toItem(m_path[i].toPointF());
            if (i > 0)
                triangles.segment(previous, p, 2.0, pathColour, 200);
            triangles.square(p, 3.5, pathColour);
            previous = p;
        }
        if (m_pathHighlight >= 0 && m_pathHighlight < m_path.size())
            triangles.ring(toItem(m_path[m_pathHighlight].toPointF()), 5.5, 8.0, 0xff40e0ff);
        if (m_model && !m_model->empty()) {
            const QPointF c = cursorPosition();
            triangles.ring(c, 7.0, 10.0, 0xffffffff);
            triangles.ring(c, 10.0, 11.5, 0xff000000);
            triangles.segment(c - QPointF(16, 0), c - QPointF(11, 0), 1.5, 0xffffffff);
            triangles.segment(c + QPointF(11, 0), c + QPointF(16, 0), 1.5, 0xffffffff);
            triangles.segment(c - QPointF(0, 16), c - QPointF(0, 11), 1.5, 0xffffffff);
            triangles.segment(c + QPointF(0, 11), c + QPointF(0, 16), 1.5, 0xffffffff);
        }
        triangles.upload(root->overlay);
    }
    return root;
}

QSGNode* MapItem::updateSoftwareNode(QSGNode* old)
{
    auto* node = static_cast<QSGImageNode*>(old);
    if (!node) {
        node = window()->createImageNode();
        node->setOwnsTexture(true);
    }
    m_pointsDirty = m_overlayDirty = m_backgroundDirty = false;
    const QSize size(std::max(1, int(width())), std::max(1, int(height())));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    if (m_model && m_model->hasBackground()) {
        const QRectF r = m_model->backgroundRect();
        painter.drawImage(QRectF(toItem(QPointF(r.left(), r.bottom())), toItem(QPointF(r.right(), r.top()))),
                          m_model->background());
    }
    if (m_model) {
        const auto& points = m_model->points();
        const auto& colours = m_model->colours();
        const qreal half = m_pointSize / 2;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const QPointF p = toItem(QPointF(points[i].x, points[i].y));
            painter.fillRect(QRectF(p.x() - half, p.y() - half, m_pointSize, m_pointSize), QColor::fromRgba(colours[i]));
        }
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xffffb020), 2));
    for (int i = 1; i < m_freehand.size(); ++i)
        painter.drawLine(toItem(m_freehand[i - 1].toPointF()), toItem(m_freehand[i].toPointF()));
    painter.setPen(QPen(Qt::white, 2));
    for (int i = 1; i < m_path.size(); ++i)
        painter.drawLine(toItem(m_path[i - 1].toPointF()), toItem(m_path[i].toPointF()));
    if (m_pathHighlight >= 0 && m_pathHighlight < m_path.size()) {
        painter.setPen(QPen(QColor(0xff40e0ff), 2.5));
        painter.drawEllipse(toItem(m_path[m_pathHighlight].toPointF()), 7.0, 7.0);
    }
    if (m_model && !m_model->empty()) {
        const QPointF c = cursorPosition();
        painter.setPen(QPen(Qt::black, 5));
        painter.drawEllipse(c, 9.0, 9.0);
        painter.setPen(QPen(Qt::white, 3));
        painter.drawEllipse(c, 8.5, 8.5);
    }
    painter.end();
    node->setTexture(window()->createTextureFromImage(image));
    node->setRect(QRectF(0, 0, size.width(), size.height()));
    return node;
}

} // namespace gs
