// The Groove panel's timing without a model: where taps land (RhythmCapture), when a
// pass is complete, where the playhead is between reports (PlayheadClock), and how
// follow mode and A/B mix latents (latentmix). Hand-computed values.
#include "groove/latentmix.h"
#include "groove/playheadclock.h"
#include "groove/rhythmcapture.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

class TestRhythmCapture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tapsLandOnTheNearestStepWithTheirTiming()
    {
        RhythmCapture capture{Grid{}};  // two bars of 4/4 in 16ths: 32 steps
        QCOMPARE(capture.steps(), 32);
        QVERIFY(capture.tap(4.0, 0.9f));  // on the beat
        QVERIFY(capture.tap(9.25, 0.5f));  // a quarter step late: step 9, offset +0.5 (half steps)
        QVERIFY(capture.tap(11.75, 0.7f));  // a quarter step early: step 12, offset -0.5
        const Groove& open = capture.open();
        QCOMPARE(open.voices(), 1);
        QCOMPARE(open.hitCount(), 3);
        QVERIFY(open.hit(4, 0));
        QCOMPARE(open.velocity(4, 0), 0.9f);
        QCOMPARE(open.offset(4, 0), 0.0f);
        QVERIFY(open.hit(9, 0));
        QCOMPARE(open.offset(9, 0), 0.5f);
        QVERIFY(open.hit(12, 0));
        QCOMPARE(open.offset(12, 0), -0.5f);
    }

    void aTapJustBeforeTheLoopEndsStartsTheNextPass()
    {
        RhythmCapture capture{Grid{}};
        QCOMPARE(capture.passOf(31.4), 0);
        QCOMPARE(capture.passOf(31.6), 1);  // nearer step 32 = the next pass's first step, played early
        QCOMPARE(capture.closesAt(0), 31.5);
        QVERIFY(capture.tap(2.0, 0.8f));
        QVERIFY(capture.tap(31.6, 0.6f));  // closes pass 0 first
        QCOMPARE(capture.openPass(), 1);
        QCOMPARE(capture.last().hitCount(), 1);
        QVERIFY(capture.last().hit(2, 0));
        QVERIFY(capture.open().hit(0, 0));
        QCOMPARE(capture.open().offset(0, 0), -0.8f);
        QVERIFY(!capture.tap(20.0, 0.8f));  // pass 0 is closed: dropped, not mixed into pass 1
        QCOMPARE(capture.open().hitCount(), 1);
    }

    void closingKeepsTheLastPassEvenWhenSilent()
    {
        RhythmCapture capture{Grid{}};
        capture.restart(5);
        QVERIFY(capture.tap(5 * 32 + 8.0, 1.0f));
        QCOMPARE(capture.close(), 5);
        QVERIFY(capture.lastHasInput());
        QCOMPARE(capture.close(), 6);
        QVERIFY(!capture.lastHasInput());
        QVERIFY(!capture.tap(std::nan(""), 1.0f));
    }

    void playheadClockExtrapolatesAtTheTempo()
    {
        PlayheadClock clock;
        QVERIFY(!clock.valid());
        clock.report(10.0, 32, 3, 4, 120.0, 100.0);  // 120 BPM in 16ths: 8 steps a second
        QVERIFY(clock.valid());
        QCOMPARE(clock.stepsPerSecond(), 8.0);
        QCOMPARE(clock.globalStepAt(100.0), 3 * 32 + 10.0);
        QCOMPARE(clock.globalStepAt(100.5), 3 * 32 + 14.0);
        QCOMPARE(clock.secondsAt(4 * 32.0), 100.0 + 22.0 / 8.0);
        clock.report(10.0, 32, 3, 4, std::nan(""), 100.0);
        QVERIFY(!clock.valid());
    }

    void memoryAveragesTheLastLoops()
    {
        LatentMemory memory;
        memory.setLoops(2);
        memory.push({1.0f, 0.0f});
        memory.push({3.0f, 2.0f});
        memory.push({5.0f, 4.0f});  // the first falls out
        QCOMPARE(memory.size(), std::size_t(2));
        QCOMPARE(memory.mean(), (LatentVector{4.0f, 3.0f}));
        memory.push({1.0f, 1.0f, 1.0f});  // another model's size: starts over
        QCOMPARE(memory.mean(), (LatentVector{1.0f, 1.0f, 1.0f}));
        memory.setLoops(100);
        QCOMPARE(memory.loops(), 16);
    }

    void followMovesPartOfTheWay()
    {
        QCOMPARE(follow({0.0f, 2.0f}, {4.0f, 2.0f}, 0.25f), (LatentVector{1.0f, 2.0f}));
        QCOMPARE(follow({}, {4.0f, 2.0f}, 0.25f), (LatentVector{4.0f, 2.0f}));  // nothing playing yet
        QCOMPARE(follow({0.0f, 0.0f}, {4.0f, 2.0f}, 7.0f), (LatentVector{4.0f, 2.0f}));  // clamped to 1
    }

    void oscillationRestsAtAAndB()
    {
        QCOMPARE(oscillation(0.0, 0.5), 0.0f);
        QVERIFY(std::abs(oscillation(1.0, 0.5) - 1.0f) < 1e-6f);  // half a cycle a loop: B after one loop
        QVERIFY(std::abs(oscillation(2.0, 0.5)) < 1e-6f);
        QVERIFY(std::abs(oscillation(0.5, 0.5) - 0.5f) < 1e-6f);
        QCOMPARE(oscillation(3.0, 0.0), 0.0f);  // off
    }
};

QTEST_APPLESS_MAIN(TestRhythmCapture)
#include "tst_rhythmcapture.moc"
