// groovescape-cli strip's core: a freshly trained small model without its
// optimizer state loads, decodes bit-identically, is smaller, and a resume
// from it continues the history with a fresh Adam optimizer (and says so).
#include "gmdsubset.h"
#include "model/internal/modelinternal.h"
#include "model/modelstrip.h"
#include "train/trainer.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

using namespace gs;

class TestModelStrip : public QObject {
    Q_OBJECT
    TrainingSet m_set;
    QTemporaryDir m_dir;

    std::string path(const char* name) const { return (std::filesystem::path(m_dir.path().toStdString()) / name).string(); }

    TrainOptions options(int epochs) const
    {
        TrainOptions o;
        o.epochs = epochs;
        o.threads = 1;
        o.seed = 3;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::GmdSubset data = test::gmdSubset(96, 32);
        QVERIFY2(data.error.empty(), data.error.c_str());
        m_set.train = data.train;
        m_set.validation = data.validation;
    }
    void strippedModelLoadsDecodesAndResumes()
    {
        ModelConfig c;
        c.latent = 2;
        c.hidden = 64;
        c.decoderHidden = 128;
        Model model = Model::create(c, 7).value();
        const TrainOutcome trained = Trainer(model, m_set, options(2)).run({});
        QVERIFY2(trained.ok(), trained.message.c_str());
        QVERIFY(model.hasOptimizerState());
        const std::string full = path("full.gsmodel"), stripped = path("stripped.gsmodel");
        QVERIFY(model.save(full).ok());

        auto report = stripModelFile(full, stripped);
        QVERIFY(report.ok());
        QCOMPARE(report->bytesBefore, std::uint64_t(std::filesystem::file_size(full)));
        QCOMPARE(report->bytesAfter, std::uint64_t(std::filesystem::file_size(stripped)));
        QVERIFY(report->optimizerBytes > 0);
        QCOMPARE(report->bytesAfter + report->optimizerBytes, report->bytesBefore);

        auto a = Model::load(full);
        auto b = Model::load(stripped);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!b->hasOptimizerState());
        QCOMPARE(b->history().size(), a->history().size());
        QCOMPARE(b->config(), a->config());
        {
            torch::NoGradGuard g;
            const torch::Tensor z = torch::tensor({0.4f, -1.1f, 2.0f, 0.3f}).reshape({2, 2});
            const Decoded da = module(*a)->decode(z), db = module(*b)->decode(z);
            QVERIFY(torch::equal(da.hitLogits, db.hitLogits));
            QVERIFY(torch::equal(da.velocity, db.velocity));
            QVERIFY(torch::equal(da.offset, db.offset));
        }

        // Stripping a stripped file changes nothing but is fine.
        auto again = stripModelFile(stripped, stripped);
        QVERIFY(again.ok());
        QCOMPARE(again->optimizerBytes, std::uint64_t(0));
        QCOMPARE(again->bytesAfter, report->bytesAfter);

        // Resume: the history continues (epoch 3), the optimizer starts fresh, the trainer says so.
        Model resumed = b.value();
        const TrainOutcome more = Trainer(resumed, m_set, options(1)).run({});
        QVERIFY2(more.ok(), more.message.c_str());
        QVERIFY2(more.message.find("fresh Adam") != std::string::npos, more.message.c_str());
        QCOMPARE(int(resumed.history().size()), 3);
        QCOMPARE(resumed.history().back().epoch, 3);
        QCOMPARE(resumed.history().back().learningRate, a->history().back().learningRate);
        QVERIFY(resumed.hasOptimizerState());
        QVERIFY(std::isfinite(resumed.history().back().train.total));
    }
    void badFilesGiveClearErrors()
    {
        auto missing = stripModelFile(path("nothing.gsmodel"), path("out.gsmodel"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().describe().find("nothing.gsmodel") != std::string::npos);
        const std::string junk = path("junk.gsmodel");
        std::ofstream(junk) << "not a model";
        auto bad = stripModelFile(junk, path("out.gsmodel"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().describe().find("junk.gsmodel") != std::string::npos);
        QVERIFY(!std::filesystem::exists(path("out.gsmodel")));  // nothing half-written
    }
};

QTEST_GUILESS_MAIN(TestModelStrip)
#include "tst_modelstrip.moc"
