#include "decodeworker.h"

namespace gs {

DecodeWorker::DecodeWorker(std::shared_ptr<const LatentSpace> space, Callback callback)
    : m_space(std::move(space)), m_callback(std::move(callback)), m_thread([this] { run(); })
{
}

DecodeWorker::~DecodeWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (m_pending) {
            m_pending.reset();
            ++m_dropped;
        }
    }
    m_wake.notify_all();
    m_thread.join();
}

void DecodeWorker::request(DecodeRequest request)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_requested;
        if (m_pending)
            ++m_dropped;
        m_pending = std::move(request);
    }
    m_wake.notify_one();
}

void DecodeWorker::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_busy; });
}

std::uint64_t DecodeWorker::requested() const
{
    std::lock_guard lock(m_mutex);
    return m_requested;
}

std::uint64_t DecodeWorker::decoded() const
{
    std::lock_guard lock(m_mutex);
    return m_decoded;
}

std::uint64_t DecodeWorker::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void DecodeWorker::run()
{
    for (;;) {
        DecodeRequest job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending.has_value(); });
            if (m_stop)
                break;
            job = std::move(*m_pending);
            m_pending.reset();
            m_busy = true;
        }
        DecodeResult result;
        result.id = job.id;
        result.z = job.z;
        if (Status ok = m_space->checkLatent(job.z); !ok) {
            result.error = ok.error().describe();
        } else {
            try {
                result.decoded = m_space->decode(job.z);
                result.groove = realise(result.decoded, job.sampling);
            } catch (const std::exception& e) {
                result.error = e.what();
            }
        }
        if (m_callback)
            m_callback(result);
        {
            std::lock_guard lock(m_mutex);
            ++m_decoded;
            m_busy = false;
        }
        m_idle.notify_all();
    }
    {
        std::lock_guard lock(m_mutex);
        m_busy = false;
    }
    m_idle.notify_all();
}

} // namespace gs
