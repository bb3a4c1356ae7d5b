#include "map/mapbuilder.h"

#include "dataset/dataset.h"

#include <QColor>

#include <algorithm>
#include <cmath>
#include <map>

namespace gs {

namespace {

bool fitsModel(const Groove& groove, const ModelConfig& config)
{
    return groove.steps() == config.steps() && groove.voices() == config.voices();
}

// The map's extent: the points' bounds with a margin, or the prior's +-3 sigma.
QRectF mapExtent(const std::vector<MapPointSource>& points)
{
    if (points.empty())
        return QRectF(-3, -3, 6, 6);
    float minX = points[0].x, maxX = minX, minY = points[0].y, maxY = minY;
    for (const MapPointSource& p : points) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const qreal mx = std::max(0.1, 0.08 * (maxX - minX)), my = std::max(0.1, 0.08 * (maxY - minY));
    return QRectF(QPointF(minX - mx, minY - my), QPointF(maxX + mx, maxY + my));
}

} // namespace

QImage densityBackground(const LatentSpace& space, const Projection& plane, const QRectF& rect, int resolution)
{
    resolution = std::max(2, resolution);
    std::vector<LatentVector> zs;
    zs.reserve(std::size_t(resolution) * std::size_t(resolution));
    for (int row = 0; row < resolution; ++row) {
        const float y = float(rect.bottom() - (row + 0.5) * rect.height() / resolution);  // row 0 = top
        for (int col = 0; col < resolution; ++col) {
            const float x = float(rect.left() + (col + 0.5) * rect.width() / resolution);
            zs.push_back(plane.unproject({x, y}));
        }
    }
    const std::vector<DecodedGroove> decoded = space.decode(zs);
    std::vector<float> expected(decoded.size(), 0.0f);
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        float sum = 0.0f;
        for (std::size_t cell = 0; cell < decoded[i].hitLogits.size(); ++cell)
            sum += decoded[i].probability(cell);
        expected[i] = sum;
    }
    const auto [lo, hi] = std::minmax_element(expected.begin(), expected.end());
    const float span = *hi > *lo ? *hi - *lo : 1.0f;
    QImage image(resolution, resolution, QImage::Format_ARGB32_Premultiplied);
    for (int row = 0; row < resolution; ++row) {
        for (int col = 0; col < resolution; ++col) {
            const float hits = expected[std::size_t(row * resolution + col)];
            const float t = (hits - *lo) / span;
            // Dense regions glow warm; sparse ones stay near the background; where the model expects fewer
            // than 4 hits in the window it is near-silent, drawn flat grey so a musician sees the hole.
            const QColor c = hits < 4.0f ? QColor::fromRgbF(0.16f, 0.16f, 0.17f, 0.85f)
                                         : QColor::fromHsvF(0.62f - 0.55f * t, 0.7f, 0.25f + 0.45f * t, 0.55f);
            image.setPixel(col, row, qPremultiply(c.rgba()));
        }
    }
    return image;
}

MapBuild buildMap(std::shared_ptr<const LatentSpace> space, std::shared_ptr<const Dataset> dataset,
                  const std::atomic<bool>* cancel, int backgroundResolution)
{
    MapBuild build;
    build.space = space;
    const ModelConfig& config = space->config();
    std::vector<Groove> grooves;
    if (dataset) {
        std::map<std::string, int> styleIndex;
        for (int i = 0; i < dataset->windowCount(); ++i) {
            const DatasetWindow& w = dataset->windows()[std::size_t(i)];
            if (!fitsModel(w.groove, config)) {
                ++build.otherShape;
                continue;
            }
            grooves.push_back(w.groove);
            build.windows.push_back(i);
            MapPointSource p;
            p.file = w.file;
            p.bar = w.firstBar;
            p.density = float(w.groove.hitCount());
            if (!w.style.empty()) {
                auto [it, added] = styleIndex.emplace(w.style, int(styleIndex.size()));
                if (added)
                    build.styles << QString::fromStdString(w.style);
                p.style = it->second;
            }
            build.points.push_back(p);
        }
        for (const FileRecord& f : dataset->files())
            build.files << QString::fromStdString(f.path);
        if (!grooves.empty()) {
            Result<EncodedSet> encoded = space->encode(grooves, {}, cancel);
            if (!encoded.ok()) {
                build.error = QString::fromStdString(encoded.error().describe());
                return build;
            }
            build.means = std::move(encoded->mean);
        }
    }
    // No windows (no dataset, or every window excluded): the model alone, on its own axes.
    if (build.means.empty()) {
        build.plane = Projection::identity(config.latent, 2);
        build.volume = Projection::identity(config.latent, 3);
    } else {
        build.plane = Projection::fit(build.means, 2);
        build.volume = Projection::fit(build.means, 3);
    }
    for (std::size_t i = 0; i < build.means.size(); ++i) {
        const std::vector<float> p2 = build.plane.project(build.means[i]);
        const std::vector<float> p3 = build.volume.project(build.means[i]);
        build.points[i].x = p2[0];
        build.points[i].y = p2[1];
        build.points[i].z = p3[2];
    }
    for (Attribute a : {Attribute::Density, Attribute::Velocity, Attribute::Offset}) {
        const AttributeKey key{a, -1};
        std::vector<std::optional<float>> values;
        values.reserve(grooves.size());
        for (const Groove& g : grooves)
            values.push_back(attributeValue(g, key));
        build.attributes.push_back(attributeVector(key, build.means, values));
    }
    if (cancel && cancel->load())
        return build;
    build.backgroundRect = mapExtent(build.points);
    build.background = densityBackground(*space, build.plane, build.backgroundRect, backgroundResolution);
    return build;
}

} // namespace gs
