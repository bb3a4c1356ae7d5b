#pragma once
// Moving through a latent space: straight and spherical interpolation, even
// spacing along a path of several points, and "randomise near here". Plain
// vectors, torch-free, so the app and the command line use them directly.
#include <cstdint>
#include <vector>

namespace gs {

using LatentVector = std::vector<float>;

enum class InterpolationMode { Linear, Spherical };

// a + t (b - a). Sizes must match.
LatentVector lerp(const LatentVector& a, const LatentVector& b, float t);
// Spherical interpolation of the directions with the norm interpolated
// linearly (as MusicVAE's slerp for vectors of different length); falls back
// to lerp when a or b is zero or the two are (anti)parallel.
LatentVector slerp(const LatentVector& a, const LatentVector& b, float t);

// `count` points from a to b inclusive (count >= 2; count 1 gives a).
std::vector<LatentVector> interpolate(const LatentVector& a, const LatentVector& b, int count,
                                      InterpolationMode mode = InterpolationMode::Linear);

// `count` points evenly spaced by arc length along the polyline through
// `points` (first and last included). Empty when points is empty.
std::vector<LatentVector> evenPath(const std::vector<LatentVector>& points, int count);

// z + amount * direction / |direction| (normalised = true) or z + amount * direction.
LatentVector moveAlong(const LatentVector& z, const LatentVector& direction, float amount, bool normalised = true);

// z + N(0, sigma^2) per dimension, seeded ("randomise near here").
LatentVector jitter(const LatentVector& z, float sigma, std::uint64_t seed);

float norm(const LatentVector& v);
float distance(const LatentVector& a, const LatentVector& b);

} // namespace gs
