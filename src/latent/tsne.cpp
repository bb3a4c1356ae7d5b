#include "latent/tsne.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <utility>

namespace gs {

namespace {

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Sparse symmetric P in compressed rows.
struct SparseP {
    std::vector<std::size_t> rowStart;  // n + 1
    std::vector<int> column;
    std::vector<float> value;
};

// Centred and scaled so the largest magnitude is 1: the bandwidth search then starts from the same place
// whatever units the latent space has.
std::vector<float> normalised(const std::vector<float>& data, int n, int dims)
{
    std::vector<float> x(data);
    for (int d = 0; d < dims; ++d) {
        double mean = 0.0;
        for (int i = 0; i < n; ++i)
            mean += x[std::size_t(i) * dims + d];
        mean /= n;
        for (int i = 0; i < n; ++i)
            x[std::size_t(i) * dims + d] -= float(mean);
    }
    float largest = 0.0f;
    for (float v : x)
        largest = std::max(largest, std::abs(v));
    if (largest > 0.0f)
        for (float& v : x)
            v /= largest;
    return x;
}

// Row i's conditional probabilities over its neighbours' squared distances: a Gaussian whose bandwidth
// gives the wanted entropy log(perplexity), found by bisection on beta = 1 / (2 sigma^2).
void calibrateRow(const std::vector<float>& distances, float perplexity, std::vector<float>& out)
{
    const double target = std::log(double(perplexity));
    double beta = 1.0, lo = 0.0, hi = std::numeric_limits<double>::infinity();
    const std::size_t k = distances.size();
    out.assign(k, 0.0f);
    std::vector<double> p(k);
    for (int step = 0; step < 200; ++step) {
        // Shifted by the nearest distance, so exp never underflows to all zeros.
        const double nearest = distances.empty() ? 0.0 : distances.front();
        double sum = 0.0, weighted = 0.0;
        for (std::size_t m = 0; m < k; ++m) {
            p[m] = std::exp(-beta * (double(distances[m]) - nearest));
            sum += p[m];
            weighted += (double(distances[m]) - nearest) * p[m];
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (std::size_t m = 0; m < k; ++m)
            out[m] = float(p[m] / sum);
        const double gap = entropy - target;
        if (std::abs(gap) < 1e-5)
            break;
        if (gap > 0) {  // too flat: narrow the Gaussian
            lo = beta;
            beta = std::isinf(hi) ? beta * 2.0 : (beta + hi) / 2.0;
        } else {
            hi = beta;
            beta = (beta + lo) / 2.0;
        }
    }
}

// Exact k nearest neighbours (a full scan per row: about 2 s for 10,000 rows of 32 values) and their
// calibrated, symmetrised, normalised similarities. False when cancelled.
bool inputSimilarities(const std::vector<float>& x, int n, int dims, float perplexity, SparseP& P,
                       const std::atomic<bool>* cancel)
{
    const int k = std::min(n - 1, int(3.0f * perplexity));
    std::vector<std::pair<float, int>> scan(std::size_t(n) - 1);
    std::vector<float> distances(static_cast<std::size_t>(k)), row;
    std::vector<int> neighbour(std::size_t(n) * k);
    std::vector<float> conditional(std::size_t(n) * k);
    for (int i = 0; i < n; ++i) {
        if ((i & 127) == 0 && cancelled(cancel))
            return false;
        const float* xi = &x[std::size_t(i) * dims];
        std::size_t s = 0;
        for (int j = 0; j < n; ++j) {
            if (j == i)
                continue;
            const float* xj = &x[std::size_t(j) * dims];
            float d2 = 0.0f;
            for (int d = 0; d < dims; ++d)
                d2 += (xi[d] - xj[d]) * (xi[d] - xj[d]);
            scan[s++] = {d2, j};
        }
        std::partial_sort(scan.begin(), scan.begin() + k, scan.end());  // ties broken by index: deterministic
        for (int m = 0; m < k; ++m) {
            distances[std::size_t(m)] = scan[std::size_t(m)].first;
            neighbour[std::size_t(i) * k + m] = scan[std::size_t(m)].second;
        }
        calibrateRow(distances, perplexity, row);
        std::copy(row.begin(), row.end(), conditional.begin() + std::ptrdiff_t(i) * k);
    }
    // P = (P_j|i + P_i|j) / 2n: every directed edge in both directions, merged per row.
    std::vector<std::vector<std::pair<int, float>>> rows(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        for (int m = 0; m < k; ++m) {
            const int j = neighbour[std::size_t(i) * k + m];
            const float p = conditional[std::size_t(i) * k + m];
            rows[std::size_t(i)].emplace_back(j, p);
            rows[std::size_t(j)].emplace_back(i, p);
        }
    P.rowStart.assign(std::size_t(n) + 1, 0);
    P.column.clear();
    P.value.clear();
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
        auto& r = rows[std::size_t(i)];
        std::sort(r.begin(), r.end());
        for (std::size_t m = 0; m < r.size(); ++m) {
            if (!P.column.empty() && P.rowStart[std::size_t(i)] < P.column.size() && P.column.back() == r[m].first)
                P.value.back() += r[m].second;
            else {
                P.column.push_back(r[m].first);
                P.value.push_back(r[m].second);
            }
            total += r[m].second;
        }
        P.rowStart[std::size_t(i) + 1] = P.column.size();
        r = {};
    }
    for (float& v : P.value)
        v = float(v / total);
    return true;
}

// A quadtree over the layout, rebuilt every iteration: cells keep their centre of mass and count, leaves
// their range of points (several when points coincide).
class QuadTree {
public:
    void build(const std::vector<float>& y, int n)
    {
        m_y = &y;
        m_nodes.clear();
        m_order.resize(std::size_t(n));
        std::iota(m_order.begin(), m_order.end(), 0);
        float minX = y[0], maxX = y[0], minY = y[1], maxY = y[1];
        for (int i = 0; i < n; ++i) {
            minX = std::min(minX, y[2 * std::size_t(i)]);
            maxX = std::max(maxX, y[2 * std::size_t(i)]);
            minY = std::min(minY, y[2 * std::size_t(i) + 1]);
            maxY = std::max(maxY, y[2 * std::size_t(i) + 1]);
        }
        const float half = std::max({maxX - minX, maxY - minY, 1e-5f}) / 2.0f * 1.0001f;
        m_nodes.reserve(std::size_t(n) * 2);
        add(0, n, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
    }

    // The repulsive force on point i (unnormalised: sum over j of q_ij^2 (y_i - y_j)) and its share of
    // Z = sum over pairs of q_ij.
    double repulse(int i, float theta, float& fx, float& fy)
    {
        const std::vector<float>& y = *m_y;
        const float xi = y[2 * std::size_t(i)], yi = y[2 * std::size_t(i) + 1];
        double z = 0.0;
        fx = fy = 0.0f;
        m_stack.clear();
        m_stack.push_back(0);
        while (!m_stack.empty()) {
            const Node& node = m_nodes[std::size_t(m_stack.back())];
            m_stack.pop_back();
            const float dx = xi - node.comX, dy = yi - node.comY;
            const float d2 = dx * dx + dy * dy;
            const bool leaf = node.leaf();
            if (leaf || 4.0f * node.half * node.half < theta * theta * d2) {
                float count = float(node.end - node.begin);
                if (leaf)
                    for (int m = node.begin; m < node.end; ++m)
                        if (m_order[std::size_t(m)] == i)
                            count -= 1.0f;  // no force on itself
                if (count <= 0.0f)
                    continue;
                const float q = 1.0f / (1.0f + d2);
                z += double(count * q);
                fx += count * q * q * dx;
                fy += count * q * q * dy;
                continue;
            }
            for (int c = 0; c < 4; ++c)
                if (node.child[c] >= 0)
                    m_stack.push_back(node.child[c]);
        }
        return z;
    }

private:
    struct Node {
        float centreX, centreY, half, comX, comY;
        int begin, end;  // range of m_order
        int child[4];  // -1 where a quadrant is empty; all -1 for a leaf
        bool leaf() const { return child[0] < 0 && child[1] < 0 && child[2] < 0 && child[3] < 0; }
    };

    int add(int begin, int end, float cx, float cy, float half, int depth)
    {
        const std::vector<float>& y = *m_y;
        const int index = int(m_nodes.size());
        m_nodes.push_back({cx, cy, half, 0.0f, 0.0f, begin, end, {-1, -1, -1, -1}});
        double sx = 0.0, sy = 0.0;
        for (int m = begin; m < end; ++m) {
            sx += y[2 * std::size_t(m_order[std::size_t(m)])];
            sy += y[2 * std::size_t(m_order[std::size_t(m)]) + 1];
        }
        if (end > begin) {
            m_nodes[std::size_t(index)].comX = float(sx / (end - begin));
            m_nodes[std::size_t(index)].comY = float(sy / (end - begin));
        }
        if (end - begin <= 1 || depth >= 40)
            return index;  // a leaf (40 levels: points that coincide stay together)
        // Split into quadrants: left/right by x, then each half bottom/top by y.
        auto xOf = [&](int p) { return y[2 * std::size_t(p)]; };
        auto yOf = [&](int p) { return y[2 * std::size_t(p) + 1]; };
        auto first = m_order.begin();
        const auto midX = std::partition(first + begin, first + end, [&](int p) { return xOf(p) < cx; });
        const auto lowLeft = std::partition(first + begin, midX, [&](int p) { return yOf(p) < cy; });
        const auto lowRight = std::partition(midX, first + end, [&](int p) { return yOf(p) < cy; });
        const int bounds[5] = {begin, int(lowLeft - first), int(midX - first), int(lowRight - first), end};
        const float h = half / 2.0f;
        const float offsets[4][2] = {{-h, -h}, {-h, h}, {h, -h}, {h, h}};
        for (int c = 0; c < 4; ++c) {
            if (bounds[c + 1] == bounds[c])
                continue;  // empty quadrants get no node
            const int child = add(bounds[c], bounds[c + 1], cx + offsets[c][0], cy + offsets[c][1], h, depth + 1);
            m_nodes[std::size_t(index)].child[c] = child;  // by index: add() may have moved the vector
        }
        return index;
    }

    const std::vector<float>* m_y = nullptr;
    std::vector<Node> m_nodes;
    std::vector<int> m_order;
    std::vector<int> m_stack;
};

std::vector<float> trivialLayout(int n)
{
    std::vector<float> y(std::size_t(n) * 2, 0.0f);
    for (int i = 0; i < n; ++i)
        y[2 * std::size_t(i)] = float(i) - float(n - 1) / 2.0f;
    return y;
}

} // namespace

Result<std::vector<float>> tsne(const std::vector<float>& data, int dims, const TsneOptions& options,
                                const TsneProgress& progress, const std::atomic<bool>* cancel)
{
    if (dims <= 0 || data.size() % std::size_t(dims) != 0)
        return Error{"", "t-SNE: " + std::to_string(data.size()) + " values do not make rows of " +
                             std::to_string(dims)};
    const int n = int(data.size() / std::size_t(dims));
    for (int i = 0; i < n; ++i)
        for (int d = 0; d < dims; ++d)
            if (!std::isfinite(data[std::size_t(i) * dims + d]))
                return Error{"", "t-SNE: row " + std::to_string(i) + " has a value that is not a number (NaN or "
                                 "infinity); its latent mean is broken"};
    if (n < 4) {
        if (progress)
            progress(options.iterations, options.iterations);
        return trivialLayout(n);
    }
    const float perplexity = std::clamp(options.perplexity, 1.0f, float(n - 1) / 3.0f);
    SparseP P;
    if (!inputSimilarities(normalised(data, n, dims), n, dims, perplexity, P, cancel))
        return Error{"", "t-SNE cancelled"};

    std::mt19937_64 random(options.seed);
    std::vector<float> y(std::size_t(n) * 2);
    for (std::size_t v = 0; v < y.size(); v += 2) {  // Box-Muller by hand: the same start on every library
        const double u1 = (double(random() >> 11) + 0.5) / 9007199254740992.0;
        const double u2 = double(random() >> 11) / 9007199254740992.0;
        const double r = std::sqrt(-2.0 * std::log(u1)) * 1e-4;
        y[v] = float(r * std::cos(2.0 * M_PI * u2));
        y[v + 1] = float(r * std::sin(2.0 * M_PI * u2));
    }
    const float eta = options.learningRate > 0.0f ? options.learningRate
                                                  : std::max(200.0f, float(n) / std::max(1.0f, options.exaggeration));
    std::vector<float> update(y.size(), 0.0f), gains(y.size(), 1.0f), grad(y.size());
    std::vector<float> repulsive(y.size());
    QuadTree tree;
    const int total = std::max(0, options.iterations);
    for (int it = 0; it < total; ++it) {
        if (cancelled(cancel))
            return Error{"", "t-SNE cancelled"};
        const bool early = it < options.exaggerationIterations;
        const float exaggeration = early ? options.exaggeration : 1.0f;
        const float momentum = early ? 0.5f : 0.8f;
        tree.build(y, n);
        double z = 0.0;
        for (int i = 0; i < n; ++i)
            z += tree.repulse(i, options.theta, repulsive[2 * std::size_t(i)], repulsive[2 * std::size_t(i) + 1]);
        const float invZ = z > 0.0 ? float(1.0 / z) : 0.0f;
        for (int i = 0; i < n; ++i) {
            float ax = 0.0f, ay = 0.0f;
            const float xi = y[2 * std::size_t(i)], yi = y[2 * std::size_t(i) + 1];
            for (std::size_t e = P.rowStart[std::size_t(i)]; e < P.rowStart[std::size_t(i) + 1]; ++e) {
                const int j = P.column[e];
                const float dx = xi - y[2 * std::size_t(j)], dy = yi - y[2 * std::size_t(j) + 1];
                const float w = exaggeration * P.value[e] / (1.0f + dx * dx + dy * dy);
                ax += w * dx;
                ay += w * dy;
            }
            grad[2 * std::size_t(i)] = 4.0f * (ax - repulsive[2 * std::size_t(i)] * invZ);
            grad[2 * std::size_t(i) + 1] = 4.0f * (ay - repulsive[2 * std::size_t(i) + 1] * invZ);
        }
        double meanX = 0.0, meanY = 0.0;
        for (std::size_t v = 0; v < y.size(); ++v) {
            // Gains: speed up along a direction the gradient keeps, slow down where it flips.
            gains[v] = (grad[v] > 0.0f) != (update[v] > 0.0f) ? gains[v] + 0.2f : std::max(0.01f, gains[v] * 0.8f);
            update[v] = momentum * update[v] - eta * gains[v] * grad[v];
            y[v] += update[v];
            (v % 2 == 0 ? meanX : meanY) += y[v];
        }
        for (std::size_t v = 0; v < y.size(); v += 2) {  // keep the layout centred
            y[v] -= float(meanX / n);
            y[v + 1] -= float(meanY / n);
        }
        if (progress)
            progress(it + 1, total);
    }
    return y;
}

} // namespace gs
