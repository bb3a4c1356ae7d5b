// TrainSettings: its defaults are the CLI's and agree with LossConfig's and TrainOptions'; the
// recommended values per model type; problem() names the first value outside its range or choices
// by its option; clamping; the trainer's options made from it; the JSON form round-trips and
// refuses unknown keys, wrong types and values out of range.
#include "model/modelconfig.h"
#include "train/trainsettings.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>

using namespace gs;

class TestTrainSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsAgreeWithTheLossAndTheTrainer()
    {
        const TrainSettings s;
        QVERIFY2(s.problem().empty(), s.problem().c_str());
        const LossConfig loss;
        QCOMPARE(float(s.beta), loss.beta);
        QCOMPARE(float(s.freeBits), loss.freeBits);
        QCOMPARE(s.klAnneal, loss.klAnneal);
        QCOMPARE(s.flat, loss.flat);
        QCOMPARE(float(s.flatEta), loss.flatEta);
        QCOMPARE(s.flatBatch, loss.flatBatch);
        QCOMPARE(!s.flatDetach, loss.flatEncoderGrad);
        QCOMPARE(s.flatForm == "relative", loss.flatRelative);
        QCOMPARE(s.flatMetric, loss.flatMetric);
        QCOMPARE(float(s.kappa), loss.kappa);
        QCOMPARE(float(s.lambdaRate), loss.lambdaRate);
        const TrainOptions o = s.trainOptions();
        const TrainOptions plain;
        QCOMPARE(o.clipNorm, plain.clipNorm);
        QCOMPARE(o.lr, 0.0);  // the trainer's choice
        QCOMPARE(o.epochs, 20);
        QVERIFY(o.precision == TrainPrecision::Float32);
    }

    void recommendedValuesKeepTheChoicesThatAreNotTheModels()
    {
        TrainSettings s;
        s.flat = true;
        s.precision = "bf16";
        s.seed = 99;
        const TrainSettings recurrent = s.recommendedFor("recurrent");
        QCOMPARE(recurrent.model, std::string("recurrent"));
        QCOMPARE(recurrent.latent, 16);
        QCOMPARE(recurrent.hidden, 128);
        QCOMPARE(recurrent.klAnneal, std::string("linear"));
        QCOMPARE(recurrent.klWarmup, 3);
        QCOMPARE(recurrent.epochs, 20);
        QVERIFY(recurrent.flat);
        QCOMPARE(recurrent.precision, std::string("bf16"));
        QCOMPARE(recurrent.seed, std::uint64_t(99));
        const TrainSettings rhythm = recurrent.recommendedFor("rhythmvae");
        QCOMPARE(rhythm.latent, 2);
        QCOMPARE(rhythm.hidden, 512);
        QCOMPARE(rhythm.epochs, 30);
        QCOMPARE(rhythm.earlyStop, 10);
        QCOMPARE(rhythm.lr, 1e-3);
        QVERIFY(rhythm.problem().empty());
        QVERIFY(recurrent.problem().empty());
    }

    void problemNamesTheOptionAndTheRange()
    {
        TrainSettings s;
        s.latent = 0;
        QCOMPARE(s.problem(), std::string("--latent: '0' is out of range (expected 2 to 256)"));
        s.latent = 2;
        s.lr = std::nan("");
        QVERIFY(s.problem().find("--lr: ") == 0);
        QVERIFY(s.problem().find("not a finite number (expected 0 to 10)") != std::string::npos);
        s.lr = 0;
        s.klAnneal = "sometimes";
        QCOMPARE(s.problem(), std::string("--kl-anneal: 'sometimes' is not one of none, linear, cyclic"));
        s.klAnneal = "none";
        s.batch = 65537;
        QCOMPARE(s.problem(), std::string("--batch: '65537' is out of range (expected 1 to 65536)"));
    }

    void clampingFindsTheNearestAllowedSettings()
    {
        TrainSettings previous;
        previous.model = "recurrent";
        TrainSettings wanted;
        wanted.model = "diffusion";
        wanted.latent = 100000;
        wanted.epochs = -5;
        wanted.lr = std::numeric_limits<double>::quiet_NaN();
        wanted.flatMetric = "shiny";
        const TrainSettings s = clampedTrainSettings(wanted, previous);
        QCOMPARE(s.model, std::string("recurrent"));
        QCOMPARE(s.latent, 256);
        QCOMPARE(s.epochs, 1);
        QCOMPARE(s.lr, 0.0);
        QCOMPARE(s.flatMetric, previous.flatMetric);
        QVERIFY(s.problem().empty());
        QVERIFY(clampedTrainSettings(s, previous) == s);  // allowed settings are left as they are
    }

    void everyRangeIsKnownByKeyAndOption()
    {
        for (const TrainSettingRange& r : trainSettingRanges()) {
            QCOMPARE(&trainSettingRange(r.key), &r);
            QCOMPARE(&trainSettingRange(r.option), &r);
            QVERIFY(r.low <= r.high);
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, trainSettingRange("--colour"));
    }

    void jsonRoundTripsAndRefusesWhatItDoesNotKnow()
    {
        TrainSettings s = TrainSettings{}.recommendedFor("recurrent");
        s.seed = 12345678901234ull;
        s.flatForm = "absolute";
        s.lr = 2.5e-4;
        const Result<TrainSettings> back = TrainSettings::fromJson(s.toJson());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QVERIFY(back.value() == s);

        const Result<TrainSettings> partial = TrainSettings::fromJson(R"({"latent": 8})");
        QVERIFY(partial.ok());
        QCOMPARE(partial->latent, 8);
        QCOMPARE(partial->epochs, TrainSettings{}.epochs);

        for (const char* bad : {R"([1, 2])", R"({"latent": "eight"})", R"({"latent": 2.5})", R"({"colour": 1})",
                 R"({"latent": 1})", R"({"model": "diffusion"})", R"({"flat": 1})", R"({"seed": -1})",
                 R"({"epochs": 1e12})", "not json"}) {
            const Result<TrainSettings> r = TrainSettings::fromJson(bad);
            QVERIFY2(!r.ok(), bad);
            QVERIFY(r.error().describe().find("training settings") == 0);
        }
        QVERIFY(TrainSettings::fromJson(R"({"latent": 1})").error().describe().find("--latent") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTrainSettings)
#include "tst_trainsettings.moc"
