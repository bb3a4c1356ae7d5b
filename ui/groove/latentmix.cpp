#include "latentmix.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gs {

void LatentMemory::setLoops(int loops)
{
    m_loops = std::clamp(loops, 1, 16);
    while (int(m_history.size()) > m_loops)
        m_history.pop_front();
}

void LatentMemory::push(const LatentVector& z)
{
    if (!m_history.empty() && m_history.back().size() != z.size())
        m_history.clear();  // another model: its latents do not mix with these
    m_history.push_back(z);
    while (int(m_history.size()) > m_loops)
        m_history.pop_front();
}

LatentVector LatentMemory::mean() const
{
    if (m_history.empty())
        return {};
    LatentVector sum(m_history.front().size(), 0.0f);
    for (const LatentVector& z : m_history)
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum[i] += z[i];
    for (float& v : sum)
        v /= float(m_history.size());
    return sum;
}

LatentVector follow(const LatentVector& current, const LatentVector& target, float amount)
{
    if (current.size() != target.size() || !std::isfinite(amount))
        return target;
    return lerp(current, target, std::clamp(amount, 0.0f, 1.0f));
}

float oscillation(double loops, double cyclesPerLoop)
{
    if (!std::isfinite(loops) || !std::isfinite(cyclesPerLoop) || cyclesPerLoop <= 0.0)
        return 0.0f;
    return float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * loops * cyclesPerLoop));
}

} // namespace gs
