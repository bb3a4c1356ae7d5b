#pragma once
// A t-SNE layout of the map's points and the way between it and the latent
// space. t-SNE has no inverse: a layout position decodes the latent blended
// from the nearest points' means by inverse-distance weights (exactly a
// point's mean on that point), and a latent is placed on the layout by the
// same blend of its nearest means' positions. Plain values, any thread.
#include "latent/interpolation.h"

#include <utility>
#include <vector>

namespace gs {

class EmbeddingLayout {
public:
    EmbeddingLayout() = default;
    // positions: x, y per point; means: one latent per point (the same count).
    EmbeddingLayout(std::vector<float> positions, std::vector<LatentVector> means);

    bool empty() const { return m_means.empty(); }
    int count() const { return int(m_means.size()); }
    float x(int point) const { return m_positions[2 * std::size_t(point)]; }
    float y(int point) const { return m_positions[2 * std::size_t(point) + 1]; }

    // The latent under a layout position: the `k` nearest points' means weighted by 1 / distance^2.
    LatentVector latentAt(float x, float y, int k = 6) const;
    // Where a latent sits on the layout: the `k` nearest means' positions, weighted the same way.
    void positionOf(const LatentVector& z, float& x, float& y, int k = 6) const;
    // The same blend in the latent space itself: the `k` means nearest `z`, weighted the same way.
    LatentVector blendOf(const LatentVector& z, int k = 6) const;
    // The point whose mean is nearest `z` (-1 without points).
    int nearestPoint(const LatentVector& z) const;

private:
    // The `k` smallest (squared latent distance to `z`, point) pairs, nearest first.
    std::vector<std::pair<float, int>> nearestMeans(const LatentVector& z, int k) const;
    // The means of `near` weighted by 1 / distance^2 (the nearest one alone when the query is on it).
    LatentVector blendMeans(const std::vector<std::pair<float, int>>& near) const;

    std::vector<float> m_positions;
    std::vector<LatentVector> m_means;
};

} // namespace gs
