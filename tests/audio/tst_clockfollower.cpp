// Following an external MIDI clock: the tempo from jittery ticks, tempo
// changes, a clock that stops and comes back, start/continue/stop in order,
// and MIDI in failing with a clear message where there is no ALSA sequencer;
// the master's place counted in ticks, and FrameClock (when the engine rendered
// a frame) for the phase lock.
#include "audio/clockfollower.h"
#include "audio/frameclock.h"
#include "audio/midiinput.h"

#include <QtTest/QtTest>

#include <cstdint>

using namespace gs;

namespace {

const std::uint8_t kTick[] = {0xF8};
const std::uint8_t kStart[] = {0xFA};
const std::uint8_t kContinue[] = {0xFB};
const std::uint8_t kStop[] = {0xFC};

// Feeds `ticks` clock ticks at `bpm` from `t`, each up to `jitter` seconds early or late
// (a fixed pseudo-random sequence); returns the time of the next tick.
double feedTicks(ClockFollower& f, double t, double bpm, int ticks, double jitter, std::uint32_t& seed)
{
    const double interval = 60.0 / (24.0 * bpm);
    for (int i = 0; i < ticks; ++i) {
        seed = seed * 1664525u + 1013904223u;
        const double noise = (double(seed >> 8) / double(1u << 24) * 2.0 - 1.0) * jitter;
        f.feed(kTick, 1, t + noise);
        t += interval;
    }
    return t;
}

} // namespace

class TestClockFollower : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void steadyClockGivesItsTempo()
    {
        // Ticks 20 ms apart at 123.4 BPM, each up to 1 ms off (a USB MIDI interface is about that).
        ClockFollower f;
        std::uint32_t seed = 7;
        const double next = feedTicks(f, 10.0, 123.4, 96, 0.001, seed);
        const auto s = f.take(next);
        QVERIFY(s.locked);
        QVERIFY2(std::abs(s.bpm - 123.4) < 0.2, qPrintable(QString::number(s.bpm, 'f', 3)));
    }

    void noTempoBeforeHalfABeat()
    {
        ClockFollower f;
        std::uint32_t seed = 1;
        double t = feedTicks(f, 0.0, 120.0, ClockFollower::kMinTicks - 1, 0.0, seed);
        auto s = f.take(t);
        QVERIFY(!s.locked);
        QCOMPARE(s.bpm, 0.0);
        t = feedTicks(f, t, 120.0, 1, 0.0, seed);
        s = f.take(t);
        QVERIFY(s.locked);
        QVERIFY(std::abs(s.bpm - 120.0) < 1e-6);
    }

    void tempoChangeIsFollowedWithinTwoBeats()
    {
        ClockFollower f;
        std::uint32_t seed = 3;
        double t = feedTicks(f, 0.0, 100.0, 4 * 24, 0.0005, seed);
        QVERIFY(std::abs(f.take(t).bpm - 100.0) < 0.2);
        t = feedTicks(f, t, 140.0, 2 * 24, 0.0005, seed);
        const double bpm = f.take(t).bpm;
        QVERIFY2(std::abs(bpm - 140.0) < 0.3, qPrintable(QString::number(bpm, 'f', 3)));
    }

    void clockThatStopsIsLostAndComesBackFresh()
    {
        ClockFollower f;
        std::uint32_t seed = 5;
        double t = feedTicks(f, 0.0, 120.0, 48, 0.0, seed);
        QVERIFY(f.take(t).locked);
        // No tick for more than half a second: no tempo.
        const double last = t - 60.0 / (24.0 * 120.0);
        QVERIFY(!f.take(last + ClockFollower::kLostAfter + 0.01).locked);
        // The clock comes back at 90 BPM: the old ticks do not blur the new tempo.
        t = feedTicks(f, t + 2.0, 90.0, ClockFollower::kMinTicks, 0.0, seed);
        const auto s = f.take(t);
        QVERIFY(s.locked);
        QVERIFY2(std::abs(s.bpm - 90.0) < 1e-6, qPrintable(QString::number(s.bpm, 'f', 3)));
    }

    void transportMessagesInOrderOthersIgnored()
    {
        ClockFollower f;
        const std::uint8_t note[] = {0x99, 36, 100};
        const std::uint8_t songPosition[] = {0xF2, 0, 0};
        f.feed(kStart, 1, 0.0);
        f.feed(note, 3, 0.01);
        f.feed(kStop, 1, 0.02);
        f.feed(songPosition, 3, 0.03);
        f.feed(kContinue, 1, 0.04);
        f.feed(nullptr, 0, 0.05);
        auto s = f.take(0.05);
        using C = ClockFollower::Command;
        QCOMPARE(s.events.size(), std::size_t(3));
        QVERIFY(s.events[0].command == C::Start && s.events[0].seconds == 0.0);
        QVERIFY(s.events[1].command == C::Stop && s.events[1].seconds == 0.02);
        QVERIFY(s.events[2].command == C::Continue && s.events[2].seconds == 0.04);
        QVERIFY(!s.locked);
        QVERIFY(f.take(0.06).events.empty());  // each event is handed over once
    }

    void continueResumesAtTheSongPosition()
    {
        // Song position 0x0123 sixteenths (7-bit halves: 0x23, 0x02) = 291 / 4 = 72.75 quarter notes.
        ClockFollower f;
        const std::uint8_t position[] = {0xF2, 0x23, 0x02};
        f.feed(position, 3, 1.0);
        f.feed(kContinue, 1, 1.1);
        f.feed(kStart, 1, 2.0);  // start is always from the top
        f.feed(kContinue, 1, 3.0);  // and resets the song position
        const auto s = f.take(3.0);
        QCOMPARE(s.events.size(), std::size_t(3));
        QCOMPARE(s.events[0].beat, 72.75);
        QCOMPARE(s.events[1].beat, 0.0);
        QCOMPARE(s.events[2].beat, 0.0);
        const std::uint8_t truncated[] = {0xF2, 0x10};
        f.feed(truncated, 2, 4.0);  // too short to say anything
        f.feed(kContinue, 1, 4.1);
        QCOMPARE(f.take(4.1).events.at(0).beat, 0.0);
    }

    void theMastersPlaceIsCountedInTicks()
    {
        ClockFollower f;
        std::uint32_t seed = 3;
        double t = feedTicks(f, 1.0, 120.0, 30, 0.0, seed);  // ticks before a start say nothing about the place
        QCOMPARE(f.take(t).beat, -1.0);
        QVERIFY(!f.take(t).running);
        f.feed(kStart, 1, t);
        QVERIFY(f.take(t).running);
        QCOMPARE(f.take(t).beat, -1.0);  // started, no tick yet
        t = feedTicks(f, t, 120.0, 1, 0.0, seed);  // the first tick after start is beat 0
        QCOMPARE(f.take(t).beat, 0.0);
        const double last = t + 59 * 60.0 / (24.0 * 120.0);
        t = feedTicks(f, t, 120.0, 60, 0.0, seed);  // 60 more: two and a half beats
        auto s = f.take(t);
        QCOMPARE(s.beat, 2.5);
        QVERIFY(std::abs(s.beatSeconds - last) < 1e-9);
        f.feed(kStop, 1, t);
        QVERIFY(!f.take(t).running);
        QCOMPARE(f.take(t).beat, -1.0);
        // Continue from song position 16 sixteenths: the next tick is beat 4.
        const std::uint8_t position[] = {0xF2, 0x10, 0x00};
        f.feed(position, 3, t);
        f.feed(kContinue, 1, t);
        t = feedTicks(f, t, 120.0, 13, 0.0, seed);
        QCOMPARE(f.take(t).beat, 4.5);
    }

    void frameClockFindsWhenFramesWereRendered()
    {
        // A card whose clock runs 100 ppm fast renders 256-frame blocks from t = 10 s; the GUI sees each
        // report 0-40 ms late (its timer, a busy thread). The estimate is within a millisecond on average.
        FrameClock clock;
        QVERIFY(!clock.valid());
        const double rate = 48000.0, cardRate = rate * 1.0001;
        std::uint32_t seed = 7;
        double worst = 0.0, sum = 0.0;
        int count = 0;
        for (std::int64_t frame = 256; frame < std::int64_t(600 * rate); frame += 256 * 6) {
            const double rendered = 10.0 + double(frame) / cardRate;
            seed = seed * 1664525u + 1013904223u;
            clock.observe(frame, rate, rendered + double(seed >> 8) / double(1u << 24) * 0.040);
            if (frame > std::int64_t(5 * rate)) {
                const double off = std::abs(clock.secondsAt(frame, rate) - rendered);
                worst = std::max(worst, off);
                sum += off;
                ++count;
            }
        }
        qInfo("estimate off by %.2f ms on average, %.2f ms at worst", 1000.0 * sum / count, 1000.0 * worst);
        QVERIFY(clock.valid());
        QVERIFY2(sum / count < 0.001, qPrintable(QString::number(sum / count)));
        QVERIFY2(worst < 0.004, qPrintable(QString::number(worst)));
        clock.reset();
        QVERIFY(!clock.valid());
        QCOMPARE(clock.secondsAt(1000, rate), 0.0);
    }

    void midiInWithoutASequencerSaysWhy()
    {
        // This machine (and CI) has no /dev/snd/seq; where there is one, the port listing must work.
        ClockFollower f;
        MidiInput in(f);
        auto ports = MidiInput::listPorts();
        if (MidiOutput::sequencerAvailable()) {
            QVERIFY2(ports.ok(), ports.ok() ? "" : ports.error().describe().c_str());
            return;
        }
        QVERIFY(!ports.ok());
        QVERIFY(QString::fromStdString(ports.error().describe()).contains("ALSA sequencer"));
        const Status opened = in.openPort(0);
        QVERIFY(!opened.ok());
        QVERIFY(QString::fromStdString(opened.error().describe()).contains("MIDI in is unavailable"));
        QVERIFY(!in.isOpen());
        in.close();  // closing what never opened is harmless
    }
};

QTEST_GUILESS_MAIN(TestClockFollower)
#include "tst_clockfollower.moc"
