// Interpolation, projection, sampling controls, attributes and metrics on
// hand-made values whose answers are known.
#include "core/groove.h"
#include "latent/attributes.h"
#include "latent/blend.h"
#include "latent/interpolation.h"
#include "latent/metrics.h"
#include "latent/projection.h"
#include "latent/sampling.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace gs;

namespace {

DecodedGroove decodedFrom(const std::vector<float>& probabilities, int steps, int voices)
{
    DecodedGroove d;
    d.grid = Grid{1, 4, {4, 4}};
    d.grid.stepsPerBeat = steps / 4;
    d.steps = steps;
    d.voices = voices;
    for (float p : probabilities)
        d.hitLogits.push_back(std::log(p) - std::log1p(-p));
    d.velocity.assign(probabilities.size(), 0.7f);
    d.offset.assign(probabilities.size(), -0.2f);
    return d;
}

} // namespace

class TestLatentMath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lerpEndpointsAndMidpoint()
    {
        const LatentVector a{1, 2, 3}, b{3, 2, -1};
        const auto path = interpolate(a, b, 5);
        QCOMPARE(int(path.size()), 5);
        QCOMPARE(path.front(), a);
        QCOMPARE(path.back(), b);
        QCOMPARE(path[2], (LatentVector{2, 2, 1}));
        // Equal steps along a straight line.
        for (int i = 1; i < 5; ++i)
            QVERIFY(std::abs(distance(path[std::size_t(i - 1)], path[std::size_t(i)]) - distance(a, b) / 4) < 1e-5f);
    }
    void blendSurfaces()
    {
        const std::array<LatentVector, 4> corners{LatentVector{0, 0}, LatentVector{4, 0}, LatentVector{0, 8}, LatentVector{4, 8}};
        QCOMPARE(bilinear(corners, 0, 0), corners[0]);
        QCOMPARE(bilinear(corners, 1, 1), corners[3]);
        QCOMPARE(bilinear(corners, 0.5f, 0.25f), (LatentVector{2, 2}));
        QCOMPARE(bilinear(corners, 9, -3), corners[1]);  // clamped to the square
        QCOMPARE(bilinear(corners, std::nanf(""), 1), corners[2]);
        const std::vector<LatentVector> anchors{{0, 0}, {10, 0}};
        const std::vector<std::array<float, 2>> at{{{0, 0}}, {{1, 0}}};
        QCOMPARE(inverseDistance(anchors, at, {0, 0}), anchors[0]);  // on an anchor: exactly it
        QCOMPARE(inverseDistance(anchors, at, {0.5f, 0}), (LatentVector{5, 0}));  // equidistant: the mean
        const LatentVector nearer = inverseDistance(anchors, at, {0.25f, 0});  // weights 16 : 16/9
        QVERIFY(std::fabs(nearer[0] - 1.0f) < 1e-5f);
        QVERIFY(inverseDistance({}, {}, {0, 0}).empty());
    }

    void slerpKeepsNormsOnTheArc()
    {
        const LatentVector a{2, 0, 0}, b{0, 2, 0};
        const auto path = interpolate(a, b, 7, InterpolationMode::Spherical);
        QCOMPARE(path.front(), a);
        QCOMPARE(path.back(), b);
        for (const auto& z : path)
            QVERIFY2(std::abs(norm(z) - 2.0f) < 1e-5f, qPrintable(QString::number(norm(z))));
        // The middle point is on the bisector, unlike lerp's (norm sqrt 2).
        QVERIFY(std::abs(path[3][0] - path[3][1]) < 1e-5f);
        QVERIFY(std::abs(norm(lerp(a, b, 0.5f)) - std::sqrt(2.0f)) < 1e-5f);
        // Different norms: interpolated linearly.
        const LatentVector c{0, 4, 0};
        QVERIFY(std::abs(norm(slerp(a, c, 0.5f)) - 3.0f) < 1e-5f);
        // Parallel vectors fall back to lerp instead of dividing by zero.
        const LatentVector d{4, 0, 0};
        QCOMPARE(slerp(a, d, 0.5f), (LatentVector{3, 0, 0}));
    }
    void evenPathSpacing()
    {
        // An L-shaped path of lengths 3 and 1: 5 points every 1.0.
        const std::vector<LatentVector> corners{{0, 0}, {3, 0}, {3, 1}};
        const auto path = evenPath(corners, 5);
        QCOMPARE(int(path.size()), 5);
        const std::vector<LatentVector> expected{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}};
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(distance(path[i], expected[i]) < 1e-5f, qPrintable(QString("point %1").arg(i)));
        // Uneven input spacing, even output spacing.
        const auto many = evenPath({{0, 0}, {0.1f, 0}, {10, 0}}, 11);
        for (std::size_t i = 1; i < many.size(); ++i)
            QVERIFY(std::abs(distance(many[i - 1], many[i]) - 1.0f) < 1e-4f);
        QVERIFY(evenPath({}, 4).empty());
    }
    void moveAndJitter()
    {
        const LatentVector z{1, 1};
        QCOMPARE(moveAlong(z, {3, 4}, 5.0f), (LatentVector{4, 5}));
        QCOMPARE(moveAlong(z, {3, 4}, -1.0f, false), (LatentVector{-2, -3}));
        const auto j1 = jitter(z, 0.1f, 42), j2 = jitter(z, 0.1f, 42), j3 = jitter(z, 0.1f, 43);
        QCOMPARE(j1, j2);
        QVERIFY(j1 != j3);
        QVERIFY(distance(j1, z) > 0.0f && distance(j1, z) < 1.0f);
    }
    void pcaRecoversAKnownPlane()
    {
        // Points on a plane in 6D spanned by two orthonormal axes, through a mean, plus tiny noise.
        const int latent = 6;
        const LatentVector mean{1, -2, 0.5f, 3, 0, -1};
        LatentVector u{1, 1, 0, 0, 1, 1}, v{1, -1, 1, -1, 0, 0};
        for (auto* axis : {&u, &v}) {
            const float n = norm(*axis);
            for (float& x : *axis)
                x /= n;
        }
        std::mt19937 rng(7);
        std::normal_distribution<float> wide(0.0f, 3.0f), narrow(0.0f, 1.0f), noise(0.0f, 1e-3f);
        std::vector<LatentVector> points;
        for (int i = 0; i < 400; ++i) {
            const float a = wide(rng), b = narrow(rng);
            LatentVector p(latent);
            for (int d = 0; d < latent; ++d)
                p[std::size_t(d)] = mean[std::size_t(d)] + a * u[std::size_t(d)] + b * v[std::size_t(d)] + noise(rng);
            points.push_back(p);
        }
        const Projection p2 = Projection::fit(points, 2);
        QVERIFY(p2.isPca());
        QCOMPARE(p2.dims(), 2);
        // The first axis is u (wider spread), the second v, up to sign.
        double dotU = 0, dotV = 0;
        for (int d = 0; d < latent; ++d) {
            dotU += p2.axes()[std::size_t(d)] * u[std::size_t(d)];
            dotV += p2.axes()[std::size_t(latent + d)] * v[std::size_t(d)];
        }
        QVERIFY2(std::abs(std::abs(dotU) - 1.0) < 1e-3, qPrintable(QString::number(dotU)));
        QVERIFY2(std::abs(std::abs(dotV) - 1.0) < 1e-3, qPrintable(QString::number(dotV)));
        QVERIFY(p2.explainedVariance()[0] > 0.85f);
        QVERIFY(p2.explainedVariance()[0] + p2.explainedVariance()[1] > 0.999f);
        // Points on the plane survive project -> unproject.
        for (int i = 0; i < 20; ++i) {
            const auto& z = points[std::size_t(i)];
            QVERIFY(distance(p2.unproject(p2.project(z)), z) < 1e-2f);
        }
        // The map origin is the data mean.
        QVERIFY(distance(p2.unproject({0, 0}), mean) < 0.5f);
        // A map position maps back exactly.
        const std::vector<float> pos{1.5f, -0.25f};
        const auto back = p2.project(p2.unproject(pos));
        QVERIFY(std::abs(back[0] - pos[0]) < 1e-4f && std::abs(back[1] - pos[1]) < 1e-4f);
        // 3D: the third axis is orthogonal to the first two.
        const Projection p3 = Projection::fit(points, 3);
        double dot13 = 0;
        for (int d = 0; d < latent; ++d)
            dot13 += p3.axes()[std::size_t(d)] * p3.axes()[std::size_t(2 * latent + d)];
        QVERIFY(std::abs(dot13) < 1e-4);
        // Saved as plain parts, rebuilt identically.
        const Projection copy = Projection::fromParts(p3.latent(), p3.dims(), p3.mean(), p3.axes(),
                                                      p3.explainedVariance(), p3.isPca());
        QCOMPARE(copy.project(points[3]), p3.project(points[3]));
    }
    void smallLatentIsTheIdentity()
    {
        const std::vector<LatentVector> points{{1, 2}, {3, -1}, {0, 0}};
        const Projection p = Projection::fit(points, 2);
        QVERIFY(!p.isPca());
        QCOMPARE(p.project({0.5f, -0.75f}), (std::vector<float>{0.5f, -0.75f}));
        QCOMPARE(p.unproject({0.5f, -0.75f}), (LatentVector{0.5f, -0.75f}));
        const Projection p3 = Projection::fit(points, 3);
        QCOMPARE(p3.project({0.5f, -0.75f}), (std::vector<float>{0.5f, -0.75f, 0.0f}));
    }
    void thresholdsAndPerVoiceLimits()
    {
        // 4 steps x 2 voices; probabilities of voice 0 rise, voice 1 falls.
        const std::vector<float> probs{0.2f, 0.9f, 0.4f, 0.8f, 0.6f, 0.7f, 0.95f, 0.3f};
        const DecodedGroove d = decodedFrom(probs, 4, 2);
        SamplingOptions plain;
        Groove g = realise(d, plain);
        QCOMPARE(g.hitCount(0), 2);  // 0.6, 0.95
        QCOMPARE(g.hitCount(1), 3);  // 0.9, 0.8, 0.7
        QVERIFY(g.hit(2, 0) && g.hit(3, 0) && !g.hit(1, 0));
        QVERIFY(std::abs(g.velocity(2, 0) - 0.7f) < 1e-6f);
        QVERIFY(std::abs(g.offset(2, 0) + 0.2f) < 1e-6f);
        // Per-voice threshold: voice 1 stricter, voice 0 uses the global one.
        SamplingOptions perVoice;
        perVoice.voiceThreshold = {-1.0f, 0.85f};
        g = realise(d, perVoice);
        QCOMPARE(g.hitCount(0), 2);
        QCOMPARE(g.hitCount(1), 1);
        // Maximum hit count keeps the most probable ones.
        SamplingOptions limited;
        limited.threshold = 0.1f;
        limited.voiceMaxHits = {1, 2};
        g = realise(d, limited);
        QCOMPARE(g.hitCount(0), 1);
        QVERIFY(g.hit(3, 0));  // 0.95
        QCOMPARE(g.hitCount(1), 2);
        QVERIFY(g.hit(0, 1) && g.hit(1, 1));  // 0.9, 0.8
        // Temperature sharpens or flattens: at T = 4 the 0.6 cell drops below 0.55.
        SamplingOptions warm;
        warm.threshold = 0.55f;
        warm.temperature = 4.0f;
        g = realise(d, warm);
        QVERIFY(!g.hit(2, 0));
        QVERIFY(g.hit(3, 0));
        // Per-voice velocity: voice 0 louder (capped at 1), voice 1 softer; hits and timing unchanged;
        // a scale of 0 keeps the hits at the quietest velocity rather than dropping them.
        SamplingOptions loud;
        loud.voiceVelocity = {2.0f, 0.5f};
        g = realise(d, loud);
        QCOMPARE(g.hitCount(0), 2);
        QCOMPARE(g.hitCount(1), 3);
        QCOMPARE(g.velocity(2, 0), 1.0f);
        QVERIFY(std::abs(g.velocity(0, 1) - 0.35f) < 1e-6f);
        QVERIFY(std::abs(g.offset(0, 1) + 0.2f) < 1e-6f);
        loud.voiceVelocity = {0.0f};
        g = realise(d, loud);
        QCOMPARE(g.hitCount(0), 2);
        QVERIFY(std::abs(g.velocity(2, 0) - 1.0f / 127.0f) < 1e-6f);
        QVERIFY(std::abs(g.velocity(0, 1) - 0.7f) < 1e-6f);  // no entry: as decoded
    }
    void seededSamplingIsReproducible()
    {
        std::vector<float> probs(32 * 9, 0.5f);
        const DecodedGroove d = decodedFrom(probs, 32, 9);
        SamplingOptions s;
        s.sample = true;
        s.seed = 11;
        const Groove a = realise(d, s), b = realise(d, s);
        QVERIFY(a.sameAs(b));
        s.seed = 12;
        QVERIFY(!realise(d, s).sameHits(a));
        // About half the cells at p = 0.5.
        QVERIFY(a.hitCount() > 100 && a.hitCount() < 188);
        // The limit holds when sampling too.
        s.voiceMaxHits.assign(9, 3);
        const Groove c = realise(d, s);
        for (int v = 0; v < 9; ++v)
            QVERIFY(c.hitCount(v) <= 3);
    }
    void hammingAndReconstruction()
    {
        QCOMPARE(hammingDistance({1, 0, 1, 1}, {1, 1, 0, 1}), 2);
        QCOMPARE(hammingDistance({0, 0}, {0, 0}), 0);
        // Target: 4 hits. Prediction: 3 of them plus 2 false ones -> P 3/5, R 3/4, F1 2/3.
        Groove target(Grid{1, 2, {4, 4}}, 2);  // 8 steps
        target.setHit(0, 0, 1.0f, 0.0f);
        target.setHit(2, 0, 0.5f, 0.5f);
        target.setHit(4, 1, 0.5f, 0.0f);
        target.setHit(6, 1, 0.5f, 0.0f);
        std::vector<std::uint8_t> predicted(target.cells(), 0);
        predicted[target.index(0, 0)] = 1;
        predicted[target.index(2, 0)] = 1;
        predicted[target.index(4, 1)] = 1;
        predicted[target.index(1, 0)] = 1;
        predicted[target.index(3, 1)] = 1;
        std::vector<float> velocity(target.cells(), 0.5f), offset(target.cells(), 0.0f);
        ReconstructionStats stats;
        stats.add(target, predicted, velocity, offset);
        QCOMPARE(stats.truePositives(), 3LL);
        QCOMPARE(stats.falsePositives(), 2LL);
        QCOMPARE(stats.falseNegatives(), 1LL);
        QVERIFY(std::abs(stats.precision() - 0.6) < 1e-12);
        QVERIFY(std::abs(stats.recall() - 0.75) < 1e-12);
        QVERIFY(std::abs(stats.f1() - 2.0 / 3.0) < 1e-12);
        // Velocity errors on the 4 true hits: 0.5, 0, 0, 0 -> MSE 0.0625; offset: 0, 0.5, 0, 0 -> 0.0625.
        QVERIFY(std::abs(stats.velocityMse() - 0.0625) < 1e-9);
        QVERIFY(std::abs(stats.offsetMse() - 0.0625) < 1e-9);
    }
    void pearsonKnownValues()
    {
        QVERIFY(std::abs(pearson({1, 2, 3, 4}, {2, 4, 6, 8}) - 1.0) < 1e-12);
        QVERIFY(std::abs(pearson({1, 2, 3, 4}, {8, 6, 4, 2}) + 1.0) < 1e-12);
        QVERIFY(std::abs(pearson({1, 2, 3}, {1, 3, 2}) - 0.5) < 1e-12);
        QCOMPARE(pearson({1, 2, 3}, {5, 5, 5}), 0.0);
    }
    void attributesAndTheirDirection()
    {
        Groove g(Grid{1, 4, {4, 4}}, 3);
        QVERIFY(!attributeValue(g, {Attribute::Velocity, -1}).has_value());
        g.setHit(0, 0, 1.0f, -0.5f);
        g.setHit(4, 1, 0.5f, 0.5f);
        g.setHit(8, 1, 0.6f, 0.3f);
        QCOMPARE(*attributeValue(g, {Attribute::Density, -1}), 3.0f);
        QVERIFY(std::abs(*attributeValue(g, {Attribute::Velocity, -1}) - 0.7f) < 1e-6f);
        QVERIFY(std::abs(*attributeValue(g, {Attribute::Offset, -1}) - 0.1f) < 1e-6f);
        QCOMPARE(*attributeValue(g, {Attribute::VoiceDensity, 1}), 2.0f);
        QCOMPARE((AttributeKey{Attribute::VoiceDensity, 1}.name()), std::string("voice1_density"));
        // Means along the x axis with the attribute equal to x: the direction is +x,
        // from the bottom quarter's centroid (x = 0.5) to the top quarter's (x = 6.5).
        std::vector<LatentVector> means;
        std::vector<std::optional<float>> values;
        for (int i = 0; i < 8; ++i) {
            means.push_back({float(i) + 0.0f, 5.0f});
            values.push_back(float(i));
        }
        values.push_back(std::nullopt);  // undefined values are skipped
        means.push_back({100.0f, 100.0f});
        const AttributeVector vec = attributeVector({Attribute::Density, -1}, means, values);
        QCOMPARE(vec.samples, 8);
        QCOMPARE(vec.direction, (LatentVector{6.0f, 0.0f}));
        QCOMPARE(vec.lowMean, 0.5f);
        QCOMPARE(vec.highMean, 6.5f);
    }
};

QTEST_GUILESS_MAIN(TestLatentMath)
#include "tst_latentmath.moc"
