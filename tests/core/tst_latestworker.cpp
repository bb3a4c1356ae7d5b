// LatestWorker: the work runs on a named thread of its own; a request posted while another waits
// replaces it (latest wins) and the replaced one is never worked on nor delivered; replies arrive in
// the order of the requests that ran, with their ids; stop() while busy lets the running request
// finish and be delivered, drops the waiting one and later ones; an exception from the work becomes
// the reply's error and the worker goes on.
#include "core/latestworker.h"

#include <QtTest/QtTest>

#include <atomic>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#endif

using namespace gs;

namespace {

// A gate a request's work can wait at, so the test controls what is running when it posts.
struct Gate {
    std::atomic<bool> open{false};
    std::atomic<int> arrived{0};
    void pass()
    {
        ++arrived;
        while (!open)
            std::this_thread::yield();
    }
    void waitFor(int n) const
    {
        while (arrived < n)
            std::this_thread::yield();
    }
};

// Requests are ints; the work returns twice the value, or waits at the gate for negative ones.
struct Log {
    std::mutex mutex;
    std::vector<WorkerReply<int, int>> replies;
    void add(WorkerReply<int, int>&& reply)
    {
        std::lock_guard lock(mutex);
        replies.push_back(std::move(reply));
    }
    std::vector<std::uint64_t> ids()
    {
        std::lock_guard lock(mutex);
        std::vector<std::uint64_t> out;
        for (const auto& r : replies)
            out.push_back(r.id);
        return out;
    }
};

using IntWorker = LatestWorker<int, int>;

} // namespace

class TestLatestWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsOnANamedThreadOfItsOwn()
    {
        std::thread::id ran;
        std::string name;
        Log log;
        IntWorker worker(
            "gs-test-worker",
            [&](const int& v) {
                ran = std::this_thread::get_id();
#if defined(__linux__)
                char buffer[16] = {};
                pthread_getname_np(pthread_self(), buffer, sizeof buffer);
                name = buffer;
#endif
                return 2 * v;
            },
            [&](IntWorker::Reply&& r) { log.add(std::move(r)); });
        QCOMPARE(worker.name(), std::string("gs-test-worker"));
        worker.request(5, 21);
        worker.waitIdle();
        QVERIFY(ran != std::thread::id());
        QVERIFY(ran != std::this_thread::get_id());
#if defined(__linux__)
        QCOMPARE(name, std::string("gs-test-worker"));
#endif
        std::lock_guard lock(log.mutex);
        QCOMPARE(log.replies.size(), std::size_t(1));
        QCOMPARE(log.replies[0].id, std::uint64_t(5));
        QCOMPARE(log.replies[0].request, 21);  // the request comes back with its reply
        QCOMPARE(log.replies[0].result, 42);
        QVERIFY(log.replies[0].error.empty());
    }

    void aWaitingRequestIsReplacedNeverWorkedOn()
    {
        Gate gate;
        Log log;
        std::vector<int> worked;  // only the worker's thread writes it, read once idle
        IntWorker worker(
            "gs-test-latest",
            [&](const int& v) {
                worked.push_back(v);
                if (v < 0)
                    gate.pass();
                return 2 * v;
            },
            [&](IntWorker::Reply&& r) { log.add(std::move(r)); });
        worker.request(1, -1);  // runs and waits at the gate
        gate.waitFor(1);
        for (int i = 2; i <= 50; ++i)
            worker.request(std::uint64_t(i), i);  // each replaces the one before: none of them starts
        gate.open = true;
        worker.waitIdle();
        QCOMPARE(worked, (std::vector<int>{-1, 50}));
        QCOMPARE(log.ids(), (std::vector<std::uint64_t>{1, 50}));
        QCOMPARE(worker.requested(), std::uint64_t(50));
        QCOMPARE(worker.delivered(), std::uint64_t(2));
        QCOMPARE(worker.dropped(), std::uint64_t(48));
    }

    void repliesFollowTheOrderOfTheRequests()
    {
        Log log;
        IntWorker worker("gs-test-order", [](const int& v) { return v; },
            [&](IntWorker::Reply&& r) { log.add(std::move(r)); });
        const int requests = 2000;
        for (int i = 1; i <= requests; ++i) {
            worker.request(std::uint64_t(i), i);
            if (i % 100 == 0)
                worker.waitIdle();  // these always run
        }
        worker.waitIdle();
        const std::vector<std::uint64_t> ids = log.ids();
        QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        QCOMPARE(std::adjacent_find(ids.begin(), ids.end()), ids.end());  // each request at most once
        for (int i = 100; i <= requests; i += 100)
            QVERIFY(std::find(ids.begin(), ids.end(), std::uint64_t(i)) != ids.end());
        QCOMPARE(worker.delivered() + worker.dropped(), std::uint64_t(requests));
        QCOMPARE(worker.delivered(), std::uint64_t(ids.size()));
    }

    void stopWhileBusyFinishesTheRunningRequestOnly()
    {
        Gate gate;
        Log log;
        IntWorker worker(
            "gs-test-stop",
            [&](const int& v) {
                if (v < 0)
                    gate.pass();
                return 2 * v;
            },
            [&](IntWorker::Reply&& r) { log.add(std::move(r)); });
        worker.request(1, -1);
        gate.waitFor(1);
        worker.request(2, 2);  // waiting: dropped by stop()
        std::thread release([&gate] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            gate.open = true;
        });
        worker.stop();  // returns once the running request is delivered and the thread has ended
        QCOMPARE(log.ids(), (std::vector<std::uint64_t>{1}));
        QVERIFY(gate.open);
        worker.request(3, 3);  // after stop: dropped, no reply
        worker.waitIdle();  // never blocks once stopped
        worker.stop();  // idempotent
        release.join();
        QCOMPARE(log.ids(), (std::vector<std::uint64_t>{1}));
        QCOMPARE(worker.requested(), std::uint64_t(3));
        QCOMPARE(worker.delivered(), std::uint64_t(1));
        QCOMPARE(worker.dropped(), std::uint64_t(2));
    }

    void destructorJoinsTheRunningRequest()
    {
        Gate gate;
        std::atomic<bool> delivered{false};
        std::thread release;
        {
            IntWorker worker(
                "gs-test-join",
                [&](const int&) {
                    gate.pass();
                    return 0;
                },
                [&](IntWorker::Reply&&) { delivered = true; });
            worker.request(1, 1);
            gate.waitFor(1);
            release = std::thread([&gate] { gate.open = true; });
        }  // joins: nothing of the request outlives the worker
        QVERIFY(delivered);
        release.join();
    }

    void anExceptionBecomesTheRepliesErrorAndTheWorkerGoesOn()
    {
        Log log;
        IntWorker worker(
            "gs-test-throw",
            [](const int& v) -> int {
                if (v == 1)
                    throw std::runtime_error("no groove at that point");
                if (v == 2)
                    throw std::bad_alloc();
                if (v == 3)
                    throw 42;  // not even a std::exception
                return v;
            },
            [&](IntWorker::Reply&& r) {
                if (r.id == 5)
                    throw std::logic_error("a careless deliver");  // lost, never the app's end
                log.add(std::move(r));
            });
        for (int i = 1; i <= 6; ++i) {
            worker.request(std::uint64_t(i), i);
            worker.waitIdle();
        }
        std::lock_guard lock(log.mutex);
        QCOMPARE(log.replies.size(), std::size_t(5));
        QCOMPARE(log.replies[0].error, std::string("no groove at that point"));
        QCOMPARE(log.replies[0].result, 0);
        QVERIFY(log.replies[1].error.find("memory") != std::string::npos);
        QVERIFY(!log.replies[2].error.empty());
        QVERIFY(log.replies[3].error.empty());
        QCOMPARE(log.replies[3].result, 4);
        QCOMPARE(log.replies[4].id, std::uint64_t(6));  // the worker lived on after a throwing deliver
        QCOMPARE(log.replies[4].result, 6);
        QCOMPARE(worker.delivered(), std::uint64_t(6));
    }

    void describesWhatWasThrown()
    {
        QCOMPARE(describeException(std::make_exception_ptr(std::runtime_error("bad z"))), std::string("bad z"));
        QVERIFY(!describeException(std::make_exception_ptr(3.5)).empty());
        QVERIFY(!describeException(nullptr).empty());
    }
};

QTEST_GUILESS_MAIN(TestLatestWorker)
#include "tst_latestworker.moc"
