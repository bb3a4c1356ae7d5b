#pragma once
// A 2D or 3D view of a latent space. For latent sizes above the view's, PCA:
// the principal axes of the centred latent means (an SVD); a map position maps
// back to the z on the plane / volume through the data mean. For latent sizes
// up to the view's, the identity (extra view axes stay 0). Plain vectors, so
// it is saved with a model or project as it is. Torch-free header.
#include "interpolation.h"

#include <vector>

namespace gs {

class Projection {
public:
    Projection() = default;
    // Identity for a latent of `latent` dimensions viewed in `dims` (2 or 3) axes.
    static Projection identity(int latent, int dims);
    // PCA of these means (each of the same size) to `dims` axes; the identity when latent <= dims.
    // Fewer than 2 means give an identity view centred on the mean.
    static Projection fit(const std::vector<LatentVector>& means, int dims);
    // Rebuilds a saved projection (axes row-major: dims rows of latent values).
    static Projection fromParts(int latent, int dims, LatentVector mean, std::vector<float> axes,
                                std::vector<float> explainedVariance, bool pca);

    int latent() const { return m_latent; }
    int dims() const { return m_dims; }
    bool isPca() const { return m_pca; }
    const LatentVector& mean() const { return m_mean; }
    const std::vector<float>& axes() const { return m_axes; }  // dims x latent, orthonormal rows
    const std::vector<float>& explainedVariance() const { return m_explained; }  // fraction per axis (PCA)

    // Latent -> map position (dims values).
    std::vector<float> project(const LatentVector& z) const;
    // Map position -> z on the plane / volume through the mean.
    LatentVector unproject(const std::vector<float>& position) const;

private:
    int m_latent = 0;
    int m_dims = 0;
    bool m_pca = false;
    LatentVector m_mean;
    std::vector<float> m_axes;
    std::vector<float> m_explained;
};

} // namespace gs
