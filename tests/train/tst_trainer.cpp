// The trainer on a small real GMD subset: loss falls (both models, flat on),
// reproducible, resume continues the history, the NaN guard, cancel.
#include "gmdsubset.h"
#include "latent/attributes.h"
#include "latent/metrics.h"
#include "model/internal/groovecodec.h"
#include "model/internal/modelinternal.h"
#include "model/mapfactory.h"
#include "testdata.h"
#include "train/internal/fusedadam.h"
#include "train/trainer.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <chrono>

using namespace gs;

namespace {

ModelConfig smallConfig(const std::string& type, int latent, bool flat = false)
{
    ModelConfig c;
    c.type = type;
    c.latent = latent;
    c.hidden = 128;
    c.decoderHidden = 256;
    c.rnnHidden = 64;
    c.loss.flat = flat;
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

bool allFinite(const Model& m)
{
    for (const auto& p : module(m)->parameters())
        if (!torch::isfinite(p).all().item<bool>())
            return false;
    return true;
}

// Ranks 0..n-1 (ties broken by order: the windows' hit counts tie often, which only lowers Spearman's r).
std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> order(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return v[i] < v[j]; });
    std::vector<double> r(v.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        r[order[k]] = double(k);
    return r;
}

// Spearman's rank correlation: Pearson's r of the ranks.
double spearman(const std::vector<double>& a, const std::vector<double>& b)
{
    return pearson(ranks(a), ranks(b));
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    TrainingSet m_set;

    TrainOptions options(int epochs)
    {
        TrainOptions o;
        o.epochs = epochs;
        o.threads = 1;
        o.seed = 5;
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
        m_set.summary.trainWindows = 192;
        m_set.summary.validationWindows = 48;
    }
    void lossFalls_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("latent");
        QTest::addColumn<bool>("flat");
        QTest::newRow("rhythmvae 2D") << "rhythmvae" << 2 << false;
        QTest::newRow("recurrent 32D") << "recurrent" << 32 << false;
        QTest::newRow("recurrent 32D flat") << "recurrent" << 32 << true;
        QTest::newRow("rhythmvae 2D flat") << "rhythmvae" << 2 << true;
    }
    void lossFalls()
    {
        QFETCH(QString, type);
        QFETCH(int, latent);
        QFETCH(bool, flat);
        Model m = Model::create(smallConfig(type.toStdString(), latent, flat)).value();
        std::vector<TrainReport> reports;
        Trainer t(m, m_set, options(4));
        TrainOutcome out = t.run([&](const TrainReport& r) { reports.push_back(r); });
        QVERIFY2(out.ok(), out.message.c_str());
        QCOMPARE(out.end, TrainOutcome::End::Completed);
        QCOMPARE(m.history().size(), std::size_t(4));
        QCOMPARE(reports.size(), std::size_t(4));
        const EpochRecord& first = m.history().front();
        const EpochRecord& last = m.history().back();
        qInfo("%s: train %.2f -> %.2f, validation %.2f -> %.2f, flat %.3f -> %.3f, %.0f samples/s",
            qPrintable(type), first.train.total, last.train.total, first.validation.total, last.validation.total,
            first.train.flat, last.train.flat, out.samplesPerSecond);
        QVERIFY(last.train.total < 0.9 * first.train.total);
        QVERIFY(last.validation.total < first.validation.total);
        QVERIFY(last.train.hits < first.train.hits);
        QCOMPARE(first.train.flat > 0, flat);
        QCOMPARE(reports.back().epoch, 4);
        QVERIFY(reports.back().samplesPerSecond > 0);
        QCOMPARE(reports.back().remainingSeconds, 0.0);
        QVERIFY(m.hasOptimizerState());
        QCOMPARE(m.datasetSummary().name, std::string("gmd subset"));
    }
    void sameSeedSameResult()
    {
        Model a = Model::create(smallConfig("rhythmvae", 2), 9).value();
        Model b = Model::create(smallConfig("rhythmvae", 2), 9).value();
        QVERIFY(Trainer(a, m_set, options(2)).run({}).ok());
        QVERIFY(Trainer(b, m_set, options(2)).run({}).ok());
        QVERIFY(a.history()[1].train == b.history()[1].train);
        QVERIFY(sameWeights(a, b));
    }
    void mapOverTheBundledModelLearnsAndLeavesItsBaseAlone()
    {
        // A personal map over the bundled recurrent model, trained on the real subset: its loss (base
        // latents reconstructed + KL) falls, and the embedded base's weights never move.
        const std::string basePath = (test::sourceDir() / "models/recurrent-32d-flat.gsmodel").string();
        Model base = Model::load(basePath).value();
        Model map = createMapModel(base, MapSettings{}, 2).value();
        std::vector<torch::Tensor> before;
        for (const auto& p : module(mapBase(map).value())->parameters())
            before.push_back(p.detach().clone());
        Trainer t(map, m_set, options(15));
        TrainOutcome out = t.run({});
        QVERIFY2(out.ok(), out.message.c_str());
        QCOMPARE(map.history().size(), std::size_t(15));
        const EpochRecord& first = map.history().front();
        const EpochRecord& last = map.history().back();
        qInfo("map: train %.2f -> %.2f (latent %.2f -> %.2f), validation %.2f -> %.2f", first.train.total,
            last.train.total, first.train.latent, last.train.latent, first.validation.total, last.validation.total);
        QVERIFY(first.train.latent > 0);
        QCOMPARE(first.train.hits, 0.0);  // the map's loss is in base-latent units, not grooves
        QVERIFY(last.train.total < 0.9 * first.train.total);
        QVERIFY(last.train.latent < first.train.latent);
        QVERIFY(last.validation.total < first.validation.total);
        const auto after = module(mapBase(map).value())->parameters();
        for (std::size_t i = 0; i < before.size(); ++i)
            QVERIFY(torch::equal(before[i], after[i]));
        // It resumes from its file like any model (optimizer state of the map's own parameters).
        QTemporaryDir dir;
        const std::string path = dir.filePath("map.gsmodel").toStdString();
        QVERIFY(map.save(path).ok());
        Model again = Model::load(path).value();
        QVERIFY(Trainer(again, m_set, options(1)).run({}).ok());
        QCOMPARE(again.history().back().epoch, 16);
    }
    void mapAttributeAxesFollowDensityAndVelocity()
    {
        // --map-attributes: after training, the map's x orders the windows by density (hit count) and its y by
        // mean velocity (Spearman's rank correlation of the encoded means), and the weight survives the file.
        const std::string basePath = (test::sourceDir() / "models/recurrent-32d-flat.gsmodel").string();
        Model base = Model::load(basePath).value();
        MapSettings settings;
        settings.loss.mapAttributes = 10.0f;
        Model map = createMapModel(base, settings, 2).value();
        TrainOutcome out = Trainer(map, m_set, options(30)).run({});
        QVERIFY2(out.ok(), out.message.c_str());
        torch::NoGradGuard noGrad;
        auto vae = module(map);
        vae->eval();
        const torch::Tensor z = vae->encode(groovesToTensor(m_set.train, 32, 9)).first;
        std::vector<double> x, y, density, velocity;
        for (std::size_t i = 0; i < m_set.train.size(); ++i) {
            const Groove& g = m_set.train[i];
            x.push_back(z[int64_t(i)][0].item<double>());
            y.push_back(z[int64_t(i)][1].item<double>());
            density.push_back(g.hitCount());
            velocity.push_back(attributeValue(g, {Attribute::Velocity}).value_or(0.0f));
        }
        const double rx = spearman(x, density), ry = spearman(y, velocity);
        qInfo("map axes over %zu windows: x ~ density %.3f, y ~ velocity %.3f", x.size(), rx, ry);
        QVERIFY(rx > 0.7);  // measured 0.91 and 0.83; a map without the weight: velocity r near 0 on GMD
        QVERIFY(ry > 0.7);
        QTemporaryDir dir;
        const std::string path = dir.filePath("axes.gsmodel").toStdString();
        QVERIFY(map.save(path).ok());
        QCOMPARE(Model::load(path).value().config().loss.mapAttributes, 10.0f);
    }
    void resumeContinuesTheHistory()
    {
        // Two epochs, saved; then one more from the file and one more in memory: identical.
        Model m = Model::create(smallConfig("recurrent", 8), 4).value();
        QVERIFY(Trainer(m, m_set, options(2)).run({}).ok());
        QTemporaryDir dir;
        const std::string file = dir.filePath("m.gsm").toStdString();
        QVERIFY(m.save(file).ok());
        Model resumed = Model::load(file).value();
        QVERIFY(resumed.hasOptimizerState());
        TrainOutcome a = Trainer(resumed, m_set, options(1)).run({});
        TrainOutcome b = Trainer(m, m_set, options(1)).run({});
        QVERIFY2(a.ok(), a.message.c_str());
        QVERIFY(b.ok());
        QCOMPARE(resumed.history().size(), std::size_t(3));
        QCOMPARE(resumed.history()[2].epoch, 3);
        QVERIFY(resumed.history()[0] == m.history()[0]);
        QVERIFY(resumed.history()[2].train == m.history()[2].train);
        QVERIFY(sameWeights(resumed, m));
        // Without the optimizer state (a fresh Adam) the same epoch ends elsewhere: the state matters.
        Model fresh = Model::load(file).value();
        optimizerState(fresh).clear();
        QVERIFY(Trainer(fresh, m_set, options(1)).run({}).ok());
        QVERIFY(!sameWeights(fresh, m));
    }
    void nanGuardKeepsTheLastGoodWeights()
    {
        Model m = Model::create(smallConfig("rhythmvae", 2), 2).value();
        QVERIFY(Trainer(m, m_set, options(1)).run({}).ok());
        Model before = m.clone();
        TrainOptions o = options(3);
        o.lr = 1e30;  // weights of 1e30: squares overflow float
        o.clipNorm = 0;
        TrainOutcome out = Trainer(m, m_set, o).run({});
        QCOMPARE(out.end, TrainOutcome::End::Diverged);
        qInfo("%s", out.message.c_str());
        QVERIFY(QString::fromStdString(out.message).contains("last good epoch"));
        QVERIFY(allFinite(m));
        QCOMPARE(m.history().size(), std::size_t(1));
        QVERIFY(sameWeights(m, before));
    }
    void cancelStopsPromptly()
    {
        Model m = Model::create(smallConfig("recurrent", 32, true), 2).value();
        Model before = m.clone();
        Trainer t(m, m_set, options(1000));
        std::atomic<int> epochs{0};
        t.start([&](const TrainReport&) { ++epochs; });
        QTest::qWait(300);
        const auto t0 = std::chrono::steady_clock::now();
        t.cancel();
        TrainOutcome out = t.wait();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        qInfo("cancel took %.1f ms", ms);
        QCOMPARE(out.end, TrainOutcome::End::Cancelled);
        QVERIFY(!t.running());
        QVERIFY(out.epochsRun < 1000);
        QCOMPARE(int(m.history().size()), out.epochsRun);
        if (out.epochsRun == 0)
            QVERIFY(sameWeights(m, before));  // a cancelled partial epoch leaves no trace
    }
    void fusedAdamMatchesTorchAdam()
    {
        torch::manual_seed(3);
        torch::Tensor w0 = torch::randn({40, 30}), x = torch::randn({16, 30});
        torch::Tensor a = w0.clone().requires_grad_(true), b = w0.clone().requires_grad_(true);
        torch::optim::Adam reference({a}, torch::optim::AdamOptions(0.01).weight_decay(0.1));
        FusedAdam fused({b}, 0.01, 0.1);
        for (int i = 0; i < 20; ++i) {
            reference.zero_grad();
            fused.zeroGrad();
            torch::tanh(x.matmul(a.t())).pow(3).sum().backward();
            torch::tanh(x.matmul(b.t())).pow(3).sum().backward();
            reference.step();
            fused.step();
        }
        QVERIFY((a - b).abs().max().item<float>() < 1e-5f);
        QVERIFY((a - w0).abs().max().item<float>() > 0.05f);  // it did move
        // Its state round-trips, and a state of another shape is refused.
        FusedAdam other({b}, 0.01, 0.1);
        other.load(fused.save());
        QVERIFY(other.save() == fused.save());
        FusedAdam wrong({torch::zeros({3}, torch::requires_grad())}, 0.01, 0);
        QVERIFY_THROWS_EXCEPTION(std::exception, wrong.load(fused.save()));
    }
    void tooFewWindowsFailsClearly()
    {
        Model m = Model::create(smallConfig("rhythmvae", 2)).value();
        TrainingSet set;
        set.train.push_back(m_set.train[0]);
        TrainOutcome out = Trainer(m, set, options(1)).run({});
        QCOMPARE(out.end, TrainOutcome::End::Failed);
        QVERIFY(QString::fromStdString(out.message).contains("no training windows"));
        // Windows of another grid are not used.
        ModelConfig c = smallConfig("rhythmvae", 2);
        c.grid.stepsPerBeat = 12;
        Model m96 = Model::create(c).value();
        QCOMPARE(Trainer(m96, m_set, options(1)).run({}).end, TrainOutcome::End::Failed);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
