#include "clockfollower.h"

#include <algorithm>

namespace gs {

void ClockFollower::feed(const std::uint8_t* bytes, std::size_t size, double seconds)
{
    if (!bytes || size == 0)
        return;
    std::lock_guard lock(m_mutex);
    switch (bytes[0]) {
    case 0xF8: {
        const double last = m_count > 0 ? lastTick() : seconds;
        if (seconds - last > kLostAfter || seconds < last)
            m_count = 0;  // the clock stopped and came back: old ticks say nothing about the new tempo
        m_ticks[std::size_t(m_head)] = seconds;
        m_head = (m_head + 1) % kWindow;
        m_count = std::min(m_count + 1, kWindow);
        if (m_running) {
            ++m_ticksSince;
            m_lastRunningTick = seconds;
        }
        break;
    }
    case 0xFA:
        m_songPosition = 0.0;
        m_events.push_back({Command::Start, seconds, 0.0});
        run(0.0);
        break;
    case 0xFB:
        m_events.push_back({Command::Continue, seconds, m_songPosition});
        run(m_songPosition);
        break;
    case 0xFC:
        m_events.push_back({Command::Stop, seconds, 0.0});
        m_running = false;
        break;
    case 0xF2:
        if (size >= 3)  // 14 bits, least significant 7 first, in sixteenths
            m_songPosition = double((bytes[1] & 0x7F) | ((bytes[2] & 0x7F) << 7)) / 4.0;
        break;
    default:
        break;
    }
}

void ClockFollower::run(double beat)
{
    m_running = true;
    m_base = beat;
    m_ticksSince = -1;
}

double ClockFollower::lastTick() const { return m_ticks[std::size_t((m_head + kWindow - 1) % kWindow)]; }

double ClockFollower::bpmLocked() const
{
    // Least squares of tick time against tick number: the slope is seconds per tick.
    const int n = m_count;
    const int first = (m_head + kWindow - n) % kWindow;
    double meanX = 0.0, meanY = 0.0;
    for (int i = 0; i < n; ++i) {
        meanX += i;
        meanY += m_ticks[std::size_t((first + i) % kWindow)] - m_ticks[std::size_t(first)];
    }
    meanX /= n;
    meanY /= n;
    double sxy = 0.0, sxx = 0.0;
    for (int i = 0; i < n; ++i) {
        const double dx = i - meanX;
        sxy += dx * (m_ticks[std::size_t((first + i) % kWindow)] - m_ticks[std::size_t(first)] - meanY);
        sxx += dx * dx;
    }
    const double secondsPerTick = sxx > 0.0 ? sxy / sxx : 0.0;
    if (secondsPerTick <= 0.0)
        return 0.0;
    return std::clamp(60.0 / (24.0 * secondsPerTick), 30.0, 300.0);
}

ClockFollower::State ClockFollower::take(double now)
{
    std::lock_guard lock(m_mutex);
    State s;
    s.events.swap(m_events);
    if (m_count >= kMinTicks && now - lastTick() <= kLostAfter)
        s.bpm = bpmLocked();
    s.locked = s.bpm > 0.0;
    s.running = m_running;
    if (m_running && m_ticksSince >= 0) {
        s.beat = m_base + double(m_ticksSince) / 24.0;
        s.beatSeconds = m_lastRunningTick;
    }
    return s;
}

void ClockFollower::reset()
{
    std::lock_guard lock(m_mutex);
    m_count = 0;
    m_head = 0;
    m_events.clear();
    m_songPosition = 0.0;
    m_running = false;
    m_ticksSince = -1;
}

} // namespace gs
