// Transport: every setting notifies once per change and is clamped; MIDI
// export writes the current groove that reads back the same.
#include "midi/groovemidi.h"
#include "session.h"
#include "transport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

class TstTransport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void settingsNotifyOnceAndClamp()
    {
        Session session(nullptr);
        Transport transport(&session, nullptr);
        QSignalSpy playing(&transport, &Transport::playingChanged);
        QSignalSpy bpm(&transport, &Transport::bpmChanged);
        QSignalSpy swing(&transport, &Transport::swingChanged);
        QSignalSpy humanise(&transport, &Transport::humaniseChanged);
        QSignalSpy metronome(&transport, &Transport::metronomeChanged);
        QSignalSpy volume(&transport, &Transport::volumeChanged);

        transport.toggle();
        transport.setPlaying(true);
        QCOMPARE(playing.count(), 1);
        QVERIFY(transport.playing());
        transport.setBpm(133);
        QCOMPARE(bpm.count(), 1);
        QCOMPARE(session.bpm(), 133.0);  // the tempo lives in Session, shared with the map
        session.setBpm(90);
        QCOMPARE(bpm.count(), 2);
        QCOMPARE(transport.bpm(), 90.0);
        transport.setSwing(90);
        QCOMPARE(transport.swing(), 75.0);
        transport.setSwing(75);
        QCOMPARE(swing.count(), 1);
        QCOMPARE(transport.humanise(), 1.0);  // the groove's timing as played
        transport.setHumanise(3);
        QCOMPARE(humanise.count(), 0);  // clamped to 1, which it already was
        transport.setHumanise(-1);
        QCOMPARE(transport.humanise(), 0.0);
        QCOMPARE(humanise.count(), 1);
        transport.setMetronome(true);
        transport.setMetronome(true);
        QCOMPARE(metronome.count(), 1);
        QSignalSpy mix(&transport, &Transport::voiceMixChanged);
        transport.setVoiceMix({false, true}, {false, false});
        transport.setVoiceMix({false, true}, {false, false});
        QCOMPARE(mix.count(), 1);
        QCOMPARE(transport.mutedVoices(), QList<bool>({false, true}));
        transport.setVolume(2);
        QCOMPARE(transport.volume(), 1.0);
        QCOMPARE(volume.count(), 1);
    }

    void kitsDeviceAndPlayhead()
    {
        Session session(nullptr);
        Transport transport(&session, nullptr);
        QSignalSpy kits(&transport, &Transport::kitsChanged);
        QSignalSpy kitIndex(&transport, &Transport::kitIndexChanged);
        QSignalSpy device(&transport, &Transport::deviceStatusChanged);
        QSignalSpy step(&transport, &Transport::playStepChanged);
        QSignalSpy level(&transport, &Transport::levelChanged);

        transport.setKits({"acoustic", "gm-standard"}, 0);
        QCOMPARE(kits.count(), 1);
        QCOMPARE(transport.kitIndex(), 0);
        QCOMPARE(kitIndex.count(), 1);
        transport.setKitIndex(1);
        transport.setKitIndex(5);  // no such kit
        QCOMPARE(transport.kitIndex(), 1);
        QCOMPARE(kitIndex.count(), 2);

        transport.setDeviceStatus("No audio device — playing silently", false);
        QCOMPARE(device.count(), 1);
        QVERIFY(!transport.deviceOk());

        transport.setPlaying(true);
        transport.setPlayhead(4, 0.5);
        QCOMPARE(transport.playStep(), 4);
        QCOMPARE(step.count(), 1);
        QCOMPARE(level.count(), 1);
        transport.setPlaying(false);  // stopping hides the playhead
        QCOMPARE(transport.playStep(), -1);
        QCOMPARE(transport.level(), 0.0);
    }

    void exportsTheCurrentGrooveAsMidi()
    {
        Session session(nullptr);
        Transport transport(&session, nullptr);
        Groove groove(Grid{}, session.voices());
        groove.setHit(0, 0, 1.0f);
        groove.setHit(4, 1, 0.5f, 0.25f);
        groove.setHit(8, 2, 0.75f, -0.25f);
        session.setGroove(groove, "edit");
        session.setBpm(96);

        QTemporaryDir dir;
        QSignalSpy message(&transport, &Transport::messageChanged);
        const QString path = dir.filePath("clip");  // no suffix: ".mid" is added
        QVERIFY(transport.exportMidi(QUrl::fromLocalFile(path).toString()));
        QCOMPARE(message.count(), 1);
        QVERIFY(QFileInfo::exists(path + ".mid"));
        const auto back = readGrooveMidi((path + ".mid").toStdString(), session.drumMap(), 2, 4);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QCOMPARE(back.value().size(), std::size_t(1));
        QVERIFY(back.value().front().sameHits(groove));
        QVERIFY(back.value().front().sameAs(groove, 0.02f));

        QVERIFY(!transport.exportMidi("/nonexistent-folder/x.mid"));
        QVERIFY2(transport.message().contains("nonexistent-folder"), qPrintable(transport.message()));
        QVERIFY(!transport.exportMidi(""));
    }
};

QTEST_GUILESS_MAIN(TstTransport)
#include "tst_transport.moc"
