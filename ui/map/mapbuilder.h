#pragma once
// The slow half of filling the map, run off the GUI thread: encode the
// dataset's windows that fit the model, fit the 2D and 3D projections, the
// attribute directions, and the decoded-density background (one batch of
// decodes over a grid of map positions). Torch-free.
#include "latent/attributes.h"
#include "latent/latentspace.h"
#include "latent/projection.h"
#include "map/mapmodel.h"

#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace gs {

class Dataset;

struct MapBuild {
    std::shared_ptr<const LatentSpace> space;
    Projection plane;  // 2D
    Projection volume;  // 3D
    std::vector<MapPointSource> points;
    std::vector<int> windows;  // point -> dataset window index
    std::vector<LatentVector> means;  // point -> encoded mean
    QStringList files;
    QStringList styles;
    std::vector<AttributeVector> attributes;  // density, velocity, offset (empty directions when too few points)
    QImage background;
    QRectF backgroundRect;
    QString error;  // non-empty when nothing could be built
    int otherShape = 0;  // dataset windows not on this map: another meter, grid or drum map than the model's
};

// Encodes `dataset` (may be null: then only the projections of the latent
// prior are set up) with `space`. `cancel` is checked between batches.
MapBuild buildMap(std::shared_ptr<const LatentSpace> space, std::shared_ptr<const Dataset> dataset,
                  const std::atomic<bool>* cancel = nullptr, int backgroundResolution = 48);

// Expected hit count (sum of hit probabilities) decoded over a res x res grid of
// `rect` in `plane` coordinates, as a translucent image (row 0 = top = largest y).
QImage densityBackground(const LatentSpace& space, const Projection& plane, const QRectF& rect, int resolution);

} // namespace gs
