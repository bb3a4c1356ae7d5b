#pragma once
// Barnes-Hut t-SNE (van der Maaten 2014) of our own: no Debian package does
// it. Plain row-major floats in, 2D positions out. Input similarities are
// perplexity-calibrated Gaussians over each point's 3 * perplexity nearest
// neighbours (exact search), symmetrised into a sparse P; repulsion goes
// through a quadtree (theta). One thread, deterministic for a seed. Torch-free.
#include "core/error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace gs {

struct TsneOptions {
    float perplexity = 30.0f;  // clamped to (n - 1) / 3
    float theta = 0.5f;  // Barnes-Hut accuracy: 0 is exact (slow), larger is coarser
    int iterations = 1000;
    int exaggerationIterations = 250;  // early exaggeration, and momentum 0.5, until here
    float exaggeration = 12.0f;
    float learningRate = 0.0f;  // 0: max(200, n / exaggeration), which keeps large sets from stalling
    std::uint64_t seed = 1;
};

// Called from the running thread: (iterations done, iterations in all).
using TsneProgress = std::function<void(int done, int total)>;

// `data`: n rows of `dims` values. Returns n * 2 positions (x, y per row), or an
// error: a row with NaN or infinity (named by its index), a size that does not
// divide, or a cancelled run (`cancel` is checked at every iteration and
// during the neighbour search; a cancelled run gives no layout). Fewer than 4
// rows give a trivial layout (a row of points along x).
Result<std::vector<float>> tsne(const std::vector<float>& data, int dims, const TsneOptions& options = {},
                                const TsneProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace gs
