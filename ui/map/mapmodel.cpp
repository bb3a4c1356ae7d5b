#include "map/mapmodel.h"

#include <QFileInfo>
#include <QVariantMap>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs {

namespace {

// Eighteen colours that stay apart on a dark background (after Kelly's colours of maximum contrast, lightened):
// one for each style of the Groove MIDI Dataset; more categories reuse them (the first-hour report: 14 styles
// on 12 colours, two cyans, two yellows and two pinks).
const QRgb kPalette[] = {0xfff3c300, 0xfff38400, 0xffa1caf1, 0xffe8344e, 0xffc2b280, 0xff2ecc71,
                         0xffe68fac, 0xff3d9be9, 0xfff99379, 0xff9b7fd4, 0xff8db600, 0xffb86b4b,
                         0xff4fd1c5, 0xffbdbdbd, 0xffff5fd2, 0xffffe5a0, 0xff9ca85a, 0xff6a8cff};
constexpr int kPaletteSize = int(sizeof(kPalette) / sizeof(kPalette[0]));

QRgb categoryColour(int index)
{
    if (index < 0)
        return 0xff808080;
    return kPalette[index % kPaletteSize];
}

// Dark blue -> teal -> yellow, t in 0..1 (a short viridis-like ramp).
QRgb rampColour(float t)
{
    t = std::clamp(t, 0.0f, 1.0f);
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x21, 0x91, 0x8c), QColor(0xfd, 0xe7, 0x25)};
    const float scaled = t * 2.0f;
    const int i = std::min(1, int(scaled));
    const float f = scaled - float(i);
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return qRgb(int(a.red() + (b.red() - a.red()) * f), int(a.green() + (b.green() - a.green()) * f),
                int(a.blue() + (b.blue() - a.blue()) * f));
}

QVariantMap legendEntry(const QString& name, QRgb colour)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("colour"), QColor::fromRgba(colour)}};
}

} // namespace

MapModel::MapModel(QObject* parent) : QObject(parent), m_status(tr("No model loaded")) {}

void MapModel::setPoints(std::vector<MapPointSource> points, QStringList files, QStringList styles)
{
    m_points = std::move(points);
    m_files = std::move(files);
    m_styles = std::move(styles);
    if (m_points.empty()) {
        m_bounds = QRectF();
    } else {
        float minX = std::numeric_limits<float>::max(), minY = minX;
        float maxX = std::numeric_limits<float>::lowest(), maxY = maxX;
        for (const MapPointSource& p : m_points) {
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
        }
        m_bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
    }
    recolour();
    Q_EMIT pointsChanged();
}

void MapModel::clear()
{
    setPoints({}, {}, {});
    m_background = QImage();
    m_backgroundRect = QRectF();
    Q_EMIT backgroundChanged();
}

void MapModel::setColourBy(const QString& mode)
{
    if (mode == m_colourBy)
        return;
    if (mode != QLatin1String("style") && mode != QLatin1String("density") && mode != QLatin1String("file"))
        return;  // unknown modes are ignored rather than drawing everything grey
    m_colourBy = mode;
    recolour();
    Q_EMIT colourByChanged();
    Q_EMIT pointsChanged();
}

void MapModel::recolour()
{
    ++m_revision;
    m_colours.resize(m_points.size());
    QVariantList legend;
    if (m_colourBy == QLatin1String("density")) {
        float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
        for (const MapPointSource& p : m_points) {
            lo = std::min(lo, p.density);
            hi = std::max(hi, p.density);
        }
        const float span = hi > lo ? hi - lo : 1.0f;
        for (std::size_t i = 0; i < m_points.size(); ++i)
            m_colours[i] = rampColour((m_points[i].density - lo) / span);
        if (!m_points.empty()) {
            legend << legendEntry(tr("%1 hits").arg(double(lo)), rampColour(0.0f));
            legend << legendEntry(tr("%1 hits").arg(double(lo + span / 2)), rampColour(0.5f));
            legend << legendEntry(tr("%1 hits").arg(double(hi)), rampColour(1.0f));
        }
    } else {
        const bool byFile = m_colourBy == QLatin1String("file");
        for (std::size_t i = 0; i < m_points.size(); ++i)
            m_colours[i] = categoryColour(byFile ? m_points[i].file : m_points[i].style);
        const QStringList& names = byFile ? m_files : m_styles;
        // A legend of hundreds of files helps nobody: list the first few.
        const int shown = byFile ? std::min<int>(int(names.size()), 12) : int(names.size());
        for (int i = 0; i < shown; ++i)
            legend << legendEntry(byFile ? QFileInfo(names[i]).fileName() : names[i], categoryColour(i));
        if (!byFile && std::any_of(m_points.begin(), m_points.end(), [](const MapPointSource& p) { return p.style < 0; }))
            legend << legendEntry(tr("unknown"), categoryColour(-1));
    }
    if (legend != m_legend) {
        m_legend = legend;
        Q_EMIT legendChanged();
    }
}

void MapModel::setCursor(const QPointF& cursor)
{
    if (cursor == m_cursor)
        return;
    m_cursor = cursor;
    Q_EMIT cursorChanged();
}

void MapModel::moveCursor(const QPointF& cursor)
{
    setCursor(cursor);
    Q_EMIT cursorMovedByUser(cursor);
}

void MapModel::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged();
}

void MapModel::setBackground(const QImage& image, const QRectF& rect)
{
    m_background = image;
    m_backgroundRect = rect;
    Q_EMIT backgroundChanged();
}

QPointF MapModel::pointPosition(int index) const
{
    if (index < 0 || index >= count())
        return {};
    return {m_points[std::size_t(index)].x, m_points[std::size_t(index)].y};
}

QVector3D MapModel::pointPosition3D(int index) const
{
    if (index < 0 || index >= count())
        return {};
    const MapPointSource& p = m_points[std::size_t(index)];
    return {p.x, p.y, p.z};
}

QColor MapModel::pointColour(int index) const
{
    if (index < 0 || index >= count())
        return {};
    return QColor::fromRgba(m_colours[std::size_t(index)]);
}

QString MapModel::pointLabel(int index) const
{
    if (index < 0 || index >= count())
        return {};
    const MapPointSource& p = m_points[std::size_t(index)];
    const QString file = p.file >= 0 && p.file < m_files.size() ? QFileInfo(m_files[p.file]).fileName() : tr("?");
    return tr("%1, bar %2").arg(file).arg(p.bar + 1);
}

QString MapModel::pointStyle(int index) const
{
    if (index < 0 || index >= count())
        return {};
    const int style = m_points[std::size_t(index)].style;
    return style >= 0 && style < m_styles.size() ? m_styles[style] : QString();
}

int MapModel::pointFile(int index) const
{
    return index < 0 || index >= count() ? -1 : m_points[std::size_t(index)].file;
}

int MapModel::pointBar(int index) const
{
    return index < 0 || index >= count() ? -1 : m_points[std::size_t(index)].bar;
}

int MapModel::nearestPoint(const QPointF& position, qreal radius) const
{
    int best = -1;
    double bestDistance = radius * radius;
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const double dx = double(m_points[i].x) - position.x();
        const double dy = double(m_points[i].y) - position.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

} // namespace gs
