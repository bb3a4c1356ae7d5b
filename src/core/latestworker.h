#pragma once
// One named thread that works on the latest request (src/latent's DecodeWorker and ui's MapWorker are
// thin users of it). A request posted while another still waits replaces the waiting one, so a fast
// drag or repeated clicks never queue work; the request already running always finishes and its reply
// is delivered, tagged with the request's id. An exception from the work never leaves the thread (it
// would end the app): it becomes the reply's error text. Plain C++ (no Qt, no torch).
//
//   LatestWorker<Request, Result> worker("gs-decode", work, deliver);
//   worker.request(id, request);   // any thread, never blocks on the work
//   // later, on the worker's thread: deliver({id, request, result, error})
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace gs {

// What became of one request: handed to the deliver callback on the worker's thread.
template <class Request, class Result>
struct WorkerReply {
    std::uint64_t id = 0;  // as posted
    Request request;  // the request itself, back to its owner
    Result result{};  // the work's result; value-initialised when error is set
    std::string error;  // empty when the work returned; else what it threw (see describeException)
};

// The text of an exception caught on a worker thread: what() of a std::exception, a note for
// bad_alloc and for anything else thrown. Any thread.
std::string describeException(std::exception_ptr thrown);

namespace detail {

// The thread, the single waiting slot and the counters, for any request type.
class WorkerThread {
public:
    using Task = std::function<void()>;

    explicit WorkerThread(std::string name);
    ~WorkerThread();  // stop()
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    void post(Task task);  // any thread; replaces the waiting task; dropped once stopped
    void waitIdle();  // any thread but the worker's
    void stop();  // any thread but the worker's; idempotent
    const std::string& name() const { return m_name; }
    std::uint64_t posted() const;
    std::uint64_t finished() const;
    std::uint64_t dropped() const;

private:
    void run();

    const std::string m_name;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::optional<Task> m_pending;
    bool m_busy = false;
    bool m_stop = false;
    std::uint64_t m_posted = 0;
    std::uint64_t m_finished = 0;
    std::uint64_t m_dropped = 0;
    std::thread m_thread;  // last: starts once every member above exists
};

} // namespace detail

template <class Request, class Result>
class LatestWorker {
public:
    using Reply = WorkerReply<Request, Result>;
    // Runs on the worker's thread, one request at a time. May throw (the reply then carries the error).
    using Work = std::function<Result(const Request&)>;
    // Runs on the worker's thread after each request's work, once per request that ran (so never
    // for a replaced one). It should not throw: what it throws is lost.
    using Deliver = std::function<void(Reply&&)>;

    // Starts the thread, named `name` for debuggers and `top -H` (Linux keeps 15 characters).
    LatestWorker(std::string name, Work work, Deliver deliver)
        : m_work(std::move(work)), m_deliver(std::move(deliver)), m_thread(std::move(name))
    {
    }
    // stop(): a waiting request is dropped, the running one finishes and is delivered, the thread joins.
    ~LatestWorker() = default;
    LatestWorker(const LatestWorker&) = delete;
    LatestWorker& operator=(const LatestWorker&) = delete;

    // Any thread; never blocks on running work. Replaces a request still waiting (it is dropped:
    // no work, no reply). After stop() the request is dropped.
    void request(std::uint64_t id, Request request)
    {
        m_thread.post([this, id, request = std::move(request)]() mutable {
            Reply reply{id, std::move(request), Result{}, {}};
            try {
                reply.result = m_work(reply.request);
            } catch (...) {
                reply.result = Result{};
                reply.error = describeException(std::current_exception());
            }
            if (m_deliver)
                m_deliver(std::move(reply));
        });
    }
    // Any thread but the worker's. Blocks until no request waits or runs (tests, a view closing).
    void waitIdle() { m_thread.waitIdle(); }
    // Any thread but the worker's. Drops the waiting request, lets the running one finish and be
    // delivered, joins the thread. Later requests are dropped. Idempotent.
    void stop() { m_thread.stop(); }

    const std::string& name() const { return m_thread.name(); }
    // Any thread. requested() == delivered() + dropped() once idle or stopped.
    std::uint64_t requested() const { return m_thread.posted(); }
    std::uint64_t delivered() const { return m_thread.finished(); }
    std::uint64_t dropped() const { return m_thread.dropped(); }

private:
    Work m_work;
    Deliver m_deliver;
    detail::WorkerThread m_thread;  // last: joins before the callbacks above go
};

} // namespace gs
