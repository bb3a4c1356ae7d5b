// Following an external MIDI clock through the app's real path: ClockSync
// (owned by AudioLink) takes the messages a MIDI input port would deliver, the
// session's tempo becomes the clock's, start/stop drive the transport, and the
// engine (AudioLink's manual driver, Engine::process offline) plays at that
// tempo. There is no ALSA sequencer here: opening a port fails with a message.
#include "audio/midioutput.h"
#include "core/groove.h"
#include "transport/audiolink.h"
#include "transport/clocksync.h"
#include "session.h"
#include "services.h"
#include "transport/transport.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

namespace {

const std::uint8_t kTick[] = {0xF8};
const std::uint8_t kStart[] = {0xFA};
const std::uint8_t kStop[] = {0xFC};

// A master clock at `bpm` started at `origin`, and the app following it: the engine (manual driver) renders
// in 20 ms slices of a sound card whose clock runs `cardRatio` times the nominal rate, and the sync polls after
// each slice, as the GUI timer does.
struct Rig {
    Session session{nullptr};
    AudioLink link{&session, nullptr, AudioLink::Driver::Manual};
    Transport transport{&session, nullptr};
    bool connected = (Services::connectSound(transport, link), true);  // as the app's composition root does
    double origin = 50.0;
    double bpm = 120.0;
    double cardRate = 48000.0;
    double now = 50.0;
    long ticks = 0;
    std::int64_t rendered = 0;
    double factorSum = 0.0;  // the phase lock's tempo factor, summed over polls
    long polls = 0;

    Rig(double masterBpm, double cardRatio)
        : bpm(masterBpm)
        , cardRate(48000.0 * cardRatio)
    {
        link.setManualClock(origin, cardRate);
        link.clockSync()->startFollowing();
        link.clockSync()->feed(kStart, 1, origin);
    }
    void run(double seconds)
    {
        const double tick = 60.0 / (24.0 * bpm);
        for (const double end = now + seconds; now < end - 1e-9;) {
            now += 0.02;
            for (; origin + double(ticks) * tick <= now; ++ticks)
                link.clockSync()->feed(kTick, 1, origin + double(ticks) * tick);
            const auto due = std::int64_t(std::llround((now - origin) * cardRate)) - rendered;
            link.processFrames(int(due));
            rendered += due;
            link.clockSync()->poll(now);
            factorSum += link.clockSync()->tempoFactor();
            ++polls;
        }
    }
    // The engine's place against the master's (beats, within the engine's loop; positive: late), from the
    // newest position report and the master's own timeline.
    double lag() const
    {
        const PositionEvent& p = link.lastPosition();
        const double when = origin + double(p.frame) / cardRate;
        const double loop = double(p.steps) / p.stepsPerBeat;
        const double error = (when - origin) * bpm / 60.0 - p.step / p.stepsPerBeat;
        return error - std::round(error / loop) * loop;
    }
};

} // namespace

class TstClockSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTempoStartAndStop()
    {
        Session session(nullptr);
        AudioLink link(&session, nullptr, AudioLink::Driver::Manual);
        Transport transport(&session, nullptr);
        Services::connectSound(transport, link);  // as the app's composition root does
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

    void staysInPhaseWithASoundCardClockOff()
    {
        // The sound card takes 100 ppm more frames a second than it says: unlocked, the engine would be
        // 0.12 beat (60 ms) ahead of the master after ten minutes at 120 BPM.
        Rig rig(120.0, 1.0001);
        QSignalSpy nudges(rig.link.clockSync(), &ClockSync::tempoFactorChanged);
        double worst = 0.0;
        for (int minute = 0; minute < 10; ++minute) {
            if (minute == 1) {  // the mean below is over minutes 2-10, after the start's pull-in
                rig.factorSum = 0.0;
                rig.polls = 0;
            }
            rig.run(60.0);
            worst = std::max(worst, std::abs(rig.lag()));
            QVERIFY2(std::abs(rig.lag()) < 0.015, qPrintable(QStringLiteral("minute %1: %2 beats off").arg(minute + 1).arg(rig.lag())));
        }
        const double meanFactor = rig.factorSum / double(rig.polls);
        qInfo("worst lag at a minute's end: %.4f beats; mean tempo factor %.6f; %d factor changes",
              worst, meanFactor, int(nudges.count()));
        QVERIFY(rig.transport.playing());
        QCOMPARE(rig.session.bpm(), 120.0);  // the session shows the master's tempo; only the engine is nudged
        // Held back by what the card gains: 1/1.0001 = 0.99990 on average.
        QVERIFY2(meanFactor > 0.99985 && meanFactor < 0.99995, qPrintable(QString::number(meanFactor, 'f', 6)));
        QVERIFY2(nudges.count() < 100, qPrintable(QString::number(nudges.count())));  // not every poll (30,000)
        QVERIFY(rig.link.clockSync()->status().endsWith(QStringLiteral(", in phase")));

        // The master stops: the factor goes back to 1.
        rig.link.clockSync()->feed(kStop, 1, rig.now);
        rig.link.clockSync()->poll(rig.now);
        QVERIFY(!rig.transport.playing());
        QCOMPARE(rig.link.clockSync()->tempoFactor(), 1.0);
    }

    void aGrooveOfAnotherLengthIsPlacedOnTheMastersTimeline()
    {
        Rig rig(96.0, 1.0);
        rig.run(5.0);  // 8 beats: the two-bar groove is on its bar line again
        QVERIFY2(std::abs(rig.lag()) < 0.015, qPrintable(QString::number(rig.lag())));
        // A one-bar 7/8 groove (3.5 quarter notes) replaces it mid-bar; it keeps the playhead's step, which
        // is not where a 3.5-beat loop started at the master's beat 0 would be.
        rig.run(1.25);  // master at beat 10: the 7/8 loop should be 3 beats in, the engine is at 2
        Grid grid;
        grid.bars = 1;
        grid.meter = Meter{7, 8};
        rig.session.setGroove(Groove(grid, rig.session.voices()), GrooveSource::Map);
        rig.run(0.1);
        QCOMPARE(rig.link.lastPosition().steps, 14);
        QVERIFY2(std::abs(rig.lag()) > 0.5, qPrintable(QString::number(rig.lag())));
        rig.run(1.0);  // a quarter beat off for ten comparisons: placed again
        QVERIFY2(std::abs(rig.lag()) < 0.015, qPrintable(QString::number(rig.lag())));
        rig.run(30.0);  // and it stays there across loops that do not end on a beat
        QVERIFY2(std::abs(rig.lag()) < 0.015, qPrintable(QString::number(rig.lag())));
        QVERIFY(rig.link.clockSync()->status().endsWith(QStringLiteral(", in phase")));
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
