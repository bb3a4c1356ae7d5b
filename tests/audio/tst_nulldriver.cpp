// The NullDriver: a thread that calls back period by period at real-time pace when there is no sound device.
// It keeps time (within a generous tolerance: timing here is a measurement, printed, and fails only when it is
// far off), always calls back with its period, stops promptly even inside a long period, skips a stall instead
// of catching up in a burst, names its thread, and its loop allocates and locks nothing.
#include "audio/nulldriver.h"
#include "realtimeprobe.h"

#include <QtTest/QtTest>

#include <atomic>
#include <chrono>
#include <fstream>
#include <filesystem>
#include <thread>

using namespace gs;
using namespace gs::test;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// What the callback saw (written on the audio thread, read after stop()).
struct Calls {
    std::atomic<std::int64_t> count{0};
    std::atomic<std::int64_t> frames{0};
    std::atomic<int> smallest{1 << 30};
    std::atomic<int> largest{0};
    std::atomic<bool> nullBuffer{false};

    AudioDriver::Callback callback()
    {
        return [this](float* out, int n) {
            if (!out)
                nullBuffer = true;
            else
                out[2 * n - 1] = 0.5f;  // the whole period is writable (ASan would catch a short buffer)
            count.fetch_add(1);
            frames.fetch_add(n);
            if (n < smallest)
                smallest = n;
            if (n > largest)
                largest = n;
        };
    }
};

bool threadNamed(const std::string& name)
{
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        std::ifstream comm(task.path() / "comm");
        std::string line;
        if (std::getline(comm, line) && line == name)
            return true;
    }
    return false;
}

} // namespace

class TestNullDriver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusesToStartUnopenedOrWithoutCallback()
    {
        NullDriver driver;
        QVERIFY(!driver.start());
        QVERIFY(!driver.errorDescription().empty());
        QVERIFY(driver.open({"", -1, 44100, 128}));
        QVERIFY(driver.isOpen());
        QVERIFY(!driver.start());  // no callback
        QVERIFY(!driver.isRunning());
        QCOMPARE(driver.sampleRate(), 44100u);
        QCOMPARE(driver.periodFrames(), 128u);
        QCOMPARE(driver.name(), std::string("null"));
        QVERIFY(!driver.audible());
        QVERIFY(driver.open({"", -1, 1, 100000}));  // clamped, never refused
        QCOMPARE(driver.sampleRate(), 8000u);
        QCOMPARE(driver.periodFrames(), 8192u);
        QCOMPARE(driver.status(), std::string("no audio device · 8000 Hz · 8192 frames"));
    }

    void pacesInRealTimeWithItsPeriod()
    {
        NullDriver driver;
        Calls calls;
        QVERIFY(driver.open({"", -1, 48000, 256}));
        driver.setCallback(calls.callback());
        const auto start = Clock::now();
        QVERIFY(driver.start());
        QVERIFY(driver.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(threadNamed("gs-audio-null"), 2000);
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        const double early = secondsSince(start);
        const std::int64_t earlyFrames = calls.frames.load();
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        const double elapsed = secondsSince(start);
        const std::int64_t frames = calls.frames.load();
        driver.stop();
        QVERIFY(!driver.isRunning());
        QVERIFY(!threadNamed("gs-audio-null"));
        const double rate = double(frames) / elapsed;
        qInfo("null driver: %lld frames in %.3f s = %.0f frames/s (48000 asked); %lld periods, %llu stalls skipped",
              (long long)frames, elapsed, rate, (long long)calls.count.load(), (unsigned long long)driver.stalls());
        QVERIFY(!calls.nullBuffer);
        QCOMPARE(calls.smallest.load(), 256);
        QCOMPARE(calls.largest.load(), 256);
        QCOMPARE(std::int64_t(driver.periods()), calls.count.load());
        // Never ahead of the clock by more than the period it is in (plus one for the scheduler).
        QVERIFY2(double(earlyFrames) <= early * 48000.0 + 3 * 256,
                 qPrintable(QStringLiteral("%1 frames after %2 s").arg(earlyFrames).arg(early)));
        // Behind only by what a busy machine takes: a generous band, not a timing contest.
        QVERIFY2(rate > 0.7 * 48000.0 && rate < 1.05 * 48000.0, qPrintable(QString::number(rate)));
    }

    void stopsPromptlyInsideALongPeriod()
    {
        NullDriver driver;
        Calls calls;
        QVERIFY(driver.open({"", -1, 8000, 8192}));  // a period of 1.024 s
        driver.setCallback(calls.callback());
        QVERIFY(driver.start());
        QTRY_COMPARE_WITH_TIMEOUT(calls.count.load(), std::int64_t(1), 2000);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto before = Clock::now();
        driver.stop();
        const double took = secondsSince(before);
        qInfo("stop() inside a 1.024 s period returned after %.1f ms", took * 1000.0);
        QVERIFY2(took < 0.3, qPrintable(QString::number(took)));  // not the ~0.9 s left of the period
        const std::int64_t count = calls.count.load();
        QCOMPARE(count, std::int64_t(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(calls.count.load(), count);  // nothing after stop()
        driver.close();
        QVERIFY(!driver.isOpen());
        QVERIFY(!driver.start());
    }

    void skipsAStallInsteadOfCatchingUp()
    {
        // The 10th callback takes 300 ms (a starved thread, a suspended machine). A sound card drops that
        // time; a driver that caught up would call back about 56 periods in a burst and end a second later
        // on about 48000 frames. This one goes on from the stall and ends near 48000 * 0.7.
        NullDriver driver;
        std::atomic<int> count{0};
        QVERIFY(driver.open({"", -1, 48000, 256}));
        driver.setCallback([&count](float*, int) {
            if (count.fetch_add(1) == 9)
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
        });
        const auto start = Clock::now();
        QVERIFY(driver.start());
        std::this_thread::sleep_for(std::chrono::milliseconds(1000));
        driver.stop();
        const double elapsed = secondsSince(start);
        const double frames = double(count.load()) * 256.0;
        qInfo("with a 300 ms stall: %.0f frames in %.3f s; %llu stalls skipped", frames, elapsed,
              (unsigned long long)driver.stalls());
        QVERIFY(driver.stalls() >= 1);
        QVERIFY2(frames < 0.9 * 48000.0 * elapsed, qPrintable(QString::number(frames)));
        QVERIFY2(frames > 0.3 * 48000.0 * elapsed, qPrintable(QString::number(frames)));  // it went on
    }

    void itsLoopAllocatesAndLocksNothing()
    {
        // The probe counts on the thread that armed it: armed in the 5th callback and read in the 45th, it
        // counts the driver's loop (clock, sleeps, pacing) over 40 periods, not only the callback.
        NullDriver driver;
        std::atomic<int> count{0};
        std::atomic<bool> done{false};
        RealtimeCounts counts;
        QVERIFY(driver.open({"", -1, 48000, 64}));
        driver.setCallback([&](float*, int) {
            const int n = count.fetch_add(1);
            if (n == 4)
                armRealtimeProbe();
            if (n == 44) {
                counts = disarmRealtimeProbe();
                done = true;
            }
        });
        QVERIFY(driver.start());
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
        driver.stop();
        qInfo("null driver loop over 40 periods: %ld allocations, %ld frees, %ld locks", counts.allocations,
              counts.frees, counts.locks);
        QCOMPARE(counts.allocations, 0L);
        QCOMPARE(counts.frees, 0L);
        QCOMPARE(counts.locks, 0L);
    }

    void aThrowingCallbackEndsTheThreadWithAReason()
    {
        NullDriver driver;
        QVERIFY(driver.open({}));
        driver.setCallback([](float*, int) { throw std::runtime_error("broken"); });
        QVERIFY(driver.start());
        QTRY_VERIFY_WITH_TIMEOUT(!driver.errorDescription().empty(), 2000);
        driver.stop();
        QVERIFY2(driver.errorDescription().find("threw") != std::string::npos, driver.errorDescription().c_str());
    }
};

QTEST_GUILESS_MAIN(TestNullDriver)
#include "tst_nulldriver.moc"
