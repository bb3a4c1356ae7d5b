#include "embeddinglayout.h"

#include <algorithm>
#include <utility>

namespace gs {

namespace {

// Below this squared distance the query is on the point: its own value, not a blend.
constexpr float onPoint = 1e-12f;

// The k smallest (squared distance, index) pairs, nearest first.
std::vector<std::pair<float, int>> nearestOf(std::vector<std::pair<float, int>> all, int k)
{
    k = std::clamp(k, 1, int(all.size()));
    std::partial_sort(all.begin(), all.begin() + k, all.end());
    all.resize(std::size_t(k));
    return all;
}

} // namespace

EmbeddingLayout::EmbeddingLayout(std::vector<float> positions, std::vector<LatentVector> means)
    : m_positions(std::move(positions)), m_means(std::move(means))
{
    if (m_positions.size() != 2 * m_means.size()) {  // a mismatch is a caller's bug: no layout rather than a wrong one
        m_positions.clear();
        m_means.clear();
    }
}

LatentVector EmbeddingLayout::latentAt(float qx, float qy, int k) const
{
    if (m_means.empty())
        return {};
    std::vector<std::pair<float, int>> all(m_means.size());
    for (std::size_t i = 0; i < m_means.size(); ++i) {
        const float dx = m_positions[2 * i] - qx, dy = m_positions[2 * i + 1] - qy;
        all[i] = {dx * dx + dy * dy, int(i)};
    }
    return blendMeans(nearestOf(std::move(all), k));
}

LatentVector EmbeddingLayout::blendOf(const LatentVector& z, int k) const
{
    if (m_means.empty())
        return {};
    return blendMeans(nearestMeans(z, k));
}

int EmbeddingLayout::nearestPoint(const LatentVector& z) const
{
    return m_means.empty() ? -1 : nearestMeans(z, 1).front().second;
}

void EmbeddingLayout::positionOf(const LatentVector& z, float& px, float& py, int k) const
{
    px = py = 0.0f;
    if (m_means.empty())
        return;
    const auto near = nearestMeans(z, k);
    if (near.front().first < onPoint) {
        px = x(near.front().second);
        py = y(near.front().second);
        return;
    }
    double total = 0.0, sx = 0.0, sy = 0.0;
    for (const auto& [d2, i] : near) {
        const double w = 1.0 / d2;
        total += w;
        sx += w * x(i);
        sy += w * y(i);
    }
    px = float(sx / total);
    py = float(sy / total);
}

std::vector<std::pair<float, int>> EmbeddingLayout::nearestMeans(const LatentVector& z, int k) const
{
    std::vector<std::pair<float, int>> all(m_means.size());
    for (std::size_t i = 0; i < m_means.size(); ++i) {
        float d2 = 0.0f;
        const LatentVector& mean = m_means[i];
        for (std::size_t d = 0; d < z.size() && d < mean.size(); ++d)
            d2 += (mean[d] - z[d]) * (mean[d] - z[d]);
        all[i] = {d2, int(i)};
    }
    return nearestOf(std::move(all), k);
}

LatentVector EmbeddingLayout::blendMeans(const std::vector<std::pair<float, int>>& near) const
{
    if (near.front().first < onPoint)
        return m_means[std::size_t(near.front().second)];
    LatentVector z(m_means.front().size(), 0.0f);
    double total = 0.0;
    for (const auto& [d2, i] : near)
        total += 1.0 / d2;
    for (const auto& [d2, i] : near) {
        const float w = float(1.0 / d2 / total);
        const LatentVector& mean = m_means[std::size_t(i)];
        for (std::size_t d = 0; d < z.size() && d < mean.size(); ++d)
            z[d] += w * mean[d];
    }
    return z;
}

} // namespace gs
