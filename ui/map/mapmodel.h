#pragma once
// The latent map's data for QML and MapItem: one point per dataset window
// (projected position, provenance, colour), the legend, the cursor (current
// z in projected coordinates) and the decoded-density background. GUI thread
// only; filled by the map controller from the latent space.
#include <QColor>
#include <QImage>
#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QVariantList>
#include <QVector3D>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

struct MapPointSource {
    float x = 0.0f;  // first two (PCA) coordinates
    float y = 0.0f;
    float z = 0.0f;  // third coordinate, for the 3D view (0 for a 2D latent)
    int file = 0;  // index into the file names
    int bar = 0;  // first bar of the window, 0-based
    int style = -1;  // index into the style names, -1 if unknown
    float density = 0.0f;  // hits in the window
};

class MapModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY pointsChanged)
    Q_PROPERTY(bool empty READ empty NOTIFY pointsChanged)
    Q_PROPERTY(QRectF bounds READ bounds NOTIFY pointsChanged)
    Q_PROPERTY(QString colourBy READ colourBy WRITE setColourBy NOTIFY colourByChanged)
    Q_PROPERTY(QVariantList legend READ legend NOTIFY legendChanged)
    Q_PROPERTY(QPointF cursor READ cursor WRITE setCursor NOTIFY cursorChanged)
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY statusChanged)
    Q_PROPERTY(bool hasBackground READ hasBackground NOTIFY backgroundChanged)

public:
    explicit MapModel(QObject* parent = nullptr);

    // Replaces every point; files and styles are the name tables the indices refer to.
    void setPoints(std::vector<MapPointSource> points, QStringList files, QStringList styles);
    void clear();

    int count() const { return int(m_points.size()); }
    bool empty() const { return m_points.empty(); }
    QRectF bounds() const { return m_bounds; }
    const std::vector<MapPointSource>& points() const { return m_points; }
    // One ARGB colour per point, for the current colourBy.
    const std::vector<QRgb>& colours() const { return m_colours; }
    // Bumped on every change of positions or colours, so renderers can skip rebuilds.
    quint64 revision() const { return m_revision; }

    QString colourBy() const { return m_colourBy; }
    void setColourBy(const QString& mode);  // "style", "density" or "file"
    QVariantList legend() const { return m_legend; }

    QPointF cursor() const { return m_cursor; }
    void setCursor(const QPointF& cursor);
    // A move the user made (drag, click, slider): sets the cursor and asks for a decode.
    Q_INVOKABLE void moveCursor(const QPointF& cursor);
    QString status() const { return m_status; }
    void setStatus(const QString& status);

    bool hasBackground() const { return !m_background.isNull(); }
    const QImage& background() const { return m_background; }
    QRectF backgroundRect() const { return m_backgroundRect; }
    // An image of decoded values over `rect` (data coordinates; row 0 is the top, i.e. the largest y).
    void setBackground(const QImage& image, const QRectF& rect);

    Q_INVOKABLE QPointF pointPosition(int index) const;
    Q_INVOKABLE QVector3D pointPosition3D(int index) const;
    Q_INVOKABLE QColor pointColour(int index) const;
    // "file.mid, bar 3" (bars counted from 1 for people).
    Q_INVOKABLE QString pointLabel(int index) const;
    Q_INVOKABLE QString pointStyle(int index) const;
    Q_INVOKABLE int pointFile(int index) const;
    Q_INVOKABLE int pointBar(int index) const;
    // The point nearest to `position` within `radius` (data units), or -1.
    Q_INVOKABLE int nearestPoint(const QPointF& position, qreal radius) const;

Q_SIGNALS:
    void pointsChanged();
    void colourByChanged();
    void legendChanged();
    void cursorChanged();
    void cursorMovedByUser(const QPointF& cursor);
    void statusChanged();
    void backgroundChanged();

private:
    void recolour();

    std::vector<MapPointSource> m_points;
    std::vector<QRgb> m_colours;
    QStringList m_files;
    QStringList m_styles;
    QRectF m_bounds;
    QString m_colourBy = QStringLiteral("style");
    QVariantList m_legend;
    QPointF m_cursor;
    QString m_status;
    QImage m_background;
    QRectF m_backgroundRect;
    quint64 m_revision = 0;
};

} // namespace gs
