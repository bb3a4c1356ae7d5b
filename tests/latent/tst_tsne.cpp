// The Barnes-Hut t-SNE on real latent means: a few hundred two-bar GMD beat
// windows of three styles, encoded by the bundled 32D recurrent model. The
// layout keeps each point's input neighbours near it (far above chance), is
// the same for a seed, stops at the iteration it is cancelled and refuses
// NaN rows by index.
#include "latent/latentspace.h"
#include "latent/projection.h"
#include "latent/tsne.h"
#include "latenttestdata.h"
#include "model/model.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

using namespace gs;

namespace {

// The train-part beats of these styles (info.csv), every window of each file, up to `wanted`.
std::vector<Groove> beatsOfStyles(const std::set<std::string>& styles, std::size_t wanted)
{
    std::vector<Groove> out;
    std::ifstream csv(test::sharedData() / "gmd/info.csv");
    std::string line;
    std::vector<std::size_t> perStyle(styles.size(), 0);
    while (std::getline(csv, line) && out.size() < wanted) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        if (cells.size() < 11 || cells[5] != "beat" || cells[6] != "4-4" || !styles.count(cells[3]))
            continue;
        const std::size_t s = std::size_t(std::distance(styles.begin(), styles.find(cells[3])));
        if (perStyle[s] >= wanted / styles.size())
            continue;  // an even share per style
        for (Groove& g : test::gmdWindows({"gmd/" + cells[7]}))
            if (perStyle[s] < wanted / styles.size()) {
                out.push_back(std::move(g));
                ++perStyle[s];
            }
    }
    return out;
}

// Indices of the k rows nearest to row i (squared Euclidean over `dims` values).
std::vector<int> nearest(const std::vector<float>& rows, int dims, int i, int k)
{
    const int n = int(rows.size()) / dims;
    std::vector<std::pair<float, int>> d;
    for (int j = 0; j < n; ++j) {
        if (j == i)
            continue;
        float s = 0.0f;
        for (int c = 0; c < dims; ++c)
            s += (rows[std::size_t(i * dims + c)] - rows[std::size_t(j * dims + c)]) *
                 (rows[std::size_t(i * dims + c)] - rows[std::size_t(j * dims + c)]);
        d.emplace_back(s, j);
    }
    std::partial_sort(d.begin(), d.begin() + k, d.end());
    std::vector<int> out;
    for (int m = 0; m < k; ++m)
        out.push_back(d[std::size_t(m)].second);
    return out;
}

} // namespace

class TestTsne : public QObject {
    Q_OBJECT

    std::vector<float> m_means;  // row-major, 32 per row
    int m_dims = 0;

private Q_SLOTS:
    void initTestCase()
    {
        const std::vector<Groove> beats = beatsOfStyles({"rock", "jazz", "hiphop"}, 300);
        QVERIFY2(beats.size() == 300, qPrintable(QStringLiteral("%1 GMD windows, 300 wanted").arg(beats.size())));
        auto model = Model::load((test::sourceDir() / "models/recurrent-32d-flat.gsmodel").string());
        QVERIFY2(model.ok(), model ? "" : model.error().describe().c_str());
        const LatentSpace space(*model);
        auto encoded = space.encode(beats);
        QVERIFY(encoded.ok());
        m_dims = space.latent();
        QCOMPARE(m_dims, 32);
        for (const LatentVector& mean : encoded->mean)
            m_means.insert(m_means.end(), mean.begin(), mean.end());
    }

    void keepsNeighboursNearFarAboveChance()
    {
        int reported = 0;
        auto layout = tsne(m_means, m_dims, {}, [&](int done, int total) {
            QCOMPARE(total, 1000);
            reported = done;
        });
        QVERIFY2(layout.ok(), layout ? "" : layout.error().describe().c_str());
        const int n = int(m_means.size()) / m_dims;
        QCOMPARE(int(layout->size()), 2 * n);
        QCOMPARE(reported, 1000);
        for (float v : *layout)
            QVERIFY(std::isfinite(v));
        // The map's other layout, for comparison: the PCA plane of the same means.
        std::vector<LatentVector> rows;
        for (int i = 0; i < n; ++i)
            rows.emplace_back(m_means.begin() + i * m_dims, m_means.begin() + (i + 1) * m_dims);
        const Projection plane = Projection::fit(rows, 2);
        std::vector<float> pca;
        for (const LatentVector& z : rows) {
            const std::vector<float> p = plane.project(z);
            pca.insert(pca.end(), p.begin(), p.end());
        }
        const int k = 10;
        auto kept = [&](const std::vector<float>& layout2d) {
            int count = 0;
            for (int i = 0; i < n; ++i) {
                const std::vector<int> input = nearest(m_means, m_dims, i, k);
                const std::vector<int> output = nearest(layout2d, 2, i, k);
                for (int j : input)
                    count += std::count(output.begin(), output.end(), j) > 0 ? 1 : 0;
            }
            return double(count) / (n * k);
        };
        const double fraction = kept(*layout), pcaFraction = kept(pca), chance = double(k) / (n - 1);
        // A random layout keeps about k / (n - 1) of them.
        qInfo("10-NN preserved: t-SNE %.3f, PCA %.3f, chance %.3f, over %d points", fraction, pcaFraction, chance, n);
        QVERIFY2(fraction > 0.4, qPrintable(QString::number(fraction)));
        QVERIFY(fraction > 1.5 * pcaFraction);
        // The layout has a spread (not collapsed): points are apart by more than rounding.
        float minX = (*layout)[0], maxX = minX;
        for (int i = 0; i < n; ++i) {
            minX = std::min(minX, (*layout)[std::size_t(2 * i)]);
            maxX = std::max(maxX, (*layout)[std::size_t(2 * i)]);
        }
        QVERIFY(maxX - minX > 5.0f);
    }

    void theSameSeedGivesTheSameLayout()
    {
        TsneOptions options;
        options.iterations = 300;
        auto a = tsne(m_means, m_dims, options);
        auto b = tsne(m_means, m_dims, options);
        options.seed = 2;
        auto c = tsne(m_means, m_dims, options);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(*a == *b);
        QVERIFY(*a != *c);
    }

    void cancelStopsAtThatIterationWithNoLayout()
    {
        std::atomic<bool> cancel{false};
        int last = 0;
        auto layout = tsne(m_means, m_dims, {}, [&](int done, int) {
            last = done;
            if (done == 20)
                cancel.store(true);
        }, &cancel);
        QVERIFY(!layout.ok());
        QVERIFY(QString::fromStdString(layout.error().message).contains("cancelled"));
        QCOMPARE(last, 20);  // checked before the very next iteration
        // Cancelled before it starts: not even the neighbour search runs.
        int calls = 0;
        auto early = tsne(m_means, m_dims, {}, [&](int, int) { ++calls; }, &cancel);
        QVERIFY(!early.ok());
        QCOMPARE(calls, 0);
    }

    void nanAndInfinityAreRefusedByRow()
    {
        std::vector<float> broken = m_means;
        broken[std::size_t(7 * m_dims + 3)] = std::nanf("");
        auto a = tsne(broken, m_dims);
        QVERIFY(!a.ok());
        QVERIFY2(QString::fromStdString(a.error().message).contains("row 7"), a.error().message.c_str());
        broken = m_means;
        broken[std::size_t(12 * m_dims)] = INFINITY;
        auto b = tsne(broken, m_dims);
        QVERIFY(!b.ok());
        QVERIFY(QString::fromStdString(b.error().message).contains("row 12"));
        auto c = tsne(std::vector<float>(m_means.begin(), m_means.begin() + 33), m_dims);  // 33 values, 32 a row
        QVERIFY(!c.ok());
        QVERIFY(QString::fromStdString(c.error().message).contains("rows of 32"));
    }

    void smallSetsGetALayoutToo()
    {
        auto none = tsne({}, m_dims);
        QVERIFY(none.ok());
        QVERIFY(none->empty());
        auto three = tsne(std::vector<float>(m_means.begin(), m_means.begin() + 3 * m_dims), m_dims);
        QVERIFY(three.ok());
        QCOMPARE(three->size(), std::size_t(6));
        QVERIFY((*three)[0] != (*three)[2]);  // apart, not stacked
        // Ten points with the default perplexity 30: clamped to 3, and a finite layout.
        auto ten = tsne(std::vector<float>(m_means.begin(), m_means.begin() + 10 * m_dims), m_dims);
        QVERIFY2(ten.ok(), ten ? "" : ten.error().describe().c_str());
        QCOMPARE(ten->size(), std::size_t(20));
        for (float v : *ten)
            QVERIFY(std::isfinite(v));
    }
};

QTEST_GUILESS_MAIN(TestTsne)
#include "tst_tsne.moc"
