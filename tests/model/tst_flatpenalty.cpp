// The flat-manifold penalty and the constrained objective: zero for an isometric
// decoder, the analytic value for a stretched one, gradients into the encoder,
// and the Lagrange multiplier's direction. Real models on real GMD windows.
#include "gmdsubset.h"
#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/internal/vaeloss.h"

#include <QtTest/QtTest>

using namespace gs;

namespace {

// A decoder that is linear in z: velocity = z W (W's rows orthogonal, lengths `scales`),
// hits and offsets constant. Its metric tensor is diag(scales^2) everywhere.
class LinearVaeImpl : public VaeImpl {
public:
    LinearVaeImpl(ModelConfig config, const std::vector<double>& scales) : VaeImpl(std::move(config))
    {
        const int64_t latent = this->config().latent, cells = this->config().steps() * this->config().voices();
        torch::manual_seed(4);
        torch::Tensor q = std::get<0>(torch::linalg_qr(torch::randn({cells, latent})));  // orthonormal columns
        m_w = q.t().contiguous() * torch::tensor(scales, torch::kFloat).unsqueeze(1);  // [latent, cells]
        m_encoder = register_parameter("encoder", torch::randn({this->config().steps() * 27, latent}) * 0.01);
    }
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override
    {
        torch::Tensor mu = x.reshape({x.size(0), -1}).matmul(m_encoder);
        return {mu, torch::zeros_like(mu)};
    }
    Decoded decode(const torch::Tensor& z) override
    {
        const int64_t batch = z.size(0), steps = config().steps(), voices = config().voices();
        torch::Tensor velocity = z.matmul(m_w).reshape({batch, steps, voices});
        torch::Tensor constant = torch::zeros({batch, steps, voices});
        return {constant, velocity, constant};
    }

private:
    torch::Tensor m_w;
    torch::Tensor m_encoder;
};

// The penalty of a linear decoder with these axis scales. Default: the paper's form (absolute,
// every plane measured), since the linear decoder moves only velocities.
double penaltyOf(const std::vector<double>& scales, bool relative = false, const std::string& metric = "all")
{
    ModelConfig c;
    c.latent = int(scales.size());
    c.loss.flatRelative = relative;
    c.loss.flatMetric = metric;
    LinearVaeImpl vae(c, scales);
    torch::manual_seed(1);
    return flatPenalty(vae, torch::randn({16, c.latent}) * 2, c.loss).item<double>();
}

} // namespace

class TestFlatPenalty : public QObject {
    Q_OBJECT
    test::GmdSubset m_data;

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        m_data = test::gmdSubset(32, 8);
        QVERIFY2(m_data.error.empty(), m_data.error.c_str());
    }
    void zeroForAnIsometricDecoder()
    {
        // G = c^2 I (c = 0.7) along every axis (2D) and along random directions (16D > 8 directions).
        QVERIFY(penaltyOf({0.7, 0.7}) < 1e-6);
        QVERIFY(penaltyOf(std::vector<double>(16, 0.7)) < 1e-6);
    }
    void analyticForAStretchedDecoder()
    {
        // G = diag(c^2, 4 c^2): c^2 of the batch = 2.5 c^2, ||G - 2.5 c^2 I||^2 = 2 x (1.5 c^2)^2 = 4.5 c^4.
        const double c2 = 0.49;
        const double p = penaltyOf({0.7, 1.4});
        QVERIFY2(std::abs(p - 4.5 * c2 * c2) < 1e-3 * 4.5 * c2 * c2, qPrintable(QString::number(p)));
        // Unnormalised (eq. 6): doubling the decoder's scale multiplies the penalty by 2^4.
        const double p2 = penaltyOf({1.4, 2.8});
        QVERIFY2(std::abs(p2 / p - 16.0) < 0.02, qPrintable(QString::number(p2 / p)));
    }
    void relativeFormIsScaleFree()
    {
        // G = diag(c^2, 4 c^2), batch c^2 = 2.5 c^2: ||G / 2.5c^2 - I||^2 = 0.6^2 + 0.6^2 = 0.72 at any c.
        QVERIFY(penaltyOf({0.7, 0.7}, true) < 1e-6);
        QVERIFY(penaltyOf(std::vector<double>(16, 0.7), true) < 1e-6);
        for (const double c : {0.7, 1.4, 5.0}) {
            const double p = penaltyOf({c, 2 * c}, true);
            QVERIFY2(std::abs(p - 0.72) < 1e-3, qPrintable(QString("c %1: %2").arg(c).arg(p)));
        }
    }
    void relativeFormGivesNoPullOnTheOverallScale()
    {
        // d penalty / d s for a decoder scaled by s is zero in the relative form (c^2 keeps its gradient)
        // and positive in the paper's form (the detached c^2 rewards shrinking an anisotropic Jacobian).
        for (const bool relative : {true, false}) {
            ModelConfig c;
            c.latent = 2;
            c.loss.flatRelative = relative;
            c.loss.flatMetric = "all";
            LinearVaeImpl vae(c, {0.7, 1.4});
            struct Scaled : VaeImpl {
                Scaled(ModelConfig config, LinearVaeImpl& base, torch::Tensor scale) : VaeImpl(std::move(config)), inner(base), s(scale) {}
                std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override { return inner.encode(x); }
                Decoded decode(const torch::Tensor& z) override
                {
                    Decoded d = inner.decode(z);
                    return {d.hitLogits, d.velocity * s, d.offset};
                }
                LinearVaeImpl& inner;
                torch::Tensor s;
            };
            torch::Tensor s = torch::ones({}, torch::requires_grad());
            Scaled scaled(c, vae, s);
            torch::manual_seed(1);
            flatPenalty(scaled, torch::randn({16, 2}) * 2, c.loss).backward();
            const double g = s.grad().item<double>();
            if (relative)
                QVERIFY2(std::abs(g) < 1e-4, qPrintable(QString::number(g)));
            else
                QVERIFY2(g > 0.1, qPrintable(QString::number(g)));
        }
    }
    void hitsMetricSeesOnlyHits()
    {
        // The linear decoder moves velocities only: invisible to the "hits" metric, seen by "all".
        QVERIFY(penaltyOf({0.7, 1.4}, false, "hits") < 1e-9);
        QVERIFY(penaltyOf({0.7, 1.4}, false, "all") > 0.1);
        // "weighted" scales velocity by sqrt(2.5): G by 2.5, the paper's form by 2.5^2.
        const double ratio = penaltyOf({0.7, 1.4}, false, "weighted") / penaltyOf({0.7, 1.4}, false, "all");
        QVERIFY2(std::abs(ratio - 6.25) < 0.02, qPrintable(QString::number(ratio)));
    }
    void gradientReachesTheEncoder_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("recurrent 32D") << "recurrent";
        QTest::newRow("rhythmvae 2D") << "rhythmvae";
    }
    void gradientReachesTheEncoder()
    {
        QFETCH(QString, type);
        ModelConfig c;
        c.type = type.toStdString();
        c.latent = c.type == "recurrent" ? 32 : 2;
        c.hidden = 128;
        c.decoderHidden = 256;
        c.rnnHidden = 64;
        c.loss.flat = true;
        const torch::Tensor x = groovesToTensor(m_data.train, 32, 9);
        for (const bool through : {true, false}) {
            c.loss.flatEncoderGrad = through;
            Model m = Model::create(c, 7).value();
            auto vae = module(m);
            vae->train();
            torch::manual_seed(3);
            VaeOutput out = vae->forward(x);
            // The penalty term alone: no reconstruction or KL gradient mixes in.
            flatPenalty(*vae, out.z, c.loss).backward();
            double encoder = 0, decoder = 0;
            for (const auto& p : vae->named_parameters()) {
                const double n = p.value().grad().defined() ? p.value().grad().norm().item<double>() : 0.0;
                const std::string& name = p.key();
                // recurrent: encoder.*, mu.*, log_var.*; rhythmvae: *_branch.*, encoder_trunk.*, mu.*, log_var.*
                const bool isEncoder = name.rfind("encoder", 0) == 0 || name.rfind("mu.", 0) == 0
                    || name.rfind("log_var.", 0) == 0 || name.find("_branch.") != std::string::npos;
                (isEncoder ? encoder : decoder) += n;
            }
            QVERIFY2(decoder > 0, qPrintable(QString::number(decoder)));
            if (through)
                QVERIFY2(encoder > 1e-8, qPrintable(QString("encoder gradient %1").arg(encoder)));
            else
                QCOMPARE(encoder, 0.0);
        }
    }
    void lambdaFollowsTheConstraint()
    {
        LossConfig l;
        LambdaState s;
        updateLambda(s, l, 0.5);  // kappa 0: no constraint, lambda stays
        QCOMPARE(s.lambda, 1.0);
        l.kappa = 0.4f;
        for (int i = 0; i < 50; ++i)
            updateLambda(s, l, 0.1);  // reconstruction above its target: lambda grows
        QVERIFY(s.lambda > 10.0);
        const double high = s.lambda;
        for (int i = 0; i < 400; ++i)
            updateLambda(s, l, -0.1);  // met with room to spare: lambda falls
        QVERIFY(s.lambda < high / 10.0);
        for (int i = 0; i < 5000; ++i)
            updateLambda(s, l, -1.0);
        QCOMPARE(s.lambda, 1e-2);  // bounded below
    }
    void constrainedLossScalesTheRegulariser()
    {
        ModelConfig c;
        c.type = "recurrent";
        c.latent = 4;
        c.rnnHidden = 32;
        Model m = Model::create(c, 5).value();
        auto vae = module(m);
        vae->eval();  // the mean z: deterministic
        torch::NoGradGuard g;
        const torch::Tensor x = groovesToTensor(m_data.validation, 32, 9);
        LossConfig l = c.loss;
        const LossResult plain = vaeLoss(*vae, x, l, 1.0, false);
        l.kappa = 0.3f;
        const LossResult constrained = vaeLoss(*vae, x, l, 1.0, false, 4.0);
        const double recon = plain.terms.hits + plain.terms.velocity + plain.terms.offset;
        // Back-propagated: recon + KL / lambda; reported: the unconstrained loss.
        QVERIFY(std::abs(constrained.total.item<double>() - (recon + plain.terms.kl / 4.0)) < 1e-3 * recon);
        QVERIFY(std::abs(constrained.terms.total - plain.terms.total) < 1e-6 * plain.terms.total);
        QVERIFY(std::abs(constrained.constraint - (recon / 288.0 - 0.09)) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestFlatPenalty)
#include "tst_flatpenalty.moc"
