#include "groove.h"

#include <algorithm>
#include <cmath>

namespace gs {

Groove::Groove(const Grid& grid, int voices)
    : m_grid(grid)
    , m_steps(grid.steps())
    , m_voices(voices)
    , m_hit(cells(), 0.0f)
    , m_velocity(cells(), 0.0f)
    , m_offset(cells(), 0.0f)
{
}

void Groove::setHit(int step, int voice, float velocity, float offset)
{
    const std::size_t i = index(step, voice);
    m_hit[i] = 1.0f;
    m_velocity[i] = std::clamp(velocity, 0.0f, 1.0f);
    m_offset[i] = std::clamp(offset, -1.0f, 1.0f);
}

void Groove::clearHit(int step, int voice)
{
    const std::size_t i = index(step, voice);
    m_hit[i] = 0.0f;
    m_velocity[i] = 0.0f;
    m_offset[i] = 0.0f;
}

void Groove::mergeHit(int step, int voice, float velocity, float offset)
{
    if (hit(step, voice) && this->velocity(step, voice) >= velocity)
        return;
    setHit(step, voice, velocity, offset);
}

void Groove::clear()
{
    std::fill(m_hit.begin(), m_hit.end(), 0.0f);
    std::fill(m_velocity.begin(), m_velocity.end(), 0.0f);
    std::fill(m_offset.begin(), m_offset.end(), 0.0f);
}

int Groove::hitCount() const
{
    return int(std::count_if(m_hit.begin(), m_hit.end(), [](float h) { return h > 0.5f; }));
}

int Groove::hitCount(int voice) const
{
    int n = 0;
    for (int s = 0; s < m_steps; ++s)
        n += hit(s, voice) ? 1 : 0;
    return n;
}

bool Groove::sameAs(const Groove& other, float tolerance) const
{
    if (!(m_grid == other.m_grid) || m_voices != other.m_voices || !sameHits(other))
        return false;
    for (std::size_t i = 0; i < cells(); ++i) {
        if (m_hit[i] <= 0.5f)
            continue;
        if (std::fabs(m_velocity[i] - other.m_velocity[i]) > tolerance
            || std::fabs(m_offset[i] - other.m_offset[i]) > tolerance)
            return false;
    }
    return true;
}

bool Groove::sameHits(const Groove& other) const
{
    if (m_steps != other.m_steps || m_voices != other.m_voices)
        return false;
    for (std::size_t i = 0; i < cells(); ++i)
        if ((m_hit[i] > 0.5f) != (other.m_hit[i] > 0.5f))
            return false;
    return true;
}

} // namespace gs
