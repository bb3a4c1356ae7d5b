#include "playheadclock.h"

#include <cmath>

namespace gs {

void PlayheadClock::report(double step, int steps, std::int64_t loop, int stepsPerBeat, double bpm, double seconds)
{
    if (steps <= 0 || stepsPerBeat <= 0 || !std::isfinite(bpm) || bpm <= 0.0 || !std::isfinite(step)
        || !std::isfinite(seconds)) {
        m_valid = false;
        return;
    }
    m_globalStep = double(loop) * double(steps) + step;
    m_seconds = seconds;
    m_stepsPerSecond = bpm / 60.0 * double(stepsPerBeat);
    m_valid = true;
}

double PlayheadClock::globalStepAt(double seconds) const
{
    return m_globalStep + (seconds - m_seconds) * m_stepsPerSecond;
}

double PlayheadClock::secondsAt(double globalStep) const
{
    return m_seconds + (globalStep - m_globalStep) / m_stepsPerSecond;
}

} // namespace gs
