#include "map/mapworker.h"
#include "files/workerguard.h"

#include <cstdio>

namespace gs {

MapWorker::MapWorker() : m_thread([this] { run(); }) {}

MapWorker::~MapWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_pending = nullptr;
    }
    m_wake.notify_all();
    m_thread.join();
}

void MapWorker::post(std::function<void()> job)
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
    }
    m_wake.notify_one();
}

void MapWorker::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_busy; });
}

void MapWorker::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_pending; });
        if (m_stop)
            break;
        std::function<void()> job = std::move(m_pending);
        m_pending = nullptr;
        m_busy = true;
        lock.unlock();
        // Jobs catch their own exceptions and report through the GUI thread; this is the last
        // net, so one that slips through costs that job, not the app.
        const QString thrown = runGuarded(QStringLiteral("map job"), job);
        if (!thrown.isEmpty())
            std::fprintf(stderr, "groovescape: %s\n", qPrintable(thrown));
        job = nullptr;
        lock.lock();
        m_busy = false;
        m_idle.notify_all();
    }
    m_busy = false;
    m_idle.notify_all();
}

} // namespace gs
