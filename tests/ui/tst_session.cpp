// Session: the shared state's signals and the dataset window -> groove path.
#include "dataset/dataset.h"
#include "session.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TstSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsWithAnEmptyGrooveOnTheDefaultMap()
    {
        Session session(nullptr);
        QCOMPARE(session.voices(), DrumMap::groovae().voiceCount());
        QCOMPARE(session.steps(), 32);
        QCOMPARE(session.stepsPerBar(), 16);
        QCOMPARE(session.hitCount(), 0);
        QCOMPARE(session.voiceNames().size(), session.voices());
        QVERIFY(!session.hasDataset());
        QVERIFY(!session.hasModel());
    }

    void setGrooveNotifiesEveryTime()
    {
        Session session(nullptr);
        QSignalSpy spy(&session, &Session::grooveChanged);
        Groove g(Grid{}, session.voices());
        g.setHit(0, 0, 0.9f);
        session.setGroove(g, GrooveSource::Map);
        session.setGroove(g, GrooveSource::Map);  // same groove again: listeners still retrigger
        QCOMPARE(spy.count(), 2);
        QCOMPARE(session.hitCount(), 1);
        QCOMPARE(session.source(), GrooveSource::Map);
    }

    void bpmIsClampedAndNotifiesOnChangeOnly()
    {
        Session session(nullptr);
        QSignalSpy spy(&session, &Session::bpmChanged);
        session.setBpm(120);
        session.setBpm(120);
        QCOMPARE(spy.count(), 1);
        session.setBpm(1000);
        QCOMPARE(session.bpm(), 300.0);
        QCOMPARE(spy.count(), 2);
    }

    void drumMapChangeReshapesTheGroove()
    {
        Session session(nullptr);
        QSignalSpy mapSpy(&session, &Session::drumMapChanged);
        QSignalSpy grooveSpy(&session, &Session::grooveChanged);
        session.setDrumMap(DrumMap::groovae());  // same map: nothing
        QCOMPARE(mapSpy.count(), 0);
        DrumMap three("three", {{"Kick", {36}, 36}, {"Snare", {38}, 38}, {"Hat", {42}, 42}});
        session.setDrumMap(three);
        QCOMPARE(mapSpy.count(), 1);
        QCOMPARE(grooveSpy.count(), 1);
        QCOMPARE(session.voices(), 3);
        QCOMPARE(session.voiceNames(), QStringList({"Kick", "Snare", "Hat"}));
    }

    void currentWindowPutsTheWindowOnTheGrid()
    {
        Session session(nullptr);
        auto dataset = std::make_shared<Dataset>();
        for (int i = 0; i < 3; ++i) {
            DatasetWindow window;
            window.groove = Groove(Grid{}, dataset->voiceCount());
            window.groove.setHit(i, 0, 0.5f + 0.1f * float(i));
            window.bpm = 90.0f + float(i);
            dataset->windows().push_back(window);
        }
        QSignalSpy datasetSpy(&session, &Session::datasetChanged);
        QSignalSpy windowSpy(&session, &Session::currentWindowChanged);
        QSignalSpy grooveSpy(&session, &Session::grooveChanged);
        QSignalSpy bpmSpy(&session, &Session::bpmChanged);
        session.setDataset(dataset, "three windows");
        QCOMPARE(datasetSpy.count(), 1);
        QCOMPARE(session.windowCount(), 3);
        QCOMPARE(session.datasetName(), QStringLiteral("three windows"));

        session.setCurrentWindow(2);
        QCOMPARE(windowSpy.count(), 1);
        QCOMPARE(session.currentWindow(), 2);
        QCOMPARE(grooveSpy.count(), 1);
        QVERIFY(session.groove().hit(2, 0));
        QCOMPARE(session.groove().velocity(2, 0), 0.7f);
        QCOMPARE(session.bpm(), 92.0);
        QCOMPARE(bpmSpy.count(), 1);
        QCOMPARE(session.source(), GrooveSource::Dataset);

        // A groove from elsewhere (an edit, the map) means no dataset window is shown any more.
        session.setGroove(session.groove(), GrooveSource::Edit);
        QCOMPARE(session.currentWindow(), -1);
        QCOMPARE(windowSpy.count(), 2);

        session.setCurrentWindow(7);  // out of range: ignored
        QCOMPARE(session.currentWindow(), -1);
        QCOMPARE(grooveSpy.count(), 2);

        // "Follow file tempo" off: a window's groove comes, the song's tempo stays.
        QSignalSpy followSpy(&session, &Session::followFileTempoChanged);
        session.setFollowFileTempo(false);
        QCOMPARE(followSpy.count(), 1);
        session.setBpm(120.0);
        const int bpmChanges = bpmSpy.count();
        session.setCurrentWindow(2);
        QCOMPARE(session.currentWindow(), 2);
        QCOMPARE(session.bpm(), 120.0);
        QCOMPARE(bpmSpy.count(), bpmChanges);
        session.setFollowFileTempo(true);
        session.setCurrentWindow(1);
        QCOMPARE(session.bpm(), 91.0);
    }

    void modelSlotNotifies()
    {
        Session session(nullptr);
        QSignalSpy spy(&session, &Session::modelChanged);
        session.setModel(nullptr, "none");
        QCOMPARE(spy.count(), 1);
        QVERIFY(!session.hasModel());
        QCOMPARE(session.modelName(), QString());
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
