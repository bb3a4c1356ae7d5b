#include "nulldriver.h"

#include <algorithm>
#include <chrono>

#include <pthread.h>

namespace gs {

NullDriver::~NullDriver() { close(); }

Status NullDriver::open(const AudioStreamOptions& options)
{
    close();
    m_sampleRate = options.sampleRate == 0 ? 48000u : std::clamp(options.sampleRate, 8000u, 192000u);
    m_periodFrames = options.bufferFrames == 0 ? 256u : std::clamp(options.bufferFrames, 16u, 8192u);
    m_buffer.assign(2 * std::size_t(m_periodFrames), 0.0f);
    m_error.clear();
    return success();
}

Status NullDriver::start()
{
    if (!isOpen())
        return fail("the null driver is not open");
    if (!m_callback)
        return fail("the null driver has no callback");
    if (isRunning())
        return success();
    m_stop = false;
    m_threw = false;
    m_periods = 0;
    m_stalls = 0;
    m_error.clear();
    m_thread = std::thread([this] { run(); });
    return success();
}

void NullDriver::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

void NullDriver::close()
{
    stop();
    m_buffer.clear();
}

std::string NullDriver::errorDescription() const
{
    return m_threw ? "the null driver's callback threw; the thread stopped" : m_error;
}

void NullDriver::run()
{
    pthread_setname_np(pthread_self(), "gs-audio-null");
    using Clock = std::chrono::steady_clock;
    // Deadlines come from the frame count (not added up period by period), so the pace does not drift.
    const double rate = double(m_sampleRate);
    const auto stall = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kStallSeconds));
    const auto slice = std::chrono::milliseconds(5);  // the longest stop() waits for a sleeping thread
    auto origin = Clock::now();
    std::int64_t frames = 0;
    try {
        while (!m_stop.load(std::memory_order_acquire)) {
            m_callback(m_buffer.data(), int(m_periodFrames));
            m_periods.fetch_add(1, std::memory_order_relaxed);
            frames += m_periodFrames;
            const auto deadline = origin + std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(double(frames) / rate));
            auto now = Clock::now();
            if (now - deadline > stall) {  // behind by more than a stall: go on from now
                origin = now;
                frames = 0;
                m_stalls.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            while (now < deadline && !m_stop.load(std::memory_order_acquire)) {
                std::this_thread::sleep_for(std::min<Clock::duration>(deadline - now, slice));
                now = Clock::now();
            }
        }
    } catch (...) {
        m_threw = true;  // reported on the control thread by errorDescription(); nothing is logged here
    }
}

} // namespace gs
