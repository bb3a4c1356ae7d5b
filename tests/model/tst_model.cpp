// Models, codec, loss and the fast decoder on real GMD windows.
#include "gmdsubset.h"
#include "model/fastdecoder.h"
#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/internal/vaeloss.h"

#include <QtTest/QtTest>

using namespace gs;

namespace {

ModelConfig smallConfig(const std::string& type, int latent)
{
    ModelConfig c;
    c.type = type;
    c.latent = latent;
    if (type == "rhythmvae") {
        c.hidden = 128;
        c.decoderHidden = 256;
    } else {
        c.rnnHidden = 64;
    }
    return c;
}

} // namespace

class TestModel : public QObject {
    Q_OBJECT
    test::GmdSubset m_data;

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        m_data = test::gmdSubset(64, 16);
        QVERIFY2(m_data.error.empty(), m_data.error.c_str());
        QCOMPARE(int(m_data.train.size()), 64);
        QCOMPARE(int(m_data.validation.size()), 16);
    }
    void codecRoundTripsRealGrooves()
    {
        const int steps = m_data.train[0].steps(), voices = m_data.train[0].voices();
        QCOMPARE(steps, 32);
        QCOMPARE(voices, 9);
        torch::Tensor x = groovesToTensor(m_data.train, steps, voices);
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{64, 32, 27}));
        // Cell (step 3, voice 2) of groove 5 sits at [5, 3, 2], velocity at +9, offset at +18.
        const Groove& g = m_data.train[5];
        QCOMPARE(x[5][3][2].item<float>(), g.hits()[g.index(3, 2)]);
        QCOMPARE(x[5][3][11].item<float>(), g.velocities()[g.index(3, 2)]);
        QCOMPARE(x[5][3][20].item<float>(), g.offsets()[g.index(3, 2)]);
        Decoded d{(x.narrow(2, 0, 9) * 2 - 1) * 20, x.narrow(2, 9, 9), x.narrow(2, 18, 9)};
        std::vector<Groove> back = decodedToGrooves(d, g.grid());
        QCOMPARE(back.size(), m_data.train.size());
        for (std::size_t i = 0; i < back.size(); ++i)
            QVERIFY(back[i].sameAs(m_data.train[i]));
    }
    void shapesFollowTheContract_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("latent");
        QTest::newRow("rhythmvae 2") << "rhythmvae" << 2;
        QTest::newRow("rhythmvae 16") << "rhythmvae" << 16;
        QTest::newRow("recurrent 32") << "recurrent" << 32;
        QTest::newRow("recurrent 2") << "recurrent" << 2;
    }
    void shapesFollowTheContract()
    {
        QFETCH(QString, type);
        QFETCH(int, latent);
        Model m = Model::create(smallConfig(type.toStdString(), latent)).value();
        auto vae = module(m);
        vae->eval();
        torch::NoGradGuard g;
        torch::Tensor x = groovesToTensor(m_data.validation, 32, 9);
        auto [mu, logVar] = vae->encode(x);
        QCOMPARE(mu.sizes().vec(), (std::vector<int64_t>{16, latent}));
        QCOMPARE(logVar.sizes().vec(), (std::vector<int64_t>{16, latent}));
        Decoded d = vae->decode(mu);
        for (const torch::Tensor& t : {d.hitLogits, d.velocity, d.offset})
            QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{16, 32, 9}));
        QVERIFY(d.velocity.min().item<float>() >= 0 && d.velocity.max().item<float>() <= 1);
        QVERIFY(d.offset.min().item<float>() >= -1 && d.offset.max().item<float>() <= 1);
        QVERIFY(m.parameterCount() > 0);
    }
    void decodeOfFixedZIsDeterministic_data() { shapesFollowTheContract_data(); }
    void decodeOfFixedZIsDeterministic()
    {
        QFETCH(QString, type);
        QFETCH(int, latent);
        Model m = Model::create(smallConfig(type.toStdString(), latent), 3).value();
        QTemporaryDir dir;
        const std::string file = dir.filePath("m.gsm").toStdString();
        QVERIFY(m.save(file).ok());
        Model loaded = Model::load(file).value();
        module(m)->eval();
        torch::NoGradGuard g;
        torch::manual_seed(99);
        torch::Tensor z = torch::randn({5, latent});
        Decoded a = module(m)->decode(z);
        Decoded b = module(m)->decode(z);
        Decoded c = module(loaded)->decode(z);
        QVERIFY(torch::equal(a.hitLogits, b.hitLogits) && torch::equal(a.velocity, b.velocity));
        QVERIFY(torch::equal(a.hitLogits, c.hitLogits) && torch::equal(a.offset, c.offset));
        // One z alone decodes as it does inside a batch (no batch statistics in eval).
        Decoded one = module(m)->decode(z.narrow(0, 2, 1));
        QVERIFY(torch::allclose(one.hitLogits[0], a.hitLogits[2], 1e-5, 1e-5));
        // Same seed, same fresh weights.
        Model twin = Model::create(smallConfig(type.toStdString(), latent), 3).value();
        module(twin)->eval();
        QVERIFY(torch::equal(module(twin)->decode(z).hitLogits, a.hitLogits));
    }
    void lossMatchesTheReferenceFormula()
    {
        ModelConfig c = smallConfig("rhythmvae", 2);
        Model m = Model::create(c).value();
        auto vae = module(m);
        vae->eval();  // the mean z: the forward pass is deterministic
        torch::NoGradGuard g;
        torch::Tensor x = groovesToTensor(m_data.validation, 32, 9);
        LossResult r = vaeLoss(*vae, x, c.loss, 1.0, false);
        VaeOutput out = vae->forward(x);
        // By hand: per sample sums over all 288 cells, averaged over the batch.
        torch::Tensor h = x.narrow(2, 0, 9), v = x.narrow(2, 9, 9), o = x.narrow(2, 18, 9);
        torch::Tensor p = torch::sigmoid(out.decoded.hitLogits);
        double bce = (-(h * torch::log(p) + (1 - h) * torch::log(1 - p))).sum().item<double>() / 16;
        double vel = 2.5 * (out.decoded.velocity - v).pow(2).sum().item<double>() / 16;
        double off = 5.0 * (out.decoded.offset - o).pow(2).sum().item<double>() / 16;
        double kl = (-0.5 * (1 + out.logVar - out.mu.pow(2) - out.logVar.exp())).sum().item<double>() / 16;
        QVERIFY(std::abs(r.terms.hits - bce) < 1e-3 * bce);
        QVERIFY(std::abs(r.terms.velocity - vel) < 1e-3 * vel + 1e-6);
        QVERIFY(std::abs(r.terms.offset - off) < 1e-3 * off + 1e-6);
        QVERIFY(std::abs(r.terms.kl - kl) < 1e-3 * std::abs(kl) + 1e-6);
        QVERIFY(std::abs(r.terms.total - (bce + vel + off + kl)) < 1e-3 * r.terms.total);
        // Free bits: a floor above the KL replaces it.
        LossConfig fb = c.loss;
        fb.freeBits = float(kl + 10);
        LossResult f = vaeLoss(*vae, x, fb, 1.0, false);
        QVERIFY(std::abs(f.terms.total - (bce + vel + off + kl + 10)) < 1e-3 * f.terms.total);
    }
    void klScheduleFollowsTheSettings()
    {
        LossConfig l;
        l.beta = 2.0f;
        QCOMPARE(klWeight(l, 0.0), 2.0);
        l.klAnneal = "linear";
        l.klWarmupEpochs = 4;
        QCOMPARE(klWeight(l, 0.0), 0.0);
        QCOMPARE(klWeight(l, 2.0), 1.0);
        QCOMPARE(klWeight(l, 10.0), 2.0);
        l.klAnneal = "cyclic";
        QCOMPARE(klWeight(l, 1.0), 1.0);
        QCOMPARE(klWeight(l, 2.5), 2.0);
        QCOMPARE(klWeight(l, 4.0), 0.0);
        QCOMPARE(klWeight(l, 5.0), 1.0);
    }
    void flatPenaltyIsPositiveAndDifferentiable()
    {
        ModelConfig c = smallConfig("recurrent", 32);
        Model m = Model::create(c).value();
        module(m)->train();
        torch::manual_seed(5);
        torch::Tensor z = torch::randn({8, 32});
        torch::Tensor p = flatPenalty(*module(m), z, c.loss);
        QVERIFY(std::isfinite(p.item<double>()));
        QVERIFY(p.item<double>() > 0);
        QVERIFY(p.requires_grad());  // it shapes the decoder
        // 2D: every axis is a direction.
        ModelConfig c2 = smallConfig("rhythmvae", 2);
        Model m2 = Model::create(c2).value();
        module(m2)->train();
        torch::Tensor p2 = flatPenalty(*module(m2), torch::randn({8, 2}), c2.loss);
        QVERIFY(std::isfinite(p2.item<double>()) && p2.item<double>() >= 0);
    }
    void fastDecoderMatchesTheModule_data()
    {
        QTest::addColumn<int>("latent");
        QTest::addColumn<int>("stepsPerBeat");
        QTest::newRow("2D, 32 steps") << 2 << 4;
        QTest::newRow("8D, 96 steps") << 8 << 12;
    }
    void fastDecoderMatchesTheModule()
    {
        QFETCH(int, latent);
        QFETCH(int, stepsPerBeat);
        ModelConfig c;
        c.latent = latent;
        c.grid.stepsPerBeat = stepsPerBeat;
        Model m = Model::create(c, 11).value();  // the real RhythmVAE widths
        auto vae = module(m);
        // Trained-looking BatchNorm statistics, so folding them matters.
        {
            torch::NoGradGuard g;
            for (const auto& item : vae->named_buffers()) {
                torch::Tensor b = item.value();
                if (item.key().find("running_mean") != std::string::npos)
                    b.copy_(torch::randn_like(b) * 0.3);
                else if (item.key().find("running_var") != std::string::npos)
                    b.copy_(torch::rand_like(b) + 0.2);
            }
            for (const auto& item : vae->named_parameters())
                if (item.key().find("norm.weight") != std::string::npos)
                    item.value().copy_(torch::rand_like(item.value()) + 0.5);
        }
        vae->eval();
        auto fast = FastDecoder::create(m);
        QVERIFY(fast.ok());
        const int cells = c.steps() * c.voices();
        QCOMPARE(fast->cells(), cells);
        std::vector<float> hit(static_cast<std::size_t>(cells)), vel(hit), off(hit);
        torch::NoGradGuard g;
        for (int trial = 0; trial < 5; ++trial) {
            torch::Tensor z = torch::randn({1, latent}) * 1.5;
            Decoded d = vae->decode(z);
            fast->decode(z.data_ptr<float>(), hit.data(), vel.data(), off.data());
            auto maxDiff = [&](const torch::Tensor& t, const std::vector<float>& v) {
                torch::Tensor f = torch::from_blob(const_cast<float*>(v.data()), {cells}).clone();
                return (t.reshape({cells}) - f).abs().max().item<float>();
            };
            QVERIFY(maxDiff(torch::sigmoid(d.hitLogits), hit) < 1e-4f);
            QVERIFY(maxDiff(d.velocity, vel) < 1e-4f);
            QVERIFY(maxDiff(d.offset, off) < 1e-4f);
        }
        Model rec = Model::create(smallConfig("recurrent", 4)).value();
        QVERIFY(!FastDecoder::create(rec).ok());
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
