// The composition root (Services), as the app makes it, with the manual audio driver: a groove
// put on the session reaches the engine through the transport and the audio link, and the
// engine's reports come back into the transport; kits, sequences, the project parts, the path
// players and the `App` object QML sees are all wired in the one place.
#include "audio/engine.h"
#include "project/project.h"
#include "services.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QtTest/QtTest>

#include <memory>

using namespace gs;

namespace {

Groove someGroove(const Session& session, int density)
{
    Groove groove(session.groove().grid(), session.voices());
    for (int step = 0; step < groove.steps(); step += density)
        groove.setHit(step, step % session.voices(), 0.8f);
    return groove;
}

} // namespace

class TstWiring : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aGrooveOnTheSessionReachesTheEngineAndThePlayheadComesBack()
    {
        Services app(AudioLink::Driver::Manual);
        Session& session = *app.session();
        Transport& transport = *app.transport();
        session.setGroove(someGroove(session, 2), GrooveSource::Map);
        QVERIFY(transport.pattern());
        transport.setPlaying(true);
        QVERIFY(app.audio()->playing());
        app.audio()->processFrames(9600);
        // The engine plays the pattern the transport built, and says so.
        QCOMPARE(app.audio()->lastPosition().patternId, transport.pattern()->id);
        QVERIFY(app.audio()->lastPosition().playing);
        QVERIFY(transport.playStep() >= 0);  // the playhead came back through the root's connection

        // A new groove: a new pattern, played at once (changeAt 0), reported back.
        session.setGroove(someGroove(session, 4), GrooveSource::Map);
        app.audio()->processFrames(4800);
        QCOMPARE(app.audio()->lastPosition().patternId, transport.pattern()->id);

        transport.setPlaying(false);
        app.audio()->processFrames(2400);
        QVERIFY(!app.audio()->lastPosition().playing);
        QCOMPARE(transport.playStep(), -1);
    }

    void aSequencePlaysInOrderThenTheGrooveAgain()
    {
        Services app(AudioLink::Driver::Manual);
        Session& session = *app.session();
        Transport& transport = *app.transport();
        session.setGroove(someGroove(session, 8), GrooveSource::Map);
        const auto sessionPattern = transport.pattern();
        transport.playSequence({someGroove(session, 2), someGroove(session, 3)}, false);
        QVERIFY(transport.playing());
        const PatternSequence sequence = transport.sequence();
        QCOMPARE(int(sequence.patterns.size()), 2);
        QCOMPARE(sequence.tail, sessionPattern);
        app.audio()->processFrames(4800);
        QCOMPARE(app.audio()->lastPosition().patternId, sequence.patterns[0]->id);
        QCOMPARE(transport.sequenceIndex(), 0);
        // Two bars at 100 BPM are 4.8 s: after both patterns the session groove plays again.
        const int loopFrames = int(48000.0 * 60.0 / session.bpm() * 4.0 * session.groove().grid().bars);
        app.audio()->processFrames(loopFrames);
        QCOMPARE(app.audio()->lastPosition().patternId, sequence.patterns[1]->id);
        QCOMPARE(transport.sequenceIndex(), 1);
        app.audio()->processFrames(loopFrames);
        QCOMPARE(app.audio()->lastPosition().patternId, sessionPattern->id);
        QCOMPARE(transport.sequenceLength(), 0);  // the transport saw the sequence end
    }

    void kitsAndDeviceStatusComeFromTheAudioLink()
    {
        Services app(AudioLink::Driver::Manual);
        Transport& transport = *app.transport();
        QVERIFY(!app.audio()->kitNames().isEmpty());
        QCOMPARE(transport.kits(), app.audio()->kitNames());
        QCOMPARE(transport.kitIndex(), app.audio()->kitIndex());
        QCOMPARE(transport.deviceStatus(), app.audio()->deviceStatus());
        const int other = transport.kitIndex() == 0 ? 1 : 0;
        QVERIFY(transport.kits().size() > 1);
        transport.setKitIndex(other);
        QCOMPARE(app.audio()->kitIndex(), other);  // the choice went down to the link
    }

    void everyPartIsRegisteredOnce()
    {
        Services app(AudioLink::Driver::Manual);
        for (const char* key : {"session", "browser", "bookmarks", "interpolation", "freehandPath", "transport",
                 "cursor", "sampling"})
            QVERIFY2(app.project()->hasPart(QLatin1String(key)), key);
        // Saved and read back through the project: the transport part carries the swing.
        app.transport()->setSwing(61.0);
        const QJsonObject parts = app.project()->snapshot();
        QCOMPARE(parts.value("transport").toObject().value("swing").toDouble(), 61.0);
    }

    void pathsPlayOnTheOneTransport()
    {
        Services app(AudioLink::Driver::Manual);
        QCOMPARE(app.bookmarks()->player()->transport(), app.transport());
        QCOMPARE(app.interpolation()->player()->transport(), app.transport());
        QCOMPARE(app.freehand()->player()->transport(), app.transport());
        QCOMPARE(app.map()->session(), app.session());
        QCOMPARE(app.training()->session(), app.session());
        QCOMPARE(app.blend()->bookmarks(), app.bookmarks());
    }

    void qmlSeesTheSameObjects()
    {
        Services app(AudioLink::Driver::Manual);
        qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", &app);
        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData("import QtQml\nimport Groovescape.App\nQtObject {\n"
                          "    property QtObject transport: App.transport\n"
                          "    property QtObject session: App.session\n"
                          "    property QtObject map: App.map\n}\n",
            QUrl());
        std::unique_ptr<QObject> object(component.create());
        QVERIFY2(object, qPrintable(component.errorString()));
        QCOMPARE(object->property("transport").value<QObject*>(), app.transport());
        QCOMPARE(object->property("session").value<QObject*>(), app.session());
        QCOMPARE(object->property("map").value<QObject*>(), app.map());
    }
};

QTEST_MAIN(TstWiring)
#include "tst_wiring.moc"
