// The ManualDriver: no thread; run(frames) calls back on the caller's thread in periods, the last one
// shorter, into the caller's buffer or its own; it drives the engine exactly as direct process() calls do.
#include "audio/engine.h"
#include "audio/manualdriver.h"
#include "audiotest.h"

#include <QtTest/QtTest>

#include <thread>

using namespace gs;
using namespace gs::test;

class TestManualDriver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsInPeriodsOnlyWhileStarted()
    {
        ManualDriver driver;
        std::vector<int> blocks;
        std::vector<std::thread::id> threads;
        driver.setCallback([&](float* out, int frames) {
            QVERIFY(out);
            blocks.push_back(frames);
            threads.push_back(std::this_thread::get_id());
        });
        QVERIFY(!driver.start());  // not open
        QVERIFY(driver.open({"", -1, 44100, 256}));
        QCOMPARE(driver.sampleRate(), 44100u);
        QCOMPARE(driver.periodFrames(), 256u);
        QCOMPARE(driver.run(1000), std::int64_t(0));  // not started: nothing is called
        QVERIFY(blocks.empty());
        QVERIFY(driver.start());
        QCOMPARE(driver.run(1000), std::int64_t(1000));
        QCOMPARE(blocks, (std::vector<int>{256, 256, 256, 232}));
        for (const auto& id : threads)
            QCOMPARE(id, std::this_thread::get_id());  // the caller is the audio thread
        QCOMPARE(driver.run(0), std::int64_t(0));
        QCOMPARE(driver.run(-5), std::int64_t(0));
        QCOMPARE(driver.framesRendered(), std::int64_t(1000));
        QCOMPARE(int(driver.lastPeriod().size()), 2 * 256);
        driver.stop();
        QCOMPARE(driver.run(512), std::int64_t(0));
        QCOMPARE(int(blocks.size()), 4);
        QCOMPARE(driver.name(), std::string("manual"));
        QVERIFY(!driver.audible());
    }

    void writesStraightIntoTheCallersBuffer()
    {
        // Each callback writes the frame numbers it is at: the caller's buffer must hold 0, 1, 2, ... with no
        // gap or overlap at the period boundaries.
        ManualDriver driver;
        std::int64_t next = 0;
        QVERIFY(driver.open({"", -1, 48000, 100}));
        driver.setCallback([&next](float* out, int frames) {
            for (int i = 0; i < frames; ++i, ++next) {
                out[2 * i] = float(next);
                out[2 * i + 1] = -float(next);
            }
        });
        QVERIFY(driver.start());
        std::vector<float> out(2 * 1050, 12345.0f);
        QCOMPARE(driver.run(1050, out.data()), std::int64_t(1050));
        for (int i = 0; i < 1050; ++i) {
            QCOMPARE(out[std::size_t(2 * i)], float(i));
            QCOMPARE(out[std::size_t(2 * i + 1)], -float(i));
        }
    }

    void drivesTheEngineAsDirectCallsDo()
    {
        // Two engines with the same kit and groove: one driven by the ManualDriver, one by process() in
        // blocks of the same size. Two seconds (a whole loop at 120 BPM) must come out sample for sample equal.
        const auto kit = loadAssetKit("acoustic", 48000.0);
        QVERIFY(kit);
        const auto pattern = makePattern({{0, 0, 0.9f, 0.0f}, {4, 1, 0.8f, 0.2f}, {8, 2, 0.7f, -0.1f}});
        QVERIFY(pattern);
        Engine driven, direct;
        for (Engine* e : {&driven, &direct}) {
            e->prepare(48000.0);
            QVERIFY(e->setKit(kit));
            QVERIFY(e->setPattern(pattern));
            QVERIFY(e->start());
        }
        ManualDriver driver;
        QVERIFY(driver.open({"", -1, 48000, 256}));
        driver.setCallback([&driven](float* out, int frames) { driven.process(out, frames); });
        QVERIFY(driver.start());
        const int frames = 2 * 48000;
        std::vector<float> a(2 * std::size_t(frames)), b(2 * std::size_t(frames));
        QCOMPARE(driver.run(frames, a.data()), std::int64_t(frames));
        for (int done = 0; done < frames; done += 256)
            direct.process(b.data() + 2 * done, std::min(256, frames - done));
        QCOMPARE(driven.stats().framesProcessed, std::uint64_t(frames));
        QCOMPARE(driven.stats().hitsPlayed, std::uint64_t(3));
        QVERIFY(firstAbove(a, 0, 0.01f) >= 0);
        QCOMPARE(firstDifference(a, b), std::int64_t(-1));
    }
};

QTEST_GUILESS_MAIN(TestManualDriver)
#include "tst_manualdriver.moc"
