// Following an external MIDI clock through the app's real path: ClockSync
// (owned by AudioLink) takes the messages a MIDI input port would deliver, the
// session's tempo becomes the clock's, start/stop drive the transport, and the
// engine (AudioLink's manual driver, Engine::process offline) plays at that
// tempo. There is no ALSA sequencer here: opening a port fails with a message.
#include "audio/midioutput.h"
#include "audiolink.h"
#include "clocksync.h"
#include "session.h"
#include "transport.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

namespace {

const std::uint8_t kTick[] = {0xF8};
const std::uint8_t kStart[] = {0xFA};
const std::uint8_t kStop[] = {0xFC};

} // namespace

class TstClockSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTempoStartAndStop()
    {
        Session session(nullptr);
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        ClockSync* sync = link.clockSync();
        QVERIFY(sync);
        QVERIFY(!sync->following());
        QCOMPARE(session.bpm(), 100.0);
        QVERIFY(!transport.externalClock());
        sync->startFollowing();
        QVERIFY(sync->following());
        QVERIFY(transport.externalClock());  // the transport bar shows the tempo as external
        QCOMPARE(sync->status(), QStringLiteral("Waiting for MIDI clock"));

        // Start, then two beats of clock at 123.4 BPM, each tick up to 0.8 ms off.
        double t = 100.0;
        const double interval = 60.0 / (24.0 * 123.4);
        sync->feed(kStart, 1, t);
        for (int i = 0; i < 48; ++i)
            sync->feed(kTick, 1, t + i * interval + ((i * 7) % 5 - 2) * 0.0004);
        t += 48 * interval;
        sync->poll(t);
        const double followed = session.bpm();
        QVERIFY2(std::abs(followed - 123.4) < 0.03, qPrintable(QString::number(followed, 'f', 4)));
        QVERIFY(transport.playing());
        QCOMPARE(sync->status(), QStringLiteral("Following MIDI clock: 123.4 BPM"));

        // The start came two beats (48 ticks) before this poll: the engine starts where the master is by
        // now, step 8; then it plays at the clock's tempo: one second is 8.2 sixteenths at 123.4 BPM (6.7 at 100).
        link.processFrames(48000);
        QCOMPARE(transport.playStep(), 16);

        // The clock stops ticking: the tempo stays, the status says so; a stop message stops the transport.
        sync->poll(t + 1.0);
        QCOMPARE(session.bpm(), followed);
        QVERIFY(sync->status().contains(QStringLiteral("lost")));
        sync->feed(kStop, 1, t + 1.1);
        sync->poll(t + 1.2);
        QVERIFY(!transport.playing());

        // Continue from a song position: 0x14 = 20 sixteenths = step 20 of the two-bar groove.
        const std::uint8_t position[] = {0xF2, 0x14, 0x00};
        const std::uint8_t resume[] = {0xFB};
        sync->feed(position, 3, t + 1.3);
        sync->feed(resume, 1, t + 1.4);
        sync->poll(t + 1.4);
        QVERIFY(transport.playing());
        link.processFrames(256);
        QCOMPARE(transport.playStep(), 20);

        // A start that waited half a second before the poll plays from where the master is by now:
        // 0.5 s at the followed tempo is 1.03 beats, step 4 (not step 0).
        sync->feed(kStart, 1, t + 2.0);
        sync->poll(t + 2.5);
        link.processFrames(256);
        QCOMPARE(transport.playStep(), 4);
        sync->feed(kStop, 1, t + 2.6);
        sync->poll(t + 2.6);
        QVERIFY(!transport.playing());

        // Internal clock again: feeding does nothing any more.
        QVERIFY(sync->openPort(-1).ok());
        QVERIFY(!sync->following());
        QVERIFY(!transport.externalClock());
        sync->feed(kStart, 1, t + 3.0);
        sync->poll(t + 3.0);
        QVERIFY(!transport.playing());
    }

    void aPortThatCannotOpenSaysWhy()
    {
        if (MidiOutput::sequencerAvailable())
            QSKIP("this machine has an ALSA sequencer: the failure path needs one without");
        Session session(nullptr);
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        QSignalSpy status(link.clockSync(), &ClockSync::statusChanged);
        const Status opened = link.clockSync()->openPort(0);
        QVERIFY(!opened.ok());
        QVERIFY(!link.clockSync()->following());
        QVERIFY(link.clockSync()->status().startsWith(QStringLiteral("Internal clock (")));
        QVERIFY(link.clockSync()->status().contains(QStringLiteral("ALSA sequencer")));
        QCOMPARE(status.count(), 1);
    }
};

QTEST_MAIN(TstClockSync)
#include "tst_clocksync.moc"
