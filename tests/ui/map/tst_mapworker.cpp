// MapWorker: jobs run on its own thread, a job posted while another waits
// replaces it (latest wins), the running one always finishes, and the
// destructor joins the running job.
#include "map/mapworker.h"

#include <QtTest/QtTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace gs;

class TestMapWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsOffTheCallingThread()
    {
        MapWorker worker;
        std::thread::id ran;
        worker.post([&] { ran = std::this_thread::get_id(); });
        worker.waitIdle();
        QVERIFY(ran != std::thread::id());
        QVERIFY(ran != std::this_thread::get_id());
    }

    void latestWaitingJobWins()
    {
        MapWorker worker;
        std::atomic<bool> open{false};  // keeps the first job running while the others are posted
        std::atomic<bool> started{false};
        std::mutex logMutex;
        std::vector<int> log;
        const auto record = [&](int id) {
            std::lock_guard lock(logMutex);
            log.push_back(id);
        };
        worker.post([&] {
            started = true;
            while (!open)
                std::this_thread::yield();
            record(1);
        });
        while (!started)
            std::this_thread::yield();
        worker.post([&] { record(2); });
        worker.post([&] { record(3); });
        worker.post([&] { record(4); });
        open = true;
        worker.waitIdle();
        QCOMPARE(log, (std::vector<int>{1, 4}));
    }

    void destructorWaitsForTheRunningJob()
    {
        std::atomic<bool> open{false};
        std::atomic<bool> started{false};
        std::atomic<bool> finished{false};
        std::thread release;
        {
            MapWorker worker;
            worker.post([&] {
                started = true;
                while (!open)
                    std::this_thread::yield();
                finished = true;
            });
            while (!started)
                std::this_thread::yield();
            release = std::thread([&open] { open = true; });
        }  // joins: nothing of the job outlives the worker
        QVERIFY(finished);
        release.join();
    }
};

QTEST_GUILESS_MAIN(TestMapWorker)
#include "tst_mapworker.moc"
