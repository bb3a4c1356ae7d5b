// The Groove Transformer VAE on real GMD windows: its monotonic groove, its size accounting, the
// model file, the redirect targets it trains on, and that training lowers its loss.
#include "gmdsubset.h"
#include "core/monotonic.h"
#include "core/voicegroup.h"
#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/internal/transformervae.h"
#include "model/internal/vaeloss.h"

#include <QtTest/QtTest>

using namespace gs;

namespace {

ModelConfig tinyTransformer(const std::string& mode)
{
    ModelConfig c;
    c.type = "transformer";
    c.latent = 8;
    c.transformer.inputMode = mode;
    c.transformer.encoderDModel = 32;
    c.transformer.encoderHeads = 2;
    c.transformer.encoderLayers = 1;
    c.transformer.encoderFeedForward = 64;
    c.transformer.decoderDModel = 32;
    c.transformer.decoderHeads = 2;
    c.transformer.decoderLayers = 2;
    c.transformer.decoderFeedForward = 64;
    c.transformer.styles = {"funk", "rock"};
    return c;
}

std::int64_t valuesOf(const torch::nn::Module& m)
{
    std::int64_t n = 0;
    for (const auto& p : m.parameters())
        n += p.numel();
    for (const auto& b : m.buffers())
        n += b.numel();
    return n;
}

} // namespace

class TestTransformer : public QObject {
    Q_OBJECT
    test::GmdSubset m_data;

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        m_data = test::gmdSubset(96, 16);
        QVERIFY2(m_data.error.empty(), m_data.error.c_str());
    }
    void tensorMonotonicMatchesTheGrooveOne()
    {
        torch::Tensor x = groovesToTensor(m_data.train, 32, 9);
        torch::Tensor m = TransformerVaeImpl::monotonic(x, 9);
        QCOMPARE(m.sizes().vec(), (std::vector<int64_t>{96, 32, 3}));
        int hits = 0;
        for (std::size_t i = 0; i < m_data.train.size(); ++i) {
            const Groove mono = monotonicGroove(m_data.train[i]);
            for (int s = 0; s < 32; ++s) {
                QCOMPARE(m[int64_t(i)][s][0].item<float>() > 0.5f, mono.hit(s, 0));
                if (mono.hit(s, 0)) {
                    ++hits;
                    QCOMPARE(m[int64_t(i)][s][1].item<float>(), mono.velocity(s, 0));
                    QCOMPARE(m[int64_t(i)][s][2].item<float>(), mono.offset(s, 0));
                }
            }
        }
        QVERIFY(hits > 96 * 8);  // real grooves: many steps hit
    }
    void weightValuesCountTheModule()
    {
        for (const std::string mode : {"full", "groove"}) {
            const ModelConfig c = tinyTransformer(mode);
            QVERIFY2(c.problem().empty(), c.problem().c_str());
            auto model = Model::create(c);
            QVERIFY(model.ok());
            QCOMPARE(std::int64_t(c.weightValues()), valuesOf(*module(*model)));
        }
        ModelConfig bad = tinyTransformer("groove");
        bad.transformer.encoderHeads = 3;  // 32 is not a multiple of 3
        QVERIFY(!bad.problem().empty());
        bad = tinyTransformer("tapped");
        QVERIFY(bad.problem().find("input mode") != std::string::npos);
    }
    void modelFileRoundTrips()
    {
        auto made = Model::create(tinyTransformer("groove"), 7);
        QVERIFY(made.ok());
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/t.gsmodel").toStdString();
        QVERIFY(made->save(path).ok());
        auto loaded = Model::load(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QVERIFY(loaded->config() == made->config());
        QCOMPARE(loaded->config().transformer.styles, (std::vector<std::string>{"funk", "rock"}));
        torch::NoGradGuard noGrad;
        module(*made)->eval();
        module(*loaded)->eval();
        torch::Tensor x = groovesToTensor(m_data.validation, 32, 9);
        auto [mu1, lv1] = module(*made)->encode(x);
        auto [mu2, lv2] = module(*loaded)->encode(x);
        QVERIFY(torch::equal(mu1, mu2));
        QVERIFY(torch::equal(module(*made)->decode(mu1).hitLogits, module(*loaded)->decode(mu1).hitLogits));
    }
    void grooveModeSeesOnlyTheRhythm()
    {
        // Two windows with the same monotonic groove but other voices encode alike in groove mode.
        auto made = Model::create(tinyTransformer("groove"), 3);
        QVERIFY(made.ok());
        const Groove& g = m_data.train[0];
        Groove moved(g.grid(), 9);
        const Groove mono = monotonicGroove(g);
        for (int s = 0; s < 32; ++s)
            if (mono.hit(s, 0))
                moved.setHit(s, 4, mono.velocity(s, 0), mono.offset(s, 0));  // every hit on the low tom
        torch::NoGradGuard noGrad;
        module(*made)->eval();
        auto a = module(*made)->encode(groovesToTensor(std::vector<Groove>{g}, 32, 9)).first;
        auto b = module(*made)->encode(groovesToTensor(std::vector<Groove>{moved}, 32, 9)).first;
        QVERIFY(torch::allclose(a, b, 1e-5, 1e-6));
    }
    void trainingTargetsAreRedirected()
    {
        ModelConfig c = tinyTransformer("groove");
        c.transformer.redirectRate = 1.0f;  // every window redirected
        auto made = Model::create(c, 5);
        QVERIFY(made.ok());
        auto vae = module(*made);
        vae->train();
        torch::manual_seed(11);
        torch::Tensor x = groovesToTensor(m_data.train, 32, 9);
        auto [out, target] = vae->trainingForward(x);
        QCOMPARE(target.sizes().vec(), x.sizes().vec());
        int redirected = 0;
        for (int64_t b = 0; b < x.size(0); ++b) {
            // The target keeps the window's rhythm: a step hit before is hit after.
            const torch::Tensor hits = target[b].narrow(1, 0, 9);
            const torch::Tensor before = (x[b].narrow(1, 0, 9) > 0.5).any(1);
            const torch::Tensor after = (hits > 0.5).any(1);
            QVERIFY(torch::equal(before, after));
            if (!torch::equal(hits, x[b].narrow(1, 0, 9)))
                ++redirected;
        }
        QVERIFY2(redirected > x.size(0) / 3, qPrintable(QString::number(redirected)));
        // Evaluation mode: the target is the input.
        vae->eval();
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(vae->trainingForward(x).second, x));
    }
    void redirectGrooveMovesTheGroup()
    {
        const DrumMap map = DrumMap::groovae();
        GroupFlags without{};
        without[std::size_t(VoiceGroup::Toms)] = true;
        int toms = 0;
        for (const Groove& g : m_data.train) {
            const Groove r = redirectGroove(g, map, without);
            for (int v = 4; v <= 6; ++v) {
                toms += g.hitCount(v);
                QCOMPARE(r.hitCount(v), 0);
            }
            QVERIFY(monotonicGroove(r).sameHits(monotonicGroove(g)));
        }
        QVERIFY(toms > 0);
        // Kick goes to the nearest tom (low tom, 43); toms to the snare.
        without = {};
        without[std::size_t(VoiceGroup::Kick)] = true;
        QCOMPARE(redirectTargets(map, without)[0], 4);
        without[std::size_t(VoiceGroup::Toms)] = true;
        QCOMPARE(redirectTargets(map, without)[0], 1);
        QCOMPARE(redirectTargets(map, without)[5], 1);
    }
    void trainingLowersTheLoss()
    {
        auto made = Model::create(tinyTransformer("groove"), 2);
        QVERIFY(made.ok());
        auto vae = module(*made);
        torch::manual_seed(1);
        torch::Tensor x = groovesToTensor(m_data.train, 32, 9);
        torch::optim::Adam adam(vae->parameters(), torch::optim::AdamOptions(2e-3));
        LossConfig loss;
        loss.beta = 0.1f;
        auto evalLoss = [&] {
            vae->eval();
            torch::NoGradGuard noGrad;
            return vaeLoss(*vae, x, loss, loss.beta, false).terms.total;
        };
        const double before = evalLoss();
        for (int step = 0; step < 60; ++step) {
            vae->train();
            const torch::Tensor batch = x.narrow(0, (step % 3) * 32, 32);
            LossResult l = vaeLoss(*vae, batch, loss, loss.beta, false);
            adam.zero_grad();
            l.total.backward();
            adam.step();
        }
        const double after = evalLoss();
        QVERIFY2(after < 0.7 * before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    }
};

QTEST_GUILESS_MAIN(TestTransformer)
#include "tst_transformer.moc"
