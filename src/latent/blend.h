#pragma once
// Blending grooves on a surface (as Beat Blender and Mutable Instruments Grids do): anchors pinned at corners or
// free positions, and a point's latent made from theirs by where it is. Torch-free.
#include "interpolation.h"

#include <array>
#include <vector>

namespace gs {

// Bilinear between four corners: top-left, top-right, bottom-left, bottom-right; u (left 0 .. right 1) and
// v (top 0 .. bottom 1) are clamped to the square. At a corner, exactly that corner's latent.
LatentVector bilinear(const std::array<LatentVector, 4>& corners, float u, float v);

// Inverse-distance weighting (Shepard, power 2) of anchors at free positions; at an anchor's own position,
// exactly its latent. Empty when there are no anchors.
LatentVector inverseDistance(const std::vector<LatentVector>& anchors, const std::vector<std::array<float, 2>>& positions,
                             std::array<float, 2> at, float power = 2.0f);

} // namespace gs
