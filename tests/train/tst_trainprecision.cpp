// bf16 mixed-precision training on a small real GMD subset: the loss falls and
// ends near the fp32 run's, the weights, BatchNorm statistics and gradients stay
// fp32, each epoch records its precision and the model file round-trips it;
// and the fallbacks to fp32 (no native bf16, recurrent model, flat penalty); the
// optimizer's thread split does not change its result.
// The bf16 runs are skipped with a reason on CPUs without AVX512_BF16 / AMX.
#include "gmdsubset.h"
#include "model/internal/modelinternal.h"
#include "train/internal/bf16autocast.h"
#include "train/internal/fusedadam.h"
#include "train/precision.h"
#include "train/trainer.h"

#include <QtTest/QtTest>

#include <fstream>
#include <iterator>

using namespace gs;

namespace {

ModelConfig smallConfig(const std::string& type)
{
    ModelConfig c;
    c.type = type;
    c.latent = 2;
    c.hidden = 128;
    c.decoderHidden = 256;
    c.rnnHidden = 32;
    return c;
}

bool sameWeights(const Model& a, const Model& b)
{
    auto pa = module(a)->parameters(), pb = module(b)->parameters();
    for (std::size_t i = 0; i < pa.size(); ++i)
        if (!torch::equal(pa[i], pb[i]))
            return false;
    return true;
}

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestTrainPrecision : public QObject {
    Q_OBJECT
    TrainingSet m_set;

    TrainOptions options(int epochs, TrainPrecision precision)
    {
        TrainOptions o;
        o.epochs = epochs;
        o.threads = 1;
        o.seed = 7;
        o.precision = precision;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::GmdSubset data = test::gmdSubset(192, 48);
        QVERIFY2(data.error.empty(), data.error.c_str());
        QCOMPARE(int(data.train.size()), 192);
        m_set.train = data.train;
        m_set.validation = data.validation;
        m_set.summary.name = "gmd subset";
        qunsetenv("GROOVESCAPE_NO_BF16");
    }
    void names()
    {
        QCOMPARE(std::string(precisionName(TrainPrecision::BFloat16)), std::string("bf16"));
        QVERIFY(parsePrecision("bf16") == TrainPrecision::BFloat16);
        QVERIFY(parsePrecision("fp32") == TrainPrecision::Float32);
        QVERIFY(!parsePrecision("fp16").has_value());
    }
    void autocastIsScoped()
    {
        torch::nn::Linear linear(8, 4);
        const torch::Tensor x = torch::randn({3, 8});
        {
            Bf16Autocast on(true);
            QCOMPARE(linear->forward(x).scalar_type(), torch::kBFloat16);
            Bf16Autocast off(false);  // a disabled guard changes nothing
            QCOMPARE(linear->forward(x).scalar_type(), torch::kBFloat16);
        }
        QVERIFY(!at::autocast::is_cpu_enabled());
        QCOMPARE(linear->forward(x).scalar_type(), torch::kFloat);
    }
    void fusedAdamSplitIsExact()
    {
        // The optimizer splits big parameters over torch's threads: element-wise, so 1 and 2 threads agree bitwise.
        torch::manual_seed(11);
        const torch::Tensor w0 = torch::randn({400, 300}), g = torch::randn({400, 300});
        std::vector<torch::Tensor> results;
        for (int threads : {1, 2}) {
            torch::set_num_threads(threads);
            torch::Tensor w = w0.clone().requires_grad_(true);
            FusedAdam adam({w}, 0.01, 0.1);
            for (int i = 0; i < 3; ++i) {
                adam.zeroGrad();
                (w * g).sum().backward();
                adam.step();
            }
            results.push_back(w.detach().clone());
        }
        torch::set_num_threads(1);
        QVERIFY(torch::equal(results[0], results[1]));
        QVERIFY((results[0] - w0).abs().max().item<float>() > 0.01f);  // it moved
    }
    void bf16TrainsLikeFp32()
    {
        if (!cpuHasBf16())
            QSKIP("this CPU has no AVX512_BF16 / AMX-BF16: bf16 training falls back to fp32 (see fallbacks)");
        Model bf = Model::create(smallConfig("rhythmvae"), 3).value();
        Model fp = Model::create(smallConfig("rhythmvae"), 3).value();
        const TrainOutcome outBf = Trainer(bf, m_set, options(5, TrainPrecision::BFloat16)).run({});
        const TrainOutcome outFp = Trainer(fp, m_set, options(5, TrainPrecision::Float32)).run({});
        QVERIFY2(outBf.ok() && outBf.message.empty(), outBf.message.c_str());
        QVERIFY2(outFp.ok(), outFp.message.c_str());
        QCOMPARE(bf.history().size(), std::size_t(5));
        for (const EpochRecord& e : bf.history())
            QCOMPARE(e.precision, std::string("bf16"));
        QCOMPARE(fp.history().back().precision, std::string("fp32"));

        const EpochRecord& first = bf.history().front();
        const EpochRecord& last = bf.history().back();
        const double fpVal = fp.history().back().validation.total;
        qInfo("bf16: train %.2f -> %.2f, validation %.2f -> %.2f (fp32 run: validation %.2f), %.0f vs %.0f samples/s",
            first.train.total, last.train.total, first.validation.total, last.validation.total, fpVal,
            outBf.samplesPerSecond, outFp.samplesPerSecond);
        QVERIFY(last.train.total < 0.9 * first.train.total);
        QVERIFY(last.validation.total < first.validation.total);
        QVERIFY(last.train.hits < first.train.hits);
        // Same seed, same batches: bf16 really ran (other weights) and ended close to fp32.
        QVERIFY(!sameWeights(bf, fp));
        QVERIFY(std::abs(last.validation.total - fpVal) < 0.05 * fpVal);

        // fp32 master weights, BatchNorm statistics and optimizer; the statistics were updated.
        auto vae = module(bf);
        for (const auto& p : vae->named_parameters()) {
            QCOMPARE(p.value().scalar_type(), torch::kFloat);
            QVERIFY2(torch::isfinite(p.value()).all().item<bool>(), p.key().c_str());
        }
        for (const auto& b : vae->named_buffers())
            if (b.value().is_floating_point())
                QCOMPARE(b.value().scalar_type(), torch::kFloat);
        bool statsMoved = false;
        for (const auto& b : vae->named_buffers())
            if (b.key().find("running_var") != std::string::npos && !torch::allclose(b.value(), torch::ones_like(b.value())))
                statsMoved = true;
        QVERIFY(statsMoved);
        QVERIFY(bf.hasOptimizerState());

        // The model file keeps the precision of every epoch; fp32 files do not mention it (old files still load).
        QTemporaryDir dir;
        const std::string bfFile = dir.filePath("bf.gsm").toStdString(), fpFile = dir.filePath("fp.gsm").toStdString();
        QVERIFY(bf.save(bfFile).ok());
        QVERIFY(fp.save(fpFile).ok());
        QVERIFY(fileText(bfFile).find("\"precision\":\"bf16\"") != std::string::npos);
        QVERIFY(fileText(fpFile).find("\"precision\"") == std::string::npos);
        Model loaded = Model::load(bfFile).value();
        QVERIFY(loaded.history() == bf.history());
        QVERIFY(sameWeights(loaded, bf));
        QCOMPARE(Model::load(fpFile).value().history().back().precision, std::string("fp32"));
        // And a bf16 resume continues the history.
        QVERIFY(Trainer(loaded, m_set, options(1, TrainPrecision::BFloat16)).run({}).ok());
        QCOMPARE(loaded.history().size(), std::size_t(6));
        QCOMPARE(loaded.history().back().precision, std::string("bf16"));
    }
    void fallbacks()
    {
        // The recurrent model: fp32 with a note naming the reason.
        Model rec = Model::create(smallConfig("recurrent"), 2).value();
        TrainOutcome out = Trainer(rec, m_set, options(1, TrainPrecision::BFloat16)).run({});
        QVERIFY2(out.ok(), out.message.c_str());
        QCOMPARE(rec.history().back().precision, std::string("fp32"));
        if (cpuHasBf16())
            QVERIFY2(QString::fromStdString(out.message).contains("RhythmVAE only"), out.message.c_str());
        else
            QVERIFY2(QString::fromStdString(out.message).contains("AVX512_BF16"), out.message.c_str());
        // The flat-manifold penalty.
        ModelConfig flat = smallConfig("rhythmvae");
        flat.loss.flat = true;
        if (cpuHasBf16())
            QVERIFY(QString::fromStdString(choosePrecision(TrainPrecision::BFloat16, flat).note).contains("flat"));
        QVERIFY(choosePrecision(TrainPrecision::BFloat16, flat).precision == TrainPrecision::Float32);
        // A CPU without native bf16 (forced): fp32, the same result as asking for fp32.
        qputenv("GROOVESCAPE_NO_BF16", "1");
        QVERIFY(!cpuHasBf16());
        Model a = Model::create(smallConfig("rhythmvae"), 4).value();
        Model b = Model::create(smallConfig("rhythmvae"), 4).value();
        out = Trainer(a, m_set, options(1, TrainPrecision::BFloat16)).run({});
        qunsetenv("GROOVESCAPE_NO_BF16");
        QVERIFY2(QString::fromStdString(out.message).contains("trained in fp32"), out.message.c_str());
        QVERIFY(Trainer(b, m_set, options(1, TrainPrecision::Float32)).run({}).ok());
        QCOMPARE(a.history().back().precision, std::string("fp32"));
        QVERIFY(a.history().back().train == b.history().back().train);
        QVERIFY(sameWeights(a, b));
        // fp32 asked: never a note.
        QVERIFY(choosePrecision(TrainPrecision::Float32, smallConfig("recurrent")).note.empty());
    }
};

QTEST_GUILESS_MAIN(TestTrainPrecision)
#include "tst_trainprecision.moc"
