// MapController through the real model code: a tiny RhythmVAE trained for 2
// epochs on a few Groove MIDI Dataset files; the map fills from Session, a
// cursor move decodes on the worker and becomes Session's groove, a click
// puts the original window on the grid, sliders move the cursor, "Place on
// map" encodes the edited groove and moves the cursor there.
#include "dataset/dataset.h"
#include "latent/attributes.h"
#include "latent/latentspace.h"
#include "map/mapcontroller.h"
#include "model/model.h"
#include "testdata.h"
#include "tinydataset.h"
#include "train/trainer.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

class TestMapController : public QObject {
    Q_OBJECT

    Session m_session{nullptr};
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<Model> m_model;

private Q_SLOTS:
    void initTestCase()
    {
        m_dataset = test::tinyGmdDataset();
        QVERIFY2(m_dataset, "could not import the GMD files (is ../shared/data there?)");
        ModelConfig config;
        config.latent = 3;  // > 2: the map is a PCA plane
        config.grid = m_dataset->mostCommonGrid();
        config.drumMap = m_dataset->settings().map;
        config.hidden = 64;
        config.decoderHidden = 128;
        Result<Model> model = Model::create(config, 3);
        QVERIFY(model.ok());
        TrainOptions options;
        options.epochs = 2;
        options.batch = 16;
        Trainer trainer(model.value(), TrainingSet::fromDataset(*m_dataset, config.grid, "tiny"), options);
        const TrainOutcome outcome = trainer.run({});
        QVERIFY2(outcome.ok(), outcome.message.c_str());
        m_model = std::make_shared<Model>(trainer.model());
    }

    void withoutAModelTheMapSaysSo()
    {
        m_session.setModel(nullptr, QString());
        MapController controller;
        controller.setSession(&m_session);
        QCOMPARE(controller.session(), &m_session);
        QVERIFY(!controller.ready());
        QCOMPARE(controller.map()->status(), QStringLiteral("No model loaded"));
        QCOMPARE(controller.map()->count(), 0);
        controller.map()->moveCursor(QPointF(1, 1));  // nothing to decode with: no crash, no groove
        controller.jumpToPoint(0);
        controller.randomiseNear();
        QCOMPARE(controller.decodeCount(), 0);
    }

    void placeOnMapEncodesTheEditedGrooveAndKeepsIt()
    {
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
        m_session.setModel(m_model, QStringLiteral("tiny model"));
        MapController controller;
        controller.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() >= 1, 10000);

        // A real window, edited on the grid: a new kick, a removed hit, a softer hit.
        Groove edited = m_dataset->windows()[3].groove;
        edited.setHit(1, 0, 0.9f);
        for (int step = 0; step < edited.steps(); ++step)
            if (edited.hit(step, 2)) {
                edited.clearHit(step, 2);
                break;
            }
        m_session.setGroove(edited, GrooveSource::Edit);
        const QPointF cursorBefore = controller.map()->cursor();
        QSignalSpy placed(&controller, &MapController::placedOnMap);
        QSignalSpy placing(&controller, &MapController::placingChanged);
        QSignalSpy moved(&controller, &MapController::cursorMoved);
        QSignalSpy grooves(&m_session, &Session::grooveChanged);
        QSignalSpy errors(&controller, &MapController::error);
        m_session.requestPlaceOnMap();
        QVERIFY(controller.placing());  // the encode runs on the worker, not here
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, 10000);
        QVERIFY(!controller.placing());
        QCOMPARE(placing.count(), 2);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(errors.count(), 0);

        // The cursor is the encode of that groove (latent 3: its projection on the PCA plane).
        Result<EncodedSet> encoded = controller.space()->encode({edited});
        QVERIFY(encoded.ok());
        const LatentVector& expected = encoded->mean.front();
        QCOMPARE(controller.currentZ().size(), expected.size());
        for (std::size_t d = 0; d < expected.size(); ++d)
            QVERIFY2(std::abs(controller.currentZ()[d] - expected[d]) < 1e-4f, "cursor z = encoded mean");
        const QPointF at = controller.project(expected);
        QVERIFY(qAbs(controller.map()->cursor().x() - at.x()) < 1e-4 && qAbs(controller.map()->cursor().y() - at.y()) < 1e-4);
        QVERIFY(controller.map()->cursor() != cursorBefore);
        // The edit counts: the cursor is not on the unedited window's own point.
        const LatentVector original = controller.pointZ(3);
        float distance = 0.0f;
        for (std::size_t d = 0; d < expected.size(); ++d)
            distance += std::abs(original[d] - expected[d]);
        QVERIFY(distance > 1e-5f);

        // The grid keeps the edited groove: no decode replaced it.
        QTest::qWait(200);
        QCOMPARE(grooves.count(), 0);
        QCOMPARE(m_session.source(), GrooveSource::Edit);
        QVERIFY(m_session.groove().sameAs(edited));

        // Twice in a row: the latest request wins and reports once.
        placed.clear();
        m_session.requestPlaceOnMap();
        m_session.requestPlaceOnMap();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.placing(), 10000);
        QTest::qWait(100);
        QVERIFY(placed.count() >= 1 && placed.count() <= 2);

        // A groove that does not fit the model: a clear error, the cursor stays.
        Grid threeBars = edited.grid();
        threeBars.bars = 3;
        m_session.setGroove(Groove(threeBars, edited.voices()), GrooveSource::Edit);
        const QPointF cursorAfter = controller.map()->cursor();
        m_session.requestPlaceOnMap();
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
        QVERIFY(controller.message().startsWith(QStringLiteral("Cannot place this groove on the map")));
        QCOMPARE(controller.map()->cursor(), cursorAfter);
        QCOMPARE(m_session.groove().steps(), threeBars.steps());
        m_session.setModel(nullptr, QString());
    }

    void fillsDecodesJumpsAndSlides()
    {
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
        MapController controller;
        controller.setSession(&m_session);
        QSignalSpy ready(&controller, &MapController::readyChanged);
        QSignalSpy busy(&controller, &MapController::busyChanged);
        QSignalSpy decoded(&controller, &MapController::decoded);
        QSignalSpy errors(&controller, &MapController::error);
        m_session.setModel(m_model, QStringLiteral("tiny model"));
        QVERIFY(controller.busy());
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QVERIFY(busy.count() >= 2);
        QVERIFY(ready.count() >= 1);
        QCOMPARE(controller.latent(), 3);
        QVERIFY(controller.projectionInfo().contains(QStringLiteral("PCA")));
        QCOMPARE(controller.map()->count(), m_dataset->windowCount());  // one grid: every window fits
        QVERIFY(controller.map()->status().isEmpty());
        QVERIFY(controller.map()->hasBackground());
        QVERIFY(!controller.map()->legend().isEmpty());
        // The start position is decoded at once.
        QTRY_VERIFY_WITH_TIMEOUT(decoded.count() >= 1, 10000);
        QCOMPARE(m_session.source(), GrooveSource::Map);
        QCOMPARE(m_session.groove().steps(), m_model->config().steps());

        // A drag: many moves, latest wins; the last groove is the decode of the last z.
        QSignalSpy grooves(&m_session, &Session::grooveChanged);
        const QRectF bounds = controller.map()->bounds();
        for (int i = 0; i <= 40; ++i)
            controller.map()->moveCursor(bounds.topLeft() + QPointF(bounds.width() * i / 40.0, bounds.height() * i / 40.0));
        QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() >= 2, 10000);
        // Latest wins: on a busy machine the last decode may still be on its way.
        const Groove expected = controller.space()->generate(controller.currentZ(), controller.sampling());
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(expected), 10000);
        QVERIFY(grooves.count() >= 1);
        QVERIFY(grooves.count() <= 41);
        QVERIFY(controller.lastDecodeMs() > 0.0);
        QCOMPARE(errors.count(), 0);

        // Click a point: cursor on its mean, its original window on the grid.
        QSignalSpy selected(&controller, &MapController::selectedPointChanged);
        controller.jumpToPoint(5);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(controller.selectedPoint(), 5);
        QCOMPARE(m_session.currentWindow(), 5);
        QVERIFY(m_session.groove().sameAs(m_dataset->windows()[5].groove));
        const QPointF p = controller.map()->pointPosition(5);
        QVERIFY(qAbs(controller.map()->cursor().x() - p.x()) < 1e-4 && qAbs(controller.map()->cursor().y() - p.y()) < 1e-4);
        const int before = controller.decodeCount();
        controller.playDecoded();
        QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() > before, 10000);
        QCOMPARE(m_session.source(), GrooveSource::Map);
        controller.playOriginal();
        QCOMPARE(m_session.currentWindow(), 5);

        // Sliders and sampling re-decode and move the cursor.
        QSignalSpy attributes(&controller, &MapController::attributesChanged);
        QSignalSpy sampling(&controller, &MapController::samplingChanged);
        const QPointF cursorBefore = controller.map()->cursor();
        const int hitsAtStart = controller.space()->generate(controller.currentZ(), controller.sampling()).hitCount();
        QSignalSpy calibrated(&controller, &MapController::calibrationChanged);
        const int decodesBefore = controller.decodeCount();
        controller.setDensity(1.0);
        QCOMPARE(attributes.count(), 1);
        // The slider's stops are found on a worker from decoded grooves, then the cursor moves to one.
        QTRY_VERIFY_WITH_TIMEOUT(controller.calibrated(), 10000);
        QVERIFY(calibrated.count() >= 1);
        const QVariantMap reach = controller.attributeReach().at(0).toMap();
        QVERIFY(reach.value(QStringLiteral("known")).toBool());
        // The map's arrows: one per attribute the model can raise from here, labelled.
        int raisable = 0;
        for (const QVariant& r : controller.attributeReach())
            raisable += r.toMap().value(QStringLiteral("up")).toBool() ? 1 : 0;
        const QVariantList arrows = controller.directions();
        QCOMPARE(arrows.size(), raisable);
        for (const QVariant& a : arrows)
            QVERIFY(QStringList({"denser", "louder", "later"}).contains(a.toMap().value(QStringLiteral("label")).toString()));
        if (reach.value(QStringLiteral("up")).toBool()) {  // "Density up" means more hits, every time
            QVERIFY(controller.map()->cursor() != cursorBefore);
            QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() > decodesBefore, 10000);
            QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().hitCount() > hitsAtStart, 10000);
        } else {  // the model cannot make it denser here: the cursor stays
            QCOMPARE(controller.map()->cursor(), cursorBefore);
        }
        controller.setVelocity(-0.5);
        controller.setLaidBack(0.5);
        QCOMPARE(attributes.count(), 3);
        controller.resetAttributes();
        QCOMPARE(controller.density(), 0.0);
        QVERIFY(qAbs(controller.map()->cursor().x() - cursorBefore.x()) < 1e-4);
        controller.setThreshold(0.9);
        controller.setTemperature(2.0);
        QCOMPARE(sampling.count(), 2);
        controller.setThreshold(5.0);
        QVERIFY(qAbs(controller.threshold() - 0.99) < 1e-6);
        const QPointF beforeRandom = controller.map()->cursor();
        controller.randomiseNear(0.5);
        QVERIFY(controller.map()->cursor() != beforeRandom);
        const int count = controller.decodeCount();
        QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() > count, 10000);
        const Groove near = controller.space()->generate(controller.currentZ(), controller.sampling());
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(near), 10000);

        // A new model empties and refills the map; no model says so.
        m_session.setModel(nullptr, QString());
        QVERIFY(!controller.ready());
        QCOMPARE(controller.map()->count(), 0);
        QCOMPARE(controller.map()->status(), QStringLiteral("No model loaded"));
    }

    // Per-voice density and velocity (Groove Transformer's per-voice controls) on the decoded groove.
    void perVoiceDensityAndVelocity()
    {
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
        MapController controller;
        controller.setSession(&m_session);
        m_session.setModel(m_model, QStringLiteral("tiny model"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(controller.decodeCount() >= 1, 10000);
        const int voices = m_session.voices();
        QCOMPARE(controller.voiceDensity(), QList<double>(voices, 0.0));
        QCOMPARE(controller.voiceVelocity(), QList<double>(voices, 1.0));
        const LatentVector z = controller.currentZ();
        // Each voice's hits at a plain global threshold, the oracle for that voice's own threshold.
        const auto at = [&](float threshold) {
            SamplingOptions plain;
            plain.threshold = threshold;
            return controller.space()->generate(z, plain);
        };
        const auto sameVoice = [](const Groove& a, const Groove& b, int v) {
            for (int s = 0; s < a.steps(); ++s)
                if (a.hit(s, v) != b.hit(s, v) || (a.hit(s, v) && a.velocity(s, v) != b.velocity(s, v)))
                    return false;
            return true;
        };
        const Groove plain = at(0.5f);

        QSignalSpy sampling(&controller, &MapController::samplingChanged);
        controller.setVoiceDensity(2, 1.0);  // every plausible hit: threshold 0.02
        controller.setVoiceDensity(0, -1.0);  // almost none: 0.98
        controller.setVoiceDensity(1, 0.5);  // halfway from 0.5 to 0.02: 0.26
        QCOMPARE(sampling.count(), 3);
        QCOMPARE(controller.voiceDensity().at(2), 1.0);
        const Groove tuned = controller.space()->generate(z, controller.sampling());
        QVERIFY(sameVoice(tuned, at(0.02f), 2));
        QVERIFY(sameVoice(tuned, at(0.98f), 0));
        QVERIFY(sameVoice(tuned, at(0.26f), 1));
        for (int v = 3; v < voices; ++v)
            QVERIFY2(sameVoice(tuned, plain, v), qPrintable(QString::number(v)));  // the others as before
        qInfo("hits of voices 0 / 1 / 2: %d / %d / %d at the global threshold, %d / %d / %d tuned", plain.hitCount(0),
              plain.hitCount(1), plain.hitCount(2), tuned.hitCount(0), tuned.hitCount(1), tuned.hitCount(2));
        QVERIFY(tuned.hitCount(2) > plain.hitCount(2));
        QVERIFY(tuned.hitCount(0) <= plain.hitCount(0));
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(tuned), 10000);  // heard and on the grid

        // The voices' thresholds follow the global one: at 0.7, voice 1's is 0.7 - 0.5 * 0.68 = 0.36.
        controller.setThreshold(0.7);
        QVERIFY(sameVoice(controller.space()->generate(z, controller.sampling()), at(0.36f), 1));
        QVERIFY(sameVoice(controller.space()->generate(z, controller.sampling()), at(0.7f), 5));
        controller.setThreshold(0.5);

        // Velocity: voice 2 at half, its hits unchanged.
        controller.setVoiceVelocity(2, 0.5);
        controller.setVoiceVelocity(4, 9.0);  // clamped to 2
        QCOMPARE(controller.voiceVelocity().at(4), 2.0);
        const Groove soft = controller.space()->generate(z, controller.sampling());
        QVERIFY(tuned.hitCount(2) > 0);
        QCOMPARE(soft.hitCount(2), tuned.hitCount(2));
        for (int s = 0; s < soft.steps(); ++s) {
            if (!tuned.hit(s, 2))
                continue;
            QVERIFY(std::abs(soft.velocity(s, 2) - std::max(1.0f / 127.0f, tuned.velocity(s, 2) * 0.5f)) < 1e-5f);
            QCOMPARE(soft.offset(s, 2), tuned.offset(s, 2));
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(soft), 10000);

        // Bad input changes nothing; reset returns every voice to the global controls.
        const int before = int(sampling.count());
        controller.setVoiceDensity(-1, 1.0);
        controller.setVoiceVelocity(2, std::nan(""));
        QCOMPARE(int(sampling.count()), before);
        controller.resetVoices();
        QCOMPARE(controller.voiceDensity(), QList<double>(voices, 0.0));
        QCOMPARE(controller.voiceVelocity(), QList<double>(voices, 1.0));
        QVERIFY(controller.sampling().voiceThreshold.empty());
        QVERIFY(controller.sampling().voiceVelocity.empty());
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(plain), 10000);
        m_session.setModel(nullptr, QString());
    }
    void theAxesMapPointsDenserRightAndLouderUp()
    {
        // The bundled map with density / loudness axes (models/map-2d-density-velocity.md), on the session's real
        // data: its "denser" arrow points right and its "louder" arrow up, and the grooves it decodes follow.
        auto loaded = Model::load((test::sourceDir() / "models" / "map-2d-density-velocity.gsmodel").string());
        QVERIFY2(loaded.ok(), loaded ? "" : loaded.error().describe().c_str());
        m_session.setDataset(m_dataset, QStringLiteral("tiny GMD"));
        m_session.setModel(std::make_shared<Model>(std::move(*loaded)), QStringLiteral("axes map"));
        MapController controller;
        controller.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 20000);
        const QPointF cursor = controller.map()->cursor();
        QVariantMap denser, louder;
        for (const QVariant& a : controller.directions()) {
            const QVariantMap arrow = a.toMap();
            if (arrow.value(QStringLiteral("label")) == QStringLiteral("denser"))
                denser = arrow;
            if (arrow.value(QStringLiteral("label")) == QStringLiteral("louder"))
                louder = arrow;
        }
        QVERIFY(!denser.isEmpty() && !louder.isEmpty());
        const double dx = denser.value(QStringLiteral("x")).toDouble() - cursor.x();
        const double dy = denser.value(QStringLiteral("y")).toDouble() - cursor.y();
        QVERIFY2(dx > 2 * std::abs(dy), qPrintable(QStringLiteral("denser: %1, %2").arg(dx).arg(dy)));
        const double lx = louder.value(QStringLiteral("x")).toDouble() - cursor.x();
        const double ly = louder.value(QStringLiteral("y")).toDouble() - cursor.y();
        QVERIFY2(ly > 2 * std::abs(lx), qPrintable(QStringLiteral("louder: %1, %2").arg(lx).arg(ly)));

        // Left to right adds hits; bottom to top plays harder (mean velocity of the hits).
        const auto groove = [&](float x, float y) { return controller.space()->generate({x, y}, controller.sampling()); };
        const auto meanVelocity = [](const Groove& g) { return attributeValue(g, {Attribute::Velocity}).value_or(0.0f); };
        QVERIFY(groove(1.5f, 0.0f).hitCount() > groove(-1.5f, 0.0f).hitCount());
        QVERIFY(meanVelocity(groove(0.0f, 1.5f)) > meanVelocity(groove(0.0f, -1.5f)));
        m_session.setModel(m_model, QStringLiteral("tiny model"));
    }
};

QTEST_MAIN(TestMapController)
#include "tst_mapcontroller.moc"
