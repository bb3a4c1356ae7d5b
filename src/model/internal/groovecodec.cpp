#include "groovecodec.h"

#include <algorithm>

namespace gs {

torch::Tensor groovesToTensor(const std::vector<const Groove*>& grooves, int steps, int voices)
{
    torch::Tensor t = torch::zeros({int64_t(grooves.size()), steps, 3 * voices});
    float* out = t.data_ptr<float>();
    for (const Groove* g : grooves) {
        for (int s = 0; s < steps; ++s) {
            const std::size_t base = std::size_t(s) * std::size_t(voices);
            std::copy_n(g->hits().data() + base, voices, out);
            std::copy_n(g->velocities().data() + base, voices, out + voices);
            std::copy_n(g->offsets().data() + base, voices, out + 2 * voices);
            out += 3 * voices;
        }
    }
    return t;
}

torch::Tensor groovesToTensor(const std::vector<Groove>& grooves, int steps, int voices)
{
    std::vector<const Groove*> pointers;
    pointers.reserve(grooves.size());
    for (const Groove& g : grooves)
        pointers.push_back(&g);
    return groovesToTensor(pointers, steps, voices);
}

std::vector<Groove> decodedToGrooves(const Decoded& decoded, const Grid& grid, float threshold)
{
    const torch::Tensor hits = torch::sigmoid(decoded.hitLogits).contiguous().to(torch::kFloat);
    const torch::Tensor vel = decoded.velocity.contiguous().to(torch::kFloat);
    const torch::Tensor off = decoded.offset.contiguous().to(torch::kFloat);
    const int64_t batch = hits.size(0), steps = hits.size(1), voices = hits.size(2);
    std::vector<Groove> grooves;
    grooves.reserve(std::size_t(batch));
    const float* h = hits.data_ptr<float>();
    const float* v = vel.data_ptr<float>();
    const float* o = off.data_ptr<float>();
    for (int64_t b = 0; b < batch; ++b) {
        Groove g(grid, int(voices));
        for (int64_t s = 0; s < steps; ++s)
            for (int64_t k = 0; k < voices; ++k, ++h, ++v, ++o)
                if (*h >= threshold)
                    g.setHit(int(s), int(k), *v, *o);
        grooves.push_back(std::move(g));
    }
    return grooves;
}

} // namespace gs
