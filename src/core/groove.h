#pragma once
// A groove window: steps x voices, three planes (as GrooVAE, RhythmVAE and
// FM-Music-VAE use): hit 0/1, velocity 0..1, offset -1..1 where -1 / +1 is
// half a step early / late. Planes are row-major: index = step * voices + voice.
#include "grid.h"

#include <cstddef>
#include <vector>

namespace gs {

class Groove {
public:
    Groove() = default;
    Groove(const Grid& grid, int voices);

    const Grid& grid() const { return m_grid; }
    int steps() const { return m_steps; }
    int voices() const { return m_voices; }
    std::size_t cells() const { return std::size_t(m_steps) * std::size_t(m_voices); }
    std::size_t index(int step, int voice) const { return std::size_t(step) * std::size_t(m_voices) + std::size_t(voice); }

    bool hit(int step, int voice) const { return m_hit[index(step, voice)] > 0.5f; }
    float velocity(int step, int voice) const { return m_velocity[index(step, voice)]; }
    float offset(int step, int voice) const { return m_offset[index(step, voice)]; }

    // Sets a hit; velocity is clamped to 0..1 and offset to -1..1.
    void setHit(int step, int voice, float velocity, float offset = 0.0f);
    void clearHit(int step, int voice);
    // Keeps the louder of an existing hit and this one (two hits of one voice on one step).
    void mergeHit(int step, int voice, float velocity, float offset);
    void clear();

    int hitCount() const;
    int hitCount(int voice) const;

    // Raw planes, for codecs and views (size cells()).
    const std::vector<float>& hits() const { return m_hit; }
    const std::vector<float>& velocities() const { return m_velocity; }
    const std::vector<float>& offsets() const { return m_offset; }
    std::vector<float>& hits() { return m_hit; }
    std::vector<float>& velocities() { return m_velocity; }
    std::vector<float>& offsets() { return m_offset; }

    // Planes equal within a tolerance (velocity and offset compared only where there is a hit).
    bool sameAs(const Groove& other, float tolerance = 1e-6f) const;
    // Identical hit planes (used to drop duplicate windows).
    bool sameHits(const Groove& other) const;

private:
    Grid m_grid;
    int m_steps = 0;
    int m_voices = 0;
    std::vector<float> m_hit;
    std::vector<float> m_velocity;
    std::vector<float> m_offset;
};

} // namespace gs
