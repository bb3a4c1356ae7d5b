// Attribute sliders that never run backwards (issue 17, finding 5). The rules of the calibration on made-up
// readings, then every bundled model at real held-out points: the uncalibrated direction's errors are counted
// and printed (the "before"), and the calibrated slider must move the decoded attribute the way it says.
#include "latent/attributecalibration.h"
#include "latenttestdata.h"
#include "model/model.h"

#include <QtTest/QtTest>


namespace gs {

namespace {


float valueAt(const LatentSpace& space, const LatentVector& start, const AttributeVector& vector, float amount)
{
    const auto v = attributeValue(space.generate(moveAlong(start, vector.direction, amount, false)), vector.key);
    return v ? *v : std::nanf("");
}

} // namespace

class TestAttributeCalibration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bothWaysUpIsResolved()
    {
        // Density rises both ways from the start (the report's "both directions added notes"): up takes the
        // side that rises furthest; down has no stop, so the control cannot lower it here.
        const AttributeCalibration c = calibrate(20, {-1.0f, -0.5f, 0.5f, 1.0f}, {24.0f, 22.0f, 21.0f, 30.0f});
        QVERIFY(c.canRaise());
        QVERIFY(!c.canLower());
        QCOMPARE(c.upAmounts, (std::vector<float>{0.5f, 1.0f}));
        QCOMPARE(c.amountFor(1.0f), 1.0f);
        QCOMPARE(c.amountFor(-1.0f), 0.0f);
        QCOMPARE(c.amountFor(0.0f), 0.0f);
    }

    void backwardsIsTurnedRound()
    {
        // The direction runs backwards here: its positive side lowers the attribute.
        const AttributeCalibration c = calibrate(0.5f, {-2, -1, 1, 2}, {0.7f, 0.6f, 0.4f, 0.3f});
        QCOMPARE(c.amountFor(1.0f), -2.0f);
        QCOMPARE(c.amountFor(-1.0f), 2.0f);
        QCOMPARE(c.amountFor(0.5f), -1.0f);  // aims at 0.6: the first stop
    }

    void stopsAreMonotone()
    {
        // A dip on the way out is skipped: stops only ever go further.
        const AttributeCalibration c =
            calibrate(10, {0.25f, 0.5f, 0.75f, 1.0f}, {std::optional<float>(12), 11, std::nullopt, 15});
        QCOMPARE(c.upValues, (std::vector<float>{12, 15}));
        float last = -1;
        for (float p = 0.0f; p <= 1.0f; p += 0.05f) {
            const float amount = c.amountFor(p);
            const float value = amount == 0.0f ? 10.0f : amount == 0.25f ? 12.0f : 15.0f;
            QVERIFY(value >= last);
            last = value;
        }
        QCOMPARE(c.amountFor(std::nanf("")), 0.0f);
    }

    void slidersFollowTheirNameOnEveryBundledModel_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("2D RhythmVAE") << "rhythmvae-2d.gsmodel";
        QTest::newRow("3D RhythmVAE") << "rhythmvae-3d.gsmodel";
        QTest::newRow("32D flat recurrent") << "recurrent-32d-flat.gsmodel";
    }

    void slidersFollowTheirNameOnEveryBundledModel()
    {
        QFETCH(QString, model);
        const std::vector<Groove> beats = test::gmdValidationBeats(40);
        QVERIFY2(beats.size() == 40, "fewer than 40 validation beats in the shared data");
        auto loaded = Model::load((test::sourceDir() / "models" / model.toStdString()).string());
        QVERIFY2(loaded.ok(), loaded ? "" : loaded.error().describe().c_str());
        const LatentSpace space(*loaded);
        auto encoded = space.encode(beats);
        QVERIFY(encoded.ok());

        const SamplingOptions sampling;
        int checked = 0, backwardsBefore = 0, honoured = 0;
        for (const Attribute attribute : {Attribute::Density, Attribute::Velocity, Attribute::Offset}) {
            const AttributeKey key{attribute};
            std::vector<std::optional<float>> values;
            for (const Groove& g : beats)
                values.push_back(attributeValue(g, key));
            const AttributeVector vector = attributeVector(key, encoded->mean, values);
            QVERIFY(!vector.direction.empty());
            for (std::size_t i = 0; i < 10; ++i) {  // ten real start points
                const LatentVector& start = encoded->mean[i * 4];
                const auto c = calibrateAt(space, start, vector, sampling);
                if (!c)
                    continue;
                ++checked;
                // Before: the slider at +1 / -1 moved the dataset's direction by +1 / -1 as it was.
                if (valueAt(space, start, vector, 1.0f) < c->startValue || valueAt(space, start, vector, -1.0f) > c->startValue)
                    ++backwardsBefore;
                // After: every position decodes to an attribute on the slider's side, monotone in the position.
                // One decode against a batch of them differs in the last float digits: not a direction.
                const float noise = 1e-4f;
                float last = c->startValue;
                for (float p = 0.1f; p <= 1.0001f; p += 0.1f) {
                    const float v = valueAt(space, start, vector, c->amountFor(p));
                    QVERIFY2(v >= last - noise, qPrintable(QStringLiteral("%1 at +%2 decoded %3 after %4").arg(QString::fromStdString(key.name())).arg(p).arg(v).arg(last)));
                    last = v;
                }
                QCOMPARE(last > c->startValue + noise, c->canRaise());
                last = c->startValue;
                for (float p = 0.1f; p <= 1.0001f; p += 0.1f) {
                    const float v = valueAt(space, start, vector, c->amountFor(-p));
                    QVERIFY2(v <= last + noise, qPrintable(QStringLiteral("%1 at -%2 decoded %3 after %4").arg(QString::fromStdString(key.name())).arg(p).arg(v).arg(last)));
                    last = v;
                }
                QCOMPARE(last < c->startValue - noise, c->canLower());
                honoured += (c->canRaise() ? 1 : 0) + (c->canLower() ? 1 : 0);
            }
        }
        qInfo("%s: %d slider starts; the uncalibrated direction ran backwards at %d; calibrated: %d of %d slider "
              "halves can move, all the right way",
              qPrintable(model), checked, backwardsBefore, honoured, 2 * checked);
        QVERIFY(checked >= 20);
        QVERIFY(honoured >= checked);  // on average at least one half of each slider moves
    }
};

} // namespace gs

QTEST_GUILESS_MAIN(gs::TestAttributeCalibration)
#include "tst_attributecalibration.moc"
