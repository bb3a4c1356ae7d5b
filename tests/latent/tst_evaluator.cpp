// The evaluation on a tiny RhythmVAE trained a few epochs on real GMD
// windows: it runs, is deterministic, its numbers are in range, and hit F1
// beats an untrained model's.
#include "latent/evaluator.h"
#include "latent/projection.h"
#include "latenttestdata.h"
#include "model/model.h"
#include "train/trainer.h"

#include <QtTest/QtTest>

using namespace gs;

class TestEvaluator : public QObject {
    Q_OBJECT
private:
    std::vector<Groove> m_train, m_validation;
    std::optional<Model> m_fresh, m_trained;

private Q_SLOTS:
    void initTestCase()
    {
        auto windows = test::gmdWindows(test::someGmdBeats());
        QVERIFY2(windows.size() >= 60, qPrintable(QString::number(windows.size())));
        // Held out by file would be better; the last file's windows are the validation here.
        const auto last = test::gmdWindows({test::someGmdBeats().back()});
        m_validation = last;
        m_train.assign(windows.begin(), windows.end() - long(last.size()));
        ModelConfig config;
        config.type = "rhythmvae";
        config.latent = 4;
        config.hidden = 64;
        config.decoderHidden = 128;
        auto fresh = Model::create(config, 5);
        QVERIFY(fresh.ok());
        m_fresh = fresh->clone();
        TrainingSet data;
        data.train = m_train;
        data.validation = m_validation;
        TrainOptions options;
        options.epochs = 30;
        options.batch = 16;
        options.threads = 1;
        options.seed = 5;
        Trainer trainer(*fresh, data, options);
        const TrainOutcome outcome = trainer.run({});
        QVERIFY2(outcome.ok(), outcome.message.c_str());
        m_trained = trainer.model();
    }
    void reportIsInRangeAndDeterministic()
    {
        LatentSpace space(*m_trained);
        EvalOptions options;
        options.pairs = 40;
        options.attributeSamples = 300;
        auto report = Evaluator(space).evaluate(m_train, options);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().describe().c_str());
        const EvalReport& r = *report;
        QCOMPARE(r.windows, int(m_train.size()));
        for (double v : {r.hitPrecision, r.hitRecall, r.hitF1})
            QVERIFY(v >= 0.0 && v <= 1.0);
        QVERIFY2(r.hitF1 > 0.3, qPrintable(QString::number(r.hitF1)));
        QVERIFY(r.velocityMse >= 0.0 && r.velocityMse < 1.0);
        QVERIFY(r.offsetMse >= 0.0 && r.offsetMse < 4.0);
        QCOMPARE(r.pairs, 40);
        QVERIFY(r.smoothnessMean >= 0.0 && r.smoothnessMean <= r.smoothnessMax);
        QVERIFY(r.smoothnessMax <= 32 * 9);
        for (double c : {r.densityCorrelation, r.velocityCorrelation, r.offsetCorrelation})
            QVERIFY(c >= -1.0 && c <= 1.0);
        // Density is what even a tiny model learns first: moving along its vector must change density.
        QVERIFY2(r.densityCorrelation > 0.15, qPrintable(QString::number(r.densityCorrelation)));
        // The same move measured from each start groove's own decoding.
        for (double c : {r.densityChange, r.velocityChange, r.offsetChange})
            QVERIFY(c >= -1.0 && c <= 1.0);
        QVERIFY2(r.densityChange > 0.15, qPrintable(QString::number(r.densityChange)));
        QCOMPARE(r.klPerDim.size(), std::size_t(4));
        for (double kl : r.klPerDim)
            QVERIFY(kl >= 0.0);
        const auto flat = r.flatten();
        QCOMPARE(flat.at("hit_f1"), r.hitF1);
        QVERIFY(flat.count("kl_dim_3") == 1);
        // Same seed, same numbers.
        auto again = Evaluator(space).evaluate(m_train, options);
        QCOMPARE(again->hitF1, r.hitF1);
        QCOMPARE(again->smoothnessMean, r.smoothnessMean);
        QCOMPARE(again->densityCorrelation, r.densityCorrelation);
        QCOMPARE(again->offsetChange, r.offsetChange);
        QCOMPARE(flat.at("attribute_change_velocity"), r.velocityChange);
        QCOMPARE(again->klPerDim, r.klPerDim);
        // Validation windows: evaluated the same way.
        auto held = Evaluator(space).evaluate(m_validation, options);
        QVERIFY(held.ok());
        QVERIFY(held->hitF1 >= 0.0 && held->hitF1 <= 1.0);
    }
    void trainingImprovesReconstruction()
    {
        EvalOptions options;
        options.pairs = 10;
        options.attributeSamples = 50;
        LatentSpace fresh(*m_fresh), trained(*m_trained);
        auto before = Evaluator(fresh).evaluate(m_train, options);
        auto after = Evaluator(trained).evaluate(m_train, options);
        QVERIFY(before.ok() && after.ok());
        QVERIFY2(after->hitF1 > before->hitF1,
                 qPrintable(QString("%1 -> %2").arg(before->hitF1).arg(after->hitF1)));
        // (Velocity MSE on true hits need not fall: the loss also pulls empty cells' velocity to 0.)
    }
    void pcaOfRealMeans()
    {
        LatentSpace space(*m_trained);
        auto encoded = space.encode(m_train);
        QVERIFY(encoded.ok());
        const Projection p = Projection::fit(encoded->mean, 2);
        QVERIFY(p.isPca());
        QVERIFY(p.explainedVariance()[0] >= p.explainedVariance()[1]);
        // Map positions of the data are centred on the origin.
        double sx = 0, sy = 0;
        for (const auto& z : encoded->mean) {
            const auto pos = p.project(z);
            sx += pos[0];
            sy += pos[1];
        }
        QVERIFY(std::abs(sx / double(encoded->mean.size())) < 1e-3);
        QVERIFY(std::abs(sy / double(encoded->mean.size())) < 1e-3);
    }
    void rejectsEmptyInput()
    {
        LatentSpace space(*m_trained);
        auto report = Evaluator(space).evaluate({});
        QVERIFY(!report.ok());
        QVERIFY(report.error().message.find("no windows") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
