#include "accompanimentmetrics.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

struct Moments {
    double n = 0, sum = 0, squares = 0;
    void add(double x)
    {
        n += 1;
        sum += x;
        squares += x * x;
    }
    double deviation() const
    {
        if (n < 2)
            return 0;
        const double mean = sum / n;
        return std::sqrt(std::max(0.0, squares / n - mean * mean));
    }
};

} // namespace

std::map<std::string, double> accompanimentMetrics(const std::vector<Groove>& generated,
    const std::vector<Groove>& real)
{
    double truePositive = 0, falsePositive = 0, falseNegative = 0, velocityError = 0, offsetError = 0;
    Moments generatedOffset, realOffset;
    double windows = 0, generatedHits = 0, realHits = 0;
    const std::size_t pairs = std::min(generated.size(), real.size());
    for (std::size_t i = 0; i < pairs; ++i) {
        const Groove& g = generated[i];
        const Groove& r = real[i];
        if (g.steps() != r.steps() || g.voices() != r.voices())
            continue;
        windows += 1;
        for (int s = 0; s < r.steps(); ++s)
            for (int v = 0; v < r.voices(); ++v) {
                const bool gh = g.hit(s, v), rh = r.hit(s, v);
                generatedHits += gh ? 1 : 0;
                realHits += rh ? 1 : 0;
                if (gh && rh) {
                    truePositive += 1;
                    velocityError += std::pow(double(g.velocity(s, v) - r.velocity(s, v)), 2);
                    offsetError += std::pow(double(g.offset(s, v) - r.offset(s, v)), 2);
                    generatedOffset.add(g.offset(s, v));
                    realOffset.add(r.offset(s, v));
                } else if (gh) {
                    falsePositive += 1;
                } else if (rh) {
                    falseNegative += 1;
                }
            }
    }
    const double precision = truePositive + falsePositive > 0 ? truePositive / (truePositive + falsePositive) : 0;
    const double recall = truePositive + falseNegative > 0 ? truePositive / (truePositive + falseNegative) : 0;
    const double spread = realOffset.deviation();
    return {{"windows", windows}, {"hit_precision", precision}, {"hit_recall", recall},
        {"hit_f1", precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0},
        {"velocity_mse", truePositive > 0 ? velocityError / truePositive : 0},
        {"offset_mse", truePositive > 0 ? offsetError / truePositive : 0},
        {"offset_spread_ratio", spread > 0 ? generatedOffset.deviation() / spread : 0},
        {"generated_hits", windows > 0 ? generatedHits / windows : 0},
        {"real_hits", windows > 0 ? realHits / windows : 0}};
}

} // namespace gs
