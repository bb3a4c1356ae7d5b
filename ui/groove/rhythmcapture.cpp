#include "rhythmcapture.h"

#include <cmath>

namespace gs {

RhythmCapture::RhythmCapture(const Grid& grid) : m_grid(grid), m_open(grid, 1), m_last(grid, 1) {}

std::int64_t RhythmCapture::passOf(double globalStep) const
{
    return std::int64_t(std::floor((globalStep + 0.5) / double(steps())));
}

double RhythmCapture::closesAt(std::int64_t pass) const { return double(pass + 1) * double(steps()) - 0.5; }

bool RhythmCapture::tap(double globalStep, float velocity)
{
    if (!std::isfinite(globalStep) || !std::isfinite(velocity))
        return false;
    const std::int64_t pass = passOf(globalStep);
    if (pass < m_pass)
        return false;
    while (pass > m_pass)
        close();
    const double nearest = std::round(globalStep);
    const int step = int(nearest - double(pass) * double(steps()));
    // Groove offsets are in half steps: -1 is half a step early.
    const float offset = float((globalStep - nearest) * 2.0);
    if (step < 0 || step >= steps())
        return false;
    m_open.mergeHit(step, 0, velocity, offset);
    return true;
}

std::int64_t RhythmCapture::close()
{
    const std::int64_t closed = m_pass;
    m_last = m_open;
    m_open.clear();
    ++m_pass;
    return closed;
}

void RhythmCapture::restart(std::int64_t pass)
{
    m_pass = pass;
    m_open.clear();
}

} // namespace gs
