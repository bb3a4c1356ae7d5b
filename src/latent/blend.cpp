#include "blend.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gs {

LatentVector bilinear(const std::array<LatentVector, 4>& corners, float u, float v)
{
    u = std::clamp(std::isfinite(u) ? u : 0.0f, 0.0f, 1.0f);
    v = std::clamp(std::isfinite(v) ? v : 0.0f, 0.0f, 1.0f);
    // Weights rather than nested lerps: at a corner three weights are exactly 0 and the corner comes back bit for bit.
    const float w[4] = {(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v};
    LatentVector z(corners[0].size(), 0.0f);
    for (std::size_t c = 0; c < 4; ++c) {
        if (corners[c].size() != z.size())
            throw std::invalid_argument("blend corners of different latent sizes");
        for (std::size_t d = 0; d < z.size(); ++d)
            z[d] += w[c] * corners[c][d];
    }
    return z;
}

LatentVector inverseDistance(const std::vector<LatentVector>& anchors, const std::vector<std::array<float, 2>>& positions,
                             std::array<float, 2> at, float power)
{
    if (anchors.empty() || anchors.size() != positions.size())
        return {};
    std::vector<double> weights(anchors.size());
    double total = 0.0;
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        const double d = std::hypot(double(positions[i][0]) - at[0], double(positions[i][1]) - at[1]);
        if (d < 1e-9)
            return anchors[i];  // on an anchor: exactly it
        weights[i] = 1.0 / std::pow(d, double(power));
        total += weights[i];
    }
    LatentVector z(anchors.front().size(), 0.0f);
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        if (anchors[i].size() != z.size())
            throw std::invalid_argument("blend anchors of different latent sizes");
        for (std::size_t d = 0; d < z.size(); ++d)
            z[d] += float(weights[i] / total * anchors[i][d]);
    }
    return z;
}

} // namespace gs
