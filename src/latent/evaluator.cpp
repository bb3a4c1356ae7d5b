#include "evaluator.h"

#include "attributes.h"
#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace gs {

namespace {

// False when the caller's progress callback asks to stop.
bool keepGoing(const EvalOptions& options, const char* phase, double fraction)
{
    return !options.progress || options.progress(phase, fraction);
}

} // namespace

std::map<std::string, double> EvalReport::flatten() const
{
    std::map<std::string, double> m{
        {"windows", windows},
        {"hit_precision", hitPrecision},
        {"hit_recall", hitRecall},
        {"hit_f1", hitF1},
        {"velocity_mse", velocityMse},
        {"offset_mse", offsetMse},
        {"smoothness_mean", smoothnessMean},
        {"smoothness_max", smoothnessMax},
        {"smoothness_pairs", pairs},
        {"attribute_correlation_density", densityCorrelation},
        {"attribute_correlation_velocity", velocityCorrelation},
        {"attribute_correlation_offset", offsetCorrelation},
        {"attribute_change_density", densityChange},
        {"attribute_change_velocity", velocityChange},
        {"attribute_change_offset", offsetChange},
        {"active_dims", activeDims},
    };
    double total = 0.0;
    for (std::size_t d = 0; d < klPerDim.size(); ++d) {
        m["kl_dim_" + std::to_string(d)] = klPerDim[d];
        total += klPerDim[d];
    }
    m["kl_total"] = total;
    return m;
}

Result<EvalReport> Evaluator::evaluate(const std::vector<Groove>& windows, const EvalOptions& options,
                                       const std::atomic<bool>* cancel) const
{
    if (windows.empty())
        return Error{"", "no windows to evaluate on"};
    if (!keepGoing(options, "reconstruction", 0.0))
        return Error{"", "evaluation cancelled"};
    auto encoded = m_space.encode(windows, {}, cancel);
    if (!encoded)
        return encoded.error();
    EvalReport report;
    report.windows = int(windows.size());
    if (!reconstruction(windows, *encoded, options, report) || (cancel && cancel->load()))
        return Error{"", "evaluation cancelled"};
    if (!smoothness(*encoded, options, report) || (cancel && cancel->load()))
        return Error{"", "evaluation cancelled"};
    if (!attributes(windows, *encoded, options, report) || (cancel && cancel->load()))
        return Error{"", "evaluation cancelled"};
    kl(*encoded, report);
    return report;
}

bool Evaluator::reconstruction(const std::vector<Groove>& windows, const EncodedSet& encoded,
                               const EvalOptions& options, EvalReport& report) const
{
    ReconstructionStats stats;
    const std::size_t batch = 1024;
    for (std::size_t first = 0; first < windows.size(); first += batch) {
        const std::size_t count = std::min(batch, windows.size() - first);
        std::vector<LatentVector> zs(encoded.mean.begin() + long(first), encoded.mean.begin() + long(first + count));
        const auto decoded = m_space.decode(zs);
        for (std::size_t i = 0; i < count; ++i)
            stats.add(windows[first + i], hitMask(decoded[i], options.threshold), decoded[i].velocity, decoded[i].offset);
        if (!keepGoing(options, "reconstruction", double(first + count) / double(windows.size())))
            return false;
    }
    report.hitPrecision = stats.precision();
    report.hitRecall = stats.recall();
    report.hitF1 = stats.f1();
    report.velocityMse = stats.velocityMse();
    report.offsetMse = stats.offsetMse();
    return true;
}

bool Evaluator::smoothness(const EncodedSet& encoded, const EvalOptions& options, EvalReport& report) const
{
    const std::size_t n = encoded.mean.size();
    if (n < 2 || options.pairs <= 0 || options.interpolationPoints < 2)
        return true;
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, n - 1);
    const int pairs = options.pairs;
    const int points = options.interpolationPoints;
    double sum = 0.0;
    int worst = 0;
    // Pairs go to the decoder in chunks: one batch decodes much faster than 20 single z's.
    const int chunk = 64;
    for (int first = 0; first < pairs; first += chunk) {
        const int count = std::min(chunk, pairs - first);
        std::vector<LatentVector> zs;
        zs.reserve(std::size_t(count * points));
        for (int p = 0; p < count; ++p) {
            const std::size_t a = pick(rng);
            std::size_t b = pick(rng);
            while (b == a)
                b = pick(rng);
            for (auto& z : interpolate(encoded.mean[a], encoded.mean[b], points))
                zs.push_back(std::move(z));
        }
        const auto decoded = m_space.decode(zs);
        for (int p = 0; p < count; ++p) {
            int pairMax = 0;
            auto previous = hitMask(decoded[std::size_t(p * points)], options.threshold);
            for (int k = 1; k < points; ++k) {
                auto mask = hitMask(decoded[std::size_t(p * points + k)], options.threshold);
                pairMax = std::max(pairMax, hammingDistance(previous, mask));
                previous = std::move(mask);
            }
            sum += pairMax;
            worst = std::max(worst, pairMax);
        }
        if (!keepGoing(options, "smoothness", double(first + count) / double(pairs)))
            return false;
    }
    report.pairs = pairs;
    report.smoothnessMean = sum / pairs;
    report.smoothnessMax = worst;
    return true;
}

bool Evaluator::attributes(const std::vector<Groove>& windows, const EncodedSet& encoded, const EvalOptions& options,
                           EvalReport& report) const
{
    const std::size_t n = encoded.mean.size();
    if (n < 4)
        return true;
    std::mt19937_64 rng(options.seed + 1);
    // The directions from (up to) attributeSamples data points, as the paper's 5,000.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    order.resize(std::min<std::size_t>(n, std::size_t(std::max(4, options.attributeSamples))));
    std::vector<LatentVector> means;
    for (std::size_t i : order)
        means.push_back(encoded.mean[i]);

    // The range of the data on each axis: a scaled point outside it is discarded (as the paper).
    const std::size_t dims = encoded.mean.front().size();
    LatentVector low(dims, 1e30f), high(dims, -1e30f);
    for (const auto& m : encoded.mean)
        for (std::size_t d = 0; d < dims; ++d) {
            low[d] = std::min(low[d], m[d]);
            high[d] = std::max(high[d], m[d]);
        }

    const Attribute kinds[3] = {Attribute::Density, Attribute::Velocity, Attribute::Offset};
    double* targets[3] = {&report.densityCorrelation, &report.velocityCorrelation, &report.offsetCorrelation};
    double* changes[3] = {&report.densityChange, &report.velocityChange, &report.offsetChange};
    int fewest = options.attributeSamples;
    for (int k = 0; k < 3; ++k) {
        const AttributeKey key{kinds[k], -1};
        std::vector<std::optional<float>> values;
        for (std::size_t i : order)
            values.push_back(attributeValue(windows[i], key));
        const AttributeVector vec = attributeVector(key, means, values);
        if (vec.direction.empty())
            continue;
        std::uniform_int_distribution<std::size_t> pick(0, n - 1);
        std::uniform_real_distribution<float> scale(-1.0f, 1.0f);
        std::vector<LatentVector> zs, starts;
        std::vector<double> scales;
        const int wanted = std::max(2, options.attributeSamples);
        for (int tries = 0; int(zs.size()) < wanted && tries < 20 * wanted; ++tries) {
            const float s = scale(rng);
            const std::size_t start = pick(rng);
            LatentVector z = moveAlong(encoded.mean[start], vec.direction, s, false);
            bool inside = true;
            for (std::size_t d = 0; d < dims && inside; ++d)
                inside = z[d] >= low[d] && z[d] <= high[d];
            if (!inside)
                continue;
            zs.push_back(std::move(z));
            starts.push_back(encoded.mean[start]);
            scales.push_back(s);
        }
        const auto decoded = m_space.decode(zs);
        const auto decodedStarts = m_space.decode(starts);
        SamplingOptions sampling;
        sampling.threshold = options.threshold;
        std::vector<double> x, y, cx, cy;
        for (std::size_t i = 0; i < decoded.size(); ++i) {
            const auto v = attributeValue(realise(decoded[i], sampling), key);
            if (!v)
                continue;
            x.push_back(scales[i]);
            y.push_back(*v);
            if (const auto v0 = attributeValue(realise(decodedStarts[i], sampling), key)) {
                cx.push_back(scales[i]);
                cy.push_back(*v - *v0);
            }
        }
        *targets[k] = pearson(x, y);
        *changes[k] = pearson(cx, cy);
        fewest = std::min(fewest, int(x.size()));
        if (!keepGoing(options, "attributes", double(k + 1) / 3.0))
            return false;
    }
    report.attributeSamples = fewest;
    return true;
}

void Evaluator::kl(const EncodedSet& encoded, EvalReport& report)
{
    if (encoded.mean.empty())
        return;
    const std::size_t dims = encoded.mean.front().size();
    report.klPerDim.assign(dims, 0.0);
    for (std::size_t i = 0; i < encoded.mean.size(); ++i)
        for (std::size_t d = 0; d < dims; ++d) {
            const double mu = encoded.mean[i][d], lv = encoded.logVar[i][d];
            report.klPerDim[d] += 0.5 * (mu * mu + std::exp(lv) - 1.0 - lv);
        }
    report.activeDims = 0;
    for (double& v : report.klPerDim) {
        v /= double(encoded.mean.size());
        if (v > 0.01)
            ++report.activeDims;
    }
}

} // namespace gs
