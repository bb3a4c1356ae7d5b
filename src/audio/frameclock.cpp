#include "frameclock.h"

#include <algorithm>

namespace gs {

void FrameClock::observe(std::int64_t frame, double rate, double seconds)
{
    if (rate <= 0.0)
        return;
    m_lags[std::size_t(m_head)] = seconds - double(frame) / rate;
    m_head = (m_head + 1) % kWindow;
    m_count = std::min(m_count + 1, kWindow);
}

double FrameClock::secondsAt(std::int64_t frame, double rate) const
{
    if (m_count == 0 || rate <= 0.0)
        return 0.0;
    const double lag = *std::min_element(m_lags.begin(), m_lags.begin() + m_count);
    return lag + double(frame) / rate;
}

} // namespace gs
