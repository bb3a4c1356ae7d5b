#include "interpolation.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace gs {

namespace {

void requireSameSize(const LatentVector& a, const LatentVector& b)
{
    if (a.size() != b.size())
        throw std::invalid_argument("latent vectors of different sizes (" + std::to_string(a.size()) + " and "
                                    + std::to_string(b.size()) + ")");
}

double dot(const LatentVector& a, const LatentVector& b)
{
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += double(a[i]) * double(b[i]);
    return s;
}

} // namespace

float norm(const LatentVector& v) { return float(std::sqrt(dot(v, v))); }

float distance(const LatentVector& a, const LatentVector& b)
{
    requireSameSize(a, b);
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    return float(std::sqrt(s));
}

LatentVector lerp(const LatentVector& a, const LatentVector& b, float t)
{
    requireSameSize(a, b);
    LatentVector out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        out[i] = a[i] + t * (b[i] - a[i]);
    return out;
}

LatentVector slerp(const LatentVector& a, const LatentVector& b, float t)
{
    requireSameSize(a, b);
    const double na = std::sqrt(dot(a, a));
    const double nb = std::sqrt(dot(b, b));
    if (na < 1e-12 || nb < 1e-12)
        return lerp(a, b, t);
    const double cosOmega = std::clamp(dot(a, b) / (na * nb), -1.0, 1.0);
    const double omega = std::acos(cosOmega);
    const double sinOmega = std::sin(omega);
    // Parallel or opposite: the great circle is undefined; a straight line is the honest answer.
    if (sinOmega < 1e-6)
        return lerp(a, b, t);
    const double wa = std::sin((1.0 - t) * omega) / sinOmega;
    const double wb = std::sin(t * omega) / sinOmega;
    const double targetNorm = (1.0 - t) * na + t * nb;
    LatentVector out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        out[i] = float(targetNorm * (wa * a[i] / na + wb * b[i] / nb));
    return out;
}

std::vector<LatentVector> interpolate(const LatentVector& a, const LatentVector& b, int count, InterpolationMode mode)
{
    requireSameSize(a, b);
    std::vector<LatentVector> out;
    if (count <= 1) {
        if (count == 1)
            out.push_back(a);
        return out;
    }
    out.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const float t = float(i) / float(count - 1);
        out.push_back(mode == InterpolationMode::Spherical ? slerp(a, b, t) : lerp(a, b, t));
    }
    // Endpoints exactly as given (no rounding drift).
    out.front() = a;
    out.back() = b;
    return out;
}

std::vector<LatentVector> evenPath(const std::vector<LatentVector>& points, int count)
{
    std::vector<LatentVector> out;
    if (points.empty() || count <= 0)
        return out;
    if (points.size() == 1 || count == 1) {
        out.assign(std::size_t(count), points.front());
        return out;
    }
    std::vector<double> cumulative(points.size(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i)
        cumulative[i] = cumulative[i - 1] + distance(points[i - 1], points[i]);
    const double total = cumulative.back();
    if (total <= 0.0) {
        out.assign(std::size_t(count), points.front());
        return out;
    }
    std::size_t segment = 1;
    for (int k = 0; k < count; ++k) {
        const double target = total * double(k) / double(count - 1);
        while (segment + 1 < points.size() && cumulative[segment] < target)
            ++segment;
        const double length = cumulative[segment] - cumulative[segment - 1];
        const double t = length > 0.0 ? (target - cumulative[segment - 1]) / length : 0.0;
        out.push_back(lerp(points[segment - 1], points[segment], float(std::clamp(t, 0.0, 1.0))));
    }
    out.front() = points.front();
    out.back() = points.back();
    return out;
}

LatentVector moveAlong(const LatentVector& z, const LatentVector& direction, float amount, bool normalised)
{
    requireSameSize(z, direction);
    const float n = normalised ? norm(direction) : 1.0f;
    LatentVector out = z;
    if (n <= 0.0f)
        return out;
    for (std::size_t i = 0; i < z.size(); ++i)
        out[i] += amount * direction[i] / n;
    return out;
}

LatentVector jitter(const LatentVector& z, float sigma, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    LatentVector out = z;
    for (float& v : out)
        v += sigma * normal(rng);
    return out;
}

} // namespace gs
