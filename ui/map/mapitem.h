#pragma once
// The 2D latent map: every dataset window as a coloured square, the cursor,
// an interpolation path and the decoded-density background, drawn through
// the scene graph in a handful of nodes (one geometry for all points), so
// 25,000 points stay at full frame rate while the cursor is dragged: a drag
// only rebuilds the small cursor geometry. Left-drag moves the cursor, a
// click on a point jumps there, right-drag pans, the wheel zooms.
#include "map/mapmodel.h"

#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

namespace gs {

class MapItem : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapModel* model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(qreal zoom READ zoom WRITE setZoom NOTIFY viewChanged)
    Q_PROPERTY(QPointF pan READ pan WRITE setPan NOTIFY viewChanged)
    Q_PROPERTY(qreal pointSize READ pointSize WRITE setPointSize NOTIFY pointSizeChanged)
    Q_PROPERTY(int hoveredIndex READ hoveredIndex NOTIFY hoveredIndexChanged)
    Q_PROPERTY(QPointF hoverPosition READ hoverPosition NOTIFY hoveredIndexChanged)
    Q_PROPERTY(bool dragging READ dragging NOTIFY draggingChanged)
    Q_PROPERTY(QVariantList path READ path WRITE setPath NOTIFY pathChanged)
    Q_PROPERTY(int pathHighlight READ pathHighlight WRITE setPathHighlight NOTIFY pathChanged)
    Q_PROPERTY(QVariantList freehandPath READ freehandPath WRITE setFreehandPath NOTIFY freehandPathChanged)
    Q_PROPERTY(int freehandHighlight READ freehandHighlight WRITE setFreehandHighlight NOTIFY freehandPathChanged)
    Q_PROPERTY(QPointF cursorPosition READ cursorPosition NOTIFY cursorPositionChanged)

public:
    explicit MapItem(QQuickItem* parent = nullptr);

    MapModel* model() const { return m_model; }
    void setModel(MapModel* model);
    qreal zoom() const { return m_zoom; }
    void setZoom(qreal zoom);
    QPointF pan() const { return m_pan; }
    void setPan(const QPointF& pan);
    qreal pointSize() const { return m_pointSize; }
    void setPointSize(qreal size);
    int hoveredIndex() const { return m_hovered; }
    QPointF hoverPosition() const { return m_hoverPosition; }
    bool dragging() const { return m_dragMode == DragMode::Cursor; }
    // Data-coordinate points (QPointF) of the interpolation path, drawn as a line with dots.
    QVariantList path() const { return m_path; }
    void setPath(const QVariantList& path);
    // The path step being heard (ringed), -1 for none.
    int pathHighlight() const { return m_pathHighlight; }
    void setPathHighlight(int index);
    // Data-coordinate points of the recorded freehand path, drawn as an amber line.
    QVariantList freehandPath() const { return m_freehand; }
    void setFreehandPath(const QVariantList& path);
    int freehandHighlight() const { return m_freehandHighlight; }
    void setFreehandHighlight(int index);
    // The cursor in item coordinates (for tests and overlays).
    QPointF cursorPosition() const;

    Q_INVOKABLE QPointF toItem(const QPointF& data) const;
    Q_INVOKABLE QPointF toData(const QPointF& item) const;
    // The point under an item position (within the point size plus a margin), or -1.
    Q_INVOKABLE int pointAt(const QPointF& item) const;
    Q_INVOKABLE void resetView();

Q_SIGNALS:
    void modelChanged();
    void viewChanged();
    void pointSizeChanged();
    void hoveredIndexChanged();
    void draggingChanged();
    void pathChanged();
    void freehandPathChanged();
    void cursorPositionChanged();
    // The user clicked a point (press and release without dragging).
    void pointClicked(int index);

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData* data) override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void hoverMoveEvent(QHoverEvent* event) override;
    void hoverLeaveEvent(QHoverEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    enum class DragMode { None, Cursor, Pan, PendingClick };
    QSGNode* updateSoftwareNode(QSGNode* old);
    QRectF dataRect() const;
    qreal scale() const;
    void setHovered(int index, const QPointF& position);
    void viewDirty();
    void setDragMode(DragMode mode);

    QPointer<MapModel> m_model;
    qreal m_zoom = 1.0;
    QPointF m_pan;
    qreal m_pointSize = 4.0;
    int m_hovered = -1;
    QPointF m_hoverPosition;
    QVariantList m_path;
    int m_pathHighlight = -1;
    QVariantList m_freehand;
    int m_freehandHighlight = -1;
    DragMode m_dragMode = DragMode::None;
    QPointF m_pressPosition;
    QPointF m_panStart;
    int m_pressedPoint = -1;
    // What the render thread must rebuild on the next sync.
    bool m_pointsDirty = true;
    bool m_backgroundDirty = true;
    bool m_overlayDirty = true;
};

} // namespace gs
