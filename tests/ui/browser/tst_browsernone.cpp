// "None" in the dataset browser (every window excluded) on real Groove MIDI
// Dataset files, then the views that use the Session's dataset: training and
// the model library's Evaluate refuse with a message that names the cause and
// the way out, the map builds (the model alone) and says why it is empty, and
// "All" brings everything back.
#include "browser/datasetbrowser.h"
#include "dataset/dataset.h"
#include "map/mapcontroller.h"
#include "training/modellibrarymodel.h"
#include "session.h"
#include "testdata.h"
#include "tinymodel.h"
#include "training/trainingmodel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

namespace {
const char* const kFiles[] = {
    "drummer1/session1/1_funk_80_beat_4-4.mid",
    "drummer1/session1/102_funk_95_beat_4-4.mid",
    "drummer1/session1/101_dance-disco_120_beat_4-4.mid",
};
} // namespace

class TstBrowserNone : public QObject {
    Q_OBJECT

    Session m_session{nullptr};

private Q_SLOTS:

    void noneThenTrainMapAndEvaluateSayWhy()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        for (const char* rel : kFiles)
            QVERIFY(QFile::copy(QString::fromStdString(test::sharedPath(std::string("gmd/") + rel).string()),
                                dir.filePath(QFileInfo(QString::fromLatin1(rel)).fileName())));
        DatasetBrowser browser(&m_session, nullptr);
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.importPaths({dir.path()}));
        QVERIFY(finished.wait(30000));
        const auto full = browser.fullDataset();
        QVERIFY(full && full->windowCount() > 20);

        // A model on the map before "None", so the map has something to rebuild.
        const std::shared_ptr<Model> model = test::tinyModel(*full, 2);
        QVERIFY(model);
        m_session.setModel(model, QStringLiteral("tiny"));
        MapController map;
        map.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(map.ready(), 30000);
        QCOMPARE(map.map()->count(), full->windowCount());
        QVERIFY(map.map()->status().isEmpty());

        browser.excludeAll();
        QCOMPARE(browser.includedWindows(), 0);
        QCOMPARE(browser.includedFiles(), 0);
        QVERIFY(m_session.hasDataset());
        QCOMPARE(m_session.windowCount(), 0);
        QVERIFY(browser.nothingIncluded());

        // The map: the model alone, a status that names the cause; dragging still decodes.
        QTRY_VERIFY_WITH_TIMEOUT(!map.busy(), 30000);
        QVERIFY2(map.ready(), qPrintable(map.map()->status()));
        QCOMPARE(map.map()->count(), 0);
        QVERIFY2(map.map()->status().contains(QStringLiteral("excluded")), qPrintable(map.map()->status()));
        QSignalSpy decoded(&map, &MapController::decoded);
        map.map()->moveCursor(QPointF(0.5, -0.5));
        QVERIFY(decoded.wait(10000));
        QCOMPARE(m_session.source(), GrooveSource::Map);

        // Training refuses at once (no run, no thread) and says what to do.
        TrainingModel training;
        training.setSession(&m_session);
        QVERIFY(!training.start());
        QVERIFY(!training.running());
        QVERIFY2(training.message().contains(QStringLiteral("excluded")), qPrintable(training.message()));
        QVERIFY2(training.message().contains(QStringLiteral("All")), qPrintable(training.message()));

        // Evaluate in the model library refuses the same way (a saved copy of the tiny model).
        QTemporaryDir library;
        const QString path = library.filePath(QStringLiteral("tiny.gsm"));
        QVERIFY(model->save(path.toStdString()).ok());
        ModelLibraryModel models(&m_session);
        models.setBundledFolder(QString());
        QSignalSpy refreshed(&models, &ModelLibraryModel::refreshed);
        models.setFolder(library.path());
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(models.count(), 1);
        QVERIFY(!models.evaluate(0));
        QVERIFY(!models.evaluating());
        QVERIFY2(models.message().contains(QStringLiteral("excluded")), qPrintable(models.message()));

        // "All" brings every window back: the map fills again and training starts.
        browser.includeAll();
        QCOMPARE(m_session.windowCount(), full->windowCount());
        QVERIFY(!browser.nothingIncluded());
        QTRY_VERIFY_WITH_TIMEOUT(map.ready() && map.map()->count() == full->windowCount(), 30000);
        QVERIFY(map.map()->status().isEmpty());
        TrainingSettings oneEpoch = training.settings();
        oneEpoch.setEpochs(1);
        training.setSettings(oneEpoch);
        training.setChoice(QStringLiteral("scratch"));  // one epoch of the settings above
        training.setSaveFolder(QString());
        QVERIFY(training.start());
        QTRY_VERIFY_WITH_TIMEOUT(!training.running(), 60000);
        QVERIFY2(!training.message().contains(QStringLiteral("excluded")), qPrintable(training.message()));
    }
};

QTEST_MAIN(TstBrowserNone)
#include "tst_browsernone.moc"
