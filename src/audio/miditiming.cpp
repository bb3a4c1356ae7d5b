#include "miditiming.h"

namespace gs {

void MidiTiming::observe(std::int64_t framesRendered, double rate, double seconds)
{
    if (framesRendered == m_lastFrames)
        return;  // only the first sighting of a count says when its block was rendered
    if (framesRendered < m_lastFrames)
        m_clock.reset();  // the engine was prepared again: a new timeline
    m_lastFrames = framesRendered;
    m_clock.observe(framesRendered, rate, seconds);
}

double MidiTiming::dueSeconds(std::int64_t frame, double rate, double latencySeconds, double nowSeconds) const
{
    if (!m_clock.valid())
        return nowSeconds + latencySeconds;
    return m_clock.secondsAt(frame, rate) + latencySeconds;
}

} // namespace gs
