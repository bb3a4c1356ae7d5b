#include "latestworker.h"

#include <new>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace gs {

std::string describeException(std::exception_ptr thrown)
{
    try {
        if (thrown)
            std::rethrow_exception(thrown);
        return "unknown error";
    } catch (const std::bad_alloc&) {
        return "not enough memory for it";
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unexpected error";
    }
}

namespace detail {

WorkerThread::WorkerThread(std::string name) : m_name(std::move(name)), m_thread([this] { run(); }) {}

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::post(Task task)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_posted;
        if (m_stop) {
            ++m_dropped;
            return;  // `task` goes here, on the caller's thread
        }
        if (m_pending)
            ++m_dropped;
        m_pending = std::move(task);
    }
    m_wake.notify_one();
}

void WorkerThread::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_busy; });
}

void WorkerThread::stop()
{
    std::optional<Task> dropped;  // freed outside the lock
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (m_pending) {
            dropped = std::move(m_pending);
            m_pending.reset();
            ++m_dropped;
        }
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

std::uint64_t WorkerThread::posted() const
{
    std::lock_guard lock(m_mutex);
    return m_posted;
}

std::uint64_t WorkerThread::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

std::uint64_t WorkerThread::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void WorkerThread::run()
{
#if defined(__linux__)
    pthread_setname_np(pthread_self(), m_name.substr(0, 15).c_str());
#endif
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_pending.has_value(); });
        if (m_stop)
            break;
        std::optional<Task> task = std::move(m_pending);
        m_pending.reset();
        m_busy = true;
        lock.unlock();
        try {
            (*task)();
        } catch (...) {
            // LatestWorker's tasks catch the work's exceptions; only a throwing deliver callback lands
            // here. Losing its reply costs that request, never the app.
        }
        task.reset();  // what the task holds goes before the worker reports idle
        lock.lock();
        ++m_finished;
        m_busy = false;
        m_idle.notify_all();
    }
    m_busy = false;
    m_idle.notify_all();
}

} // namespace detail

} // namespace gs
