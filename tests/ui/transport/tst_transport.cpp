// Transport: every setting notifies once per change and is clamped; MIDI
// export writes the current groove that reads back the same; the pattern
// readout follows Session; playSequence queues real GMD grooves on a real
// engine (AudioLink's manual driver runs Engine::process offline) and
// sequenceIndex follows the engine across them.
#include "audio/pattern.h"
#include "transport/audiolink.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "testdata.h"
#include "services.h"
#include "transport/transport.h"

#include <cmath>

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
        session.setGroove(groove, GrooveSource::Edit);
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

    void patternReadoutFollowsSession()
    {
        Session session(nullptr);
        Transport transport(&session, nullptr);
        QSignalSpy pattern(&transport, &Transport::patternChanged);
        QSignalSpy ready(&transport, &Transport::patternReady);
        Groove groove(Grid{}, session.voices());
        groove.setHit(0, 0, 1.0f);
        groove.setHit(6, 2, 0.5f, -0.5f);
        session.setGroove(groove, GrooveSource::Map);
        QCOMPARE(pattern.count(), 1);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(transport.patternHits(), 2);
        const QVariantList cells = transport.patternCells();
        QCOMPARE(cells.size(), 2);
        const QVariantMap second = cells[1].toMap();
        QCOMPARE(second["step"].toInt(), 6);
        QCOMPARE(second["voice"].toInt(), 2);
        QCOMPARE(second["velocity"].toDouble(), 0.5);
        QCOMPARE(second["offset"].toDouble(), -0.5);
    }

    void sequencePlaysRealGroovesInOrderAndLoops()
    {
        Session session(nullptr);
        const std::vector<Groove> bars = realGrooves(session, 3);
        QCOMPARE(bars.size(), std::size_t(3));
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        QSignalSpy index(&transport, &Transport::sequenceIndexChanged);
        QSignalSpy sequence(&transport, &Transport::sequenceChanged);
        QSignalSpy pattern(&transport, &Transport::patternChanged);

        transport.playSequence(bars, true);
        QVERIFY(transport.playing());
        QCOMPARE(transport.sequenceLength(), 3);
        QCOMPARE(transport.sequenceIndex(), 0);
        QCOMPARE(sequence.count(), 1);
        QCOMPARE(index.count(), 1);
        QCOMPARE(pattern.count(), 1);
        QCOMPARE(transport.patternHits(), bars[0].hitCount());

        // Two-bar grooves at the session tempo: sample the middle of each one.
        const int grooveFrames = int(std::lround(8 * 60.0 / session.bpm() * 48000.0));
        QList<int> seen;
        link.processFrames(grooveFrames / 2);
        seen << transport.sequenceIndex();
        for (int i = 0; i < 5; ++i) {
            link.processFrames(grooveFrames);
            seen << transport.sequenceIndex();
        }
        QCOMPARE(seen, QList<int>({0, 1, 2, 0, 1, 2}));
        QCOMPARE(transport.sequenceLength(), 3);  // looping: still there
        QCOMPARE(index.count(), 6);  // 0 at the start, then one per change

        // An empty sequence returns to the Session groove at once.
        transport.playSequence({}, true);
        QCOMPARE(transport.sequenceLength(), 0);
        QCOMPARE(transport.sequenceIndex(), -1);
        QCOMPARE(transport.pattern(), transport.sessionPattern());
    }

    // A stalled device (nothing drains the engine's command FIFO) must not lose the musician's changes
    // (hostile-files issue, finding 10): when the FIFO is full the newest state is handed over again, and the
    // status says the device is not keeping up until it is taken.
    void aStalledDeviceLosesNoChange()
    {
        Session session(nullptr);
        const std::vector<Groove> grooves = realGrooves(session, 3);
        QCOMPARE(grooves.size(), std::size_t(3));
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        const auto playingId = [&link] { return link.lastPosition().patternId; };
        session.setGroove(grooves[0], GrooveSource::Dataset);
        transport.setPlaying(true);
        link.processFrames(1024);
        const QString before = transport.deviceStatus();
        // The device stalls: many changes, nothing processed; the FIFO (1024 commands) fills.
        for (int i = 0; i < 1500; ++i)
            session.setGroove(grooves[std::size_t(1 + i % 2)], GrooveSource::Map);
        const std::uint64_t newest = transport.pattern()->id;
        QVERIFY2(transport.deviceStatus().contains(QStringLiteral("not keeping up")), qPrintable(transport.deviceStatus()));
        // It comes back: the retry hands over the newest groove, which then plays.
        link.processFrames(256);
        QTRY_VERIFY_WITH_TIMEOUT(!transport.deviceStatus().contains(QStringLiteral("not keeping up")), 5000);
        link.processFrames(1024);
        QCOMPARE(playingId(), newest);
        QCOMPARE(transport.deviceStatus(), before);
    }

    // The clip light holds: a groove that goes over full scale before the master limiter lights it, it stays
    // lit after the loud part until cleared, and lights again only for new overs.
    void clipLightHoldsUntilCleared()
    {
        Session session(nullptr);
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        QSignalSpy clipped(&transport, &Transport::clippedChanged);
        Groove loud(Grid{2, 4, Meter{4, 4}}, session.voices());
        for (int step = 0; step < loud.steps(); ++step)
            for (int v = 0; v < loud.voices(); ++v)
                loud.setHit(step, v, 1.0f);
        Groove quiet(Grid{2, 4, Meter{4, 4}}, session.voices());
        for (int step = 0; step < quiet.steps(); ++step)
            quiet.setHit(step, 2, 0.2f);  // a soft closed hi-hat on every step: always sounding, never loud
        transport.setVolume(1.0);
        session.setGroove(quiet, GrooveSource::Edit);
        transport.setPlaying(true);
        // The default kit loads on a worker: play until it sounds.
        QTRY_VERIFY_WITH_TIMEOUT((link.processFrames(4800), link.lastPosition().peakLeft + link.lastPosition().peakRight > 0.0f), 10000);
        link.processFrames(48000);
        QVERIFY(!transport.clipped());
        session.setGroove(loud, GrooveSource::Edit);
        link.processFrames(48000);
        QVERIFY2(transport.clipped(), "every voice on every step at full velocity and volume goes over full scale");
        QCOMPARE(clipped.count(), 1);
        QVERIFY(link.lastPosition().peakLeft <= 1.0f);  // what is heard stays under full scale
        session.setGroove(quiet, GrooveSource::Edit);
        link.processFrames(48000);
        QVERIFY(transport.clipped());  // held
        transport.clearClip();
        QVERIFY(!transport.clipped());
        link.processFrames(48000);
        QVERIFY(!transport.clipped());  // quiet: stays off
        session.setGroove(loud, GrooveSource::Edit);
        link.processFrames(48000);
        QVERIFY(transport.clipped());
    }

    void aNewGrooveWaitsForTheBarLineOrTheLoopEnd()
    {
        Session session(nullptr);
        const std::vector<Groove> grooves = realGrooves(session, 3);
        QCOMPARE(grooves.size(), std::size_t(3));
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        QSignalSpy pending(&transport, &Transport::changePendingChanged);
        const int stepFrames = int(std::lround(60.0 / session.bpm() / 4.0 * 48000.0));  // a sixteenth
        const auto playingId = [&link] { return link.lastPosition().patternId; };

        session.setGroove(grooves[0], GrooveSource::Dataset);
        transport.setChangeAt(1);
        QCOMPARE(transport.changeAt(), 1);
        transport.setPlaying(true);  // a stopped transport starts on the newest groove
        link.processFrames(5 * stepFrames + 100);
        QCOMPARE(playingId(), transport.pattern()->id);
        QCOMPARE(transport.playStep(), 5);

        // Next bar: a groove from the map waits for step 16, then plays from there (not from its step 0).
        session.setGroove(grooves[1], GrooveSource::Map);
        const std::uint64_t second = transport.pattern()->id;
        link.processFrames(stepFrames);
        QVERIFY(playingId() != second);
        QVERIFY(transport.changePending());
        link.processFrames(9 * stepFrames);  // step 15.x
        QVERIFY(playingId() != second);
        link.processFrames(stepFrames);
        QCOMPARE(playingId(), second);
        QCOMPARE(transport.playStep(), 16);
        QVERIFY(!transport.changePending());
        QCOMPARE(pending.count(), 2);

        // An edit of the playing groove is heard at once.
        Groove edited = grooves[1];
        edited.setHit(3, 0, 1.0f);
        session.setGroove(edited, GrooveSource::Edit);
        link.processFrames(256);
        QCOMPARE(playingId(), transport.pattern()->id);
        QVERIFY(!transport.changePending());

        // Loop end: at step 20 of the two-bar loop, a new groove waits for step 32 (= its step 0); of two
        // choices before then, only the newest plays.
        transport.setChangeAt(2);
        link.processFrames(4 * stepFrames);
        QCOMPARE(transport.playStep(), 20);
        session.setGroove(grooves[2], GrooveSource::Map);
        session.setGroove(grooves[0], GrooveSource::Dataset);
        const std::uint64_t last = transport.pattern()->id;
        link.processFrames(11 * stepFrames);  // step 31.x: still the edited groove
        QVERIFY(playingId() != last);
        QVERIFY(transport.changePending());
        link.processFrames(stepFrames);
        QCOMPARE(playingId(), last);
        QCOMPARE(transport.playStep(), 0);
        QVERIFY(!transport.changePending());

        // At once (the default): the playhead keeps its place.
        transport.setChangeAt(0);
        link.processFrames(3 * stepFrames);
        session.setGroove(grooves[1], GrooveSource::Map);
        link.processFrames(256);
        QCOMPARE(playingId(), transport.pattern()->id);
        QCOMPARE(transport.playStep(), 3);

        // Stopping with a groove waiting: the next start plays the newest groove from the top.
        transport.setChangeAt(1);
        session.setGroove(grooves[2], GrooveSource::Map);
        link.processFrames(256);
        QVERIFY(transport.changePending());
        transport.setPlaying(false);
        QVERIFY(!transport.changePending());
        transport.setPlaying(true);
        link.processFrames(256);
        QCOMPARE(playingId(), transport.pattern()->id);
        QCOMPARE(transport.playStep(), 0);
        transport.setChangeAt(7);
        QCOMPARE(transport.changeAt(), 2);  // clamped
    }

    void oneShotSequenceReturnsToTheSessionGroove()
    {
        Session session(nullptr);
        const std::vector<Groove> bars = realGrooves(session, 3);
        QCOMPARE(bars.size(), std::size_t(3));
        session.setGroove(bars[0], GrooveSource::Dataset);
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
        QSignalSpy sequence(&transport, &Transport::sequenceChanged);
        transport.playSequence({bars[2], bars[1]}, false);
        QCOMPARE(transport.sequenceLength(), 2);
        QCOMPARE(transport.patternHits(), bars[2].hitCount());
        const int grooveFrames = int(std::lround(8 * 60.0 / session.bpm() * 48000.0));
        link.processFrames(grooveFrames / 2);
        QCOMPARE(transport.sequenceIndex(), 0);
        link.processFrames(grooveFrames);
        QCOMPARE(transport.sequenceIndex(), 1);
        link.processFrames(grooveFrames);  // past the end: the Session groove again
        QCOMPARE(transport.sequenceLength(), 0);
        QCOMPARE(transport.sequenceIndex(), -1);
        QCOMPARE(sequence.count(), 2);
        QCOMPARE(transport.pattern(), transport.sessionPattern());
        QCOMPARE(transport.patternHits(), bars[0].hitCount());
        QVERIFY(transport.playing());

        // A Session change while a sequence plays ends it (the user took over).
        transport.playSequence(bars, true);
        QCOMPARE(transport.sequenceLength(), 3);
        session.setGroove(bars[1], GrooveSource::Map);
        QCOMPARE(transport.sequenceLength(), 0);
        QCOMPARE(transport.patternHits(), bars[1].hitCount());
    }

private:
    // The first `count` non-empty two-bar windows of a real GMD file, in the Session's drum map.
    static std::vector<Groove> realGrooves(const Session& session, int count)
    {
        const auto path = gs::test::sharedPath("gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        if (path.empty())
            return {};
        auto file = readMidiFile(path.string());
        if (!file.ok())
            return {};
        std::vector<Groove> grooves;
        for (const GrooveWindow& w : extractWindows(file.value(), session.drumMap(), {}).windows)
            if (w.groove.hitCount() > 0 && int(grooves.size()) < count)
                grooves.push_back(w.groove);
        return grooves;
    }
};

QTEST_GUILESS_MAIN(TstTransport)
#include "tst_transport.moc"
