#include "projection.h"

#include <torch/torch.h>

#include <stdexcept>

namespace gs {

Projection Projection::identity(int latent, int dims)
{
    Projection p;
    p.m_latent = latent;
    p.m_dims = dims;
    p.m_mean.assign(std::size_t(latent), 0.0f);
    p.m_axes.assign(std::size_t(dims) * std::size_t(latent), 0.0f);
    for (int d = 0; d < std::min(latent, dims); ++d)
        p.m_axes[std::size_t(d) * std::size_t(latent) + std::size_t(d)] = 1.0f;
    return p;
}

Projection Projection::fromParts(int latent, int dims, LatentVector mean, std::vector<float> axes,
                                 std::vector<float> explainedVariance, bool pca)
{
    if (latent <= 0 || dims <= 0 || mean.size() != std::size_t(latent)
        || axes.size() != std::size_t(latent) * std::size_t(dims))
        throw std::invalid_argument("projection parts do not fit together");
    Projection p;
    p.m_latent = latent;
    p.m_dims = dims;
    p.m_pca = pca;
    p.m_mean = std::move(mean);
    p.m_axes = std::move(axes);
    p.m_explained = std::move(explainedVariance);
    return p;
}

Projection Projection::fit(const std::vector<LatentVector>& means, int dims)
{
    if (means.empty())
        throw std::invalid_argument("no latent means to project");
    const int latent = int(means.front().size());
    if (latent <= dims)
        return identity(latent, dims);
    const auto n = int64_t(means.size());
    torch::Tensor data = torch::empty({n, latent}, torch::kFloat64);
    auto acc = data.accessor<double, 2>();
    for (int64_t i = 0; i < n; ++i) {
        if (means[std::size_t(i)].size() != std::size_t(latent))
            throw std::invalid_argument("latent means of different sizes");
        for (int d = 0; d < latent; ++d)
            acc[i][d] = means[std::size_t(i)][std::size_t(d)];
    }
    torch::Tensor mean = data.mean(0);
    Projection p = identity(latent, dims);
    for (int d = 0; d < latent; ++d)
        p.m_mean[std::size_t(d)] = float(mean[d].item<double>());
    if (n < 2)
        return p;
    torch::Tensor centred = data - mean;
    auto [u, s, vh] = torch::linalg_svd(centred, false);
    (void)u;
    // Sign convention: the largest component of each axis is positive, so a refit gives the same map.
    const double total = (s * s).sum().item<double>();
    p.m_pca = true;
    p.m_explained.assign(std::size_t(dims), 0.0f);
    for (int k = 0; k < dims; ++k) {
        torch::Tensor axis = vh[k];
        const auto maxIndex = axis.abs().argmax().item<int64_t>();
        if (axis[maxIndex].item<double>() < 0.0)
            axis = -axis;
        for (int d = 0; d < latent; ++d)
            p.m_axes[std::size_t(k) * std::size_t(latent) + std::size_t(d)] = float(axis[d].item<double>());
        if (k < s.size(0) && total > 0.0)
            p.m_explained[std::size_t(k)] = float(s[k].item<double>() * s[k].item<double>() / total);
    }
    return p;
}

std::vector<float> Projection::project(const LatentVector& z) const
{
    if (z.size() != std::size_t(m_latent))
        throw std::invalid_argument("latent vector of the wrong size for this projection");
    std::vector<float> out(std::size_t(m_dims), 0.0f);
    for (int k = 0; k < m_dims; ++k) {
        double s = 0.0;
        for (int d = 0; d < m_latent; ++d)
            s += double(m_axes[std::size_t(k) * std::size_t(m_latent) + std::size_t(d)]) * (z[std::size_t(d)] - m_mean[std::size_t(d)]);
        out[std::size_t(k)] = float(s);
    }
    return out;
}

LatentVector Projection::unproject(const std::vector<float>& position) const
{
    if (position.size() != std::size_t(m_dims))
        throw std::invalid_argument("map position of the wrong size for this projection");
    LatentVector z = m_mean;
    for (int k = 0; k < m_dims; ++k)
        for (int d = 0; d < m_latent; ++d)
            z[std::size_t(d)] += position[std::size_t(k)] * m_axes[std::size_t(k) * std::size_t(m_latent) + std::size_t(d)];
    return z;
}

} // namespace gs
