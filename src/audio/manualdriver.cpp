#include "manualdriver.h"

#include <algorithm>

namespace gs {

Status ManualDriver::open(const AudioStreamOptions& options)
{
    close();
    m_sampleRate = options.sampleRate == 0 ? 48000u : options.sampleRate;
    m_periodFrames = options.bufferFrames == 0 ? 256u : std::min(options.bufferFrames, 8192u);
    m_buffer.assign(2 * std::size_t(m_periodFrames), 0.0f);
    m_error.clear();
    return success();
}

Status ManualDriver::start()
{
    if (!isOpen())
        return fail("the manual driver is not open");
    if (!m_callback)
        return fail("the manual driver has no callback");
    m_running = true;
    m_frames = 0;
    return success();
}

void ManualDriver::close()
{
    stop();
    m_periodFrames = 0;
    m_buffer.clear();
}

std::int64_t ManualDriver::run(std::int64_t frames, float* out)
{
    if (!m_running || frames <= 0)
        return 0;
    std::int64_t done = 0;
    while (done < frames) {
        const int block = int(std::min<std::int64_t>(frames - done, m_periodFrames));
        m_callback(out ? out + 2 * done : m_buffer.data(), block);
        done += block;
    }
    m_frames += done;
    return done;
}

} // namespace gs
