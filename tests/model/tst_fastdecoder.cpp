// FastDecoder against the torch module on the bundled trained models: fp32
// within 1e-4, fp16 weights within FastDecoder::kHalfTolerance, the same hit
// decisions at threshold 0.5 outside that band, and bit-identical repeats.
#include "model/fastdecoder.h"
#include "model/internal/modelinternal.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <cstring>

using namespace gs;

namespace {

struct Comparison {
    float hit = 0, velocity = 0, offset = 0;  // max abs difference
    int decisionsDiffering = 0;  // hits on different sides of 0.5, outside the tolerance band
    int decisionsInBand = 0;  // different sides, but within the band (allowed)
};

Comparison compare(const Model& model, FastDecoder& fast, int count, float band)
{
    auto vae = module(model);
    vae->eval();
    torch::NoGradGuard noGrad;
    torch::manual_seed(3);
    const torch::Tensor zs = torch::randn({count, model.config().latent}) * 1.5;
    const Decoded d = vae->decode(zs);
    const torch::Tensor p = torch::sigmoid(d.hitLogits).reshape({count, -1}).contiguous();
    const torch::Tensor v = d.velocity.reshape({count, -1}).contiguous();
    const torch::Tensor o = d.offset.reshape({count, -1}).contiguous();
    const int cells = fast.cells();
    std::vector<float> hit(static_cast<std::size_t>(cells)), vel(hit), off(hit);
    Comparison c;
    for (int i = 0; i < count; ++i) {
        fast.decode(zs[i].contiguous().data_ptr<float>(), hit.data(), vel.data(), off.data());
        const float* rp = p[i].data_ptr<float>();
        const float* rv = v[i].data_ptr<float>();
        const float* ro = o[i].data_ptr<float>();
        for (int k = 0; k < cells; ++k) {
            c.hit = std::max(c.hit, std::abs(rp[k] - hit[std::size_t(k)]));
            c.velocity = std::max(c.velocity, std::abs(rv[k] - vel[std::size_t(k)]));
            c.offset = std::max(c.offset, std::abs(ro[k] - off[std::size_t(k)]));
            if ((rp[k] >= 0.5f) != (hit[std::size_t(k)] >= 0.5f)) {
                if (std::abs(rp[k] - 0.5f) <= band)
                    ++c.decisionsInBand;
                else
                    ++c.decisionsDiffering;
            }
        }
    }
    return c;
}

} // namespace

class TestFastDecoder : public QObject {
    Q_OBJECT

    Model load(const QString& name)
    {
        const auto path = test::sourceDir() / "models" / name.toStdString();
        auto m = Model::load(path.string());
        if (!m.ok())
            qFatal("%s", m.error().describe().c_str());
        return m.value();
    }

private Q_SLOTS:
    void matchesModule_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("2d") << "rhythmvae-2d.gsmodel";
        QTest::newRow("3d") << "rhythmvae-3d.gsmodel";
    }
    void matchesModule()
    {
        QFETCH(QString, file);
        const Model model = load(file);
        auto exact = FastDecoder::create(model, FastDecoder::Precision::Float32);
        QVERIFY(exact.ok());
        QVERIFY(!exact->halfWeights());
        const Comparison e = compare(model, *exact, 2000, 1e-4f);
        qInfo("fp32: max |diff| hit %.2e velocity %.2e offset %.2e", double(e.hit), double(e.velocity), double(e.offset));
        QVERIFY(e.hit < 1e-4f && e.velocity < 1e-4f && e.offset < 1e-4f);
        QCOMPARE(e.decisionsDiffering, 0);

        auto half = FastDecoder::create(model, FastDecoder::Precision::Half);
        QVERIFY(half.ok());
        __builtin_cpu_init();
        const bool f16c = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
        QCOMPARE(half->halfWeights(), f16c);
        const float tol = FastDecoder::kHalfTolerance;
        const Comparison h = compare(model, *half, 2000, tol);
        qInfo("fp16: max |diff| hit %.2e velocity %.2e offset %.2e; hit decisions differing %d (all within %.0e of 0.5: %d)",
            double(h.hit), double(h.velocity), double(h.offset), h.decisionsDiffering + h.decisionsInBand, double(tol),
            h.decisionsInBand);
        QVERIFY(h.hit < tol && h.velocity < tol && h.offset < tol);
        QCOMPARE(h.decisionsDiffering, 0);
    }
    void deterministic()
    {
        const Model model = load("rhythmvae-2d.gsmodel");
        for (auto precision : {FastDecoder::Precision::Half, FastDecoder::Precision::Float32}) {
            auto a = FastDecoder::create(model, precision);
            auto b = FastDecoder::create(model, precision);
            QVERIFY(a.ok() && b.ok());
            const int cells = a->cells();
            std::vector<float> h1(static_cast<std::size_t>(cells)), v1(h1), o1(h1), h2(h1), v2(h1), o2(h1);
            const float z[2] = {0.7f, -1.3f};
            a->decode(z, h1.data(), v1.data(), o1.data());
            const float other[2] = {-2.0f, 2.0f};
            a->decode(other, h2.data(), v2.data(), o2.data());  // scratch now holds another decode
            QVERIFY(std::memcmp(h1.data(), h2.data(), h1.size() * sizeof(float)) != 0);
            a->decode(z, h2.data(), v2.data(), o2.data());
            QVERIFY(std::memcmp(h1.data(), h2.data(), h1.size() * sizeof(float)) == 0);
            QVERIFY(std::memcmp(v1.data(), v2.data(), v1.size() * sizeof(float)) == 0);
            QVERIFY(std::memcmp(o1.data(), o2.data(), o1.size() * sizeof(float)) == 0);
            b->decode(z, h2.data(), v2.data(), o2.data());
            QVERIFY(std::memcmp(h1.data(), h2.data(), h1.size() * sizeof(float)) == 0);
        }
    }
    void oddWidthsArePadded()
    {
        // Widths that are not multiples of the 32-weight line: the padding must stay out of the sums.
        ModelConfig c;
        c.latent = 3;
        c.hidden = 100;
        c.decoderHidden = 70;
        Model model = Model::create(c, 4).value();
        auto half = FastDecoder::create(model, FastDecoder::Precision::Half);
        QVERIFY(half.ok());
        const Comparison h = compare(model, *half, 200, FastDecoder::kHalfTolerance);
        QVERIFY(h.hit < FastDecoder::kHalfTolerance && h.velocity < FastDecoder::kHalfTolerance
            && h.offset < FastDecoder::kHalfTolerance);
        QCOMPARE(h.decisionsDiffering, 0);
    }
};

QTEST_GUILESS_MAIN(TestFastDecoder)
#include "tst_fastdecoder.moc"
