#pragma once
// The blend surface: four bookmarks pinned at the corners of a square pad; moving the puck blends their
// latents bilinearly (latent/blend.h) and moves the map's cursor there, so the groove is decoded, played,
// recorded (freehand) and exported as anywhere on the map. A corner is a bookmark row of the same model
// (bookmarks pinned on another model cannot blend here). GUI thread.
#include "map/bookmarkmodel.h"
#include "map/mapcontroller.h"

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace gs {

class BlendSurface : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(gs::BookmarkModel* bookmarks READ bookmarks WRITE setBookmarks NOTIFY bookmarksChanged)
    // Bookmark rows at top-left, top-right, bottom-left, bottom-right (-1: empty).
    Q_PROPERTY(QList<int> corners READ corners NOTIFY cornersChanged)
    // The puck: u (left 0 .. right 1), v (top 0 .. bottom 1).
    Q_PROPERTY(QPointF position READ position NOTIFY positionChanged)
    // All four corners hold bookmarks of the map's model: moving the puck decodes.
    Q_PROPERTY(bool ready READ ready NOTIFY cornersChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    explicit BlendSurface(QObject* parent = nullptr);

    MapController* controller() const { return m_controller; }
    void setController(MapController* controller);
    BookmarkModel* bookmarks() const { return m_bookmarks; }
    void setBookmarks(BookmarkModel* bookmarks);
    QList<int> corners() const { return {m_corners[0], m_corners[1], m_corners[2], m_corners[3]}; }
    QPointF position() const { return m_position; }
    bool ready() const;
    QString message() const { return m_message; }

    // Pins bookmark `row` at `corner` (0..3); -1 empties it. False (and a message) for a bookmark that
    // cannot blend on this map.
    Q_INVOKABLE bool setCorner(int corner, int row);
    // Moves the puck (clamped to the square) and, when ready, the map's cursor to the blend.
    Q_INVOKABLE void moveTo(double u, double v);
    // The blended latent at (u, v); empty unless ready.
    LatentVector blendAt(double u, double v) const;

Q_SIGNALS:
    void controllerChanged();
    void bookmarksChanged();
    void cornersChanged();
    void positionChanged();
    void messageChanged();

private:
    void setMessage(const QString& message);
    void forgetCorners();

    QPointer<MapController> m_controller;
    QPointer<BookmarkModel> m_bookmarks;
    std::array<int, 4> m_corners{-1, -1, -1, -1};
    QPointF m_position{0.5, 0.5};
    QString m_message;
};

} // namespace gs
