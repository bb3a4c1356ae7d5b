#include "metrics.h"

#include <cmath>
#include <stdexcept>

namespace gs {

int hammingDistance(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
    if (a.size() != b.size())
        throw std::invalid_argument("hit masks of different sizes");
    int d = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        d += (a[i] != 0) != (b[i] != 0) ? 1 : 0;
    return d;
}

void ReconstructionStats::add(const Groove& target, const std::vector<std::uint8_t>& hits,
                              const std::vector<float>& velocity, const std::vector<float>& offset)
{
    if (hits.size() != target.cells() || velocity.size() != target.cells() || offset.size() != target.cells())
        throw std::invalid_argument("decoded planes do not match the target window");
    const auto& th = target.hits();
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const bool truth = th[i] > 0.5f;
        const bool predicted = hits[i] != 0;
        if (truth && predicted)
            ++m_tp;
        else if (predicted)
            ++m_fp;
        else if (truth)
            ++m_fn;
        if (truth) {
            ++m_trueHits;
            const double dv = double(velocity[i]) - target.velocities()[i];
            const double dofs = double(offset[i]) - target.offsets()[i];
            m_velocitySe += dv * dv;
            m_offsetSe += dofs * dofs;
        }
    }
    ++m_windows;
}

double ReconstructionStats::precision() const { return m_tp + m_fp > 0 ? double(m_tp) / double(m_tp + m_fp) : 0.0; }
double ReconstructionStats::recall() const { return m_tp + m_fn > 0 ? double(m_tp) / double(m_tp + m_fn) : 0.0; }

double ReconstructionStats::f1() const
{
    const double p = precision(), r = recall();
    return p + r > 0.0 ? 2.0 * p * r / (p + r) : 0.0;
}

double ReconstructionStats::velocityMse() const { return m_trueHits > 0 ? m_velocitySe / double(m_trueHits) : 0.0; }
double ReconstructionStats::offsetMse() const { return m_trueHits > 0 ? m_offsetSe / double(m_trueHits) : 0.0; }

double pearson(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return 0.0;
    double mx = 0.0, my = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= double(n);
    my /= double(n);
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0.0 || syy <= 0.0)
        return 0.0;
    return sxy / std::sqrt(sxx * syy);
}

} // namespace gs
