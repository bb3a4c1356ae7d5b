// Engine: the hand-over from one groove to the next at a boundary (the loop's
// end for a queued groove, the next bar line for a next-bar change), on the
// audio thread. A hit belongs to its grid step, not to the frame micro-timing
// moves it to: the next groove's early hits of the boundary's step sound
// before the boundary (and the old groove's hits of that step do not), and the
// old groove's late hits of the step before sound after it.
#include "engine.h"

#include <cmath>

namespace gs {

namespace {
constexpr double kStepTolerance = 1e-6;
}

void Engine::nextBarLine(std::int64_t& frame, double& step) const
{
    for (int beat = m_nextBeat; beat < m_beatsPerLoop; ++beat) {
        if (beat % m_beatsPerBar == 0) {
            frame = beatFrame(beat);
            step = double(beat) * m_beatSteps;
            return;
        }
    }
    frame = m_loopFrames;
    step = double(m_pattern->pattern->steps);
}

bool Engine::earlyForPendingBar(const ScheduledHit& hit, std::int64_t barFrame, double barStep) const
{
    return m_pendingBar && hit.wrap == 0 && double(hit.step) >= barStep - kStepTolerance && hit.frame < barFrame;
}

void Engine::prepareLookAhead(PatternBox* next, std::int64_t boundary, double boundaryStep)
{
    // Where `next` starts: step 0 after the loop's end, else the bar's place in it (as switchPattern()).
    const Pattern& p = *next->pattern;
    const bool atLoopEnd = boundary >= m_loopFrames;
    const double startStep = atLoopEnd ? 0.0 : std::fmod(boundaryStep, double(p.steps));
    const std::int64_t startFrame = std::llround(startStep * framesPerStep(m_sampleRate, m_settings.bpm, p.stepsPerBeat));
    const std::int64_t nextLoop = loopFrames(p, m_sampleRate, m_settings.bpm);
    const int count = buildSchedule(p, m_settings, m_sampleRate, m_scratch.data(), int(m_scratch.size()));
    m_nextEarlyCount = 0;
    for (int i = 0; i < count; ++i) {
        ScheduledHit h = m_scratch[std::size_t(i)];
        const std::int64_t at = h.unfolded(nextLoop);
        if (double(h.step) < startStep - kStepTolerance || at >= startFrame || (startStep > 0.0 && h.wrap != 0))
            continue;
        h.frame = std::max<std::int64_t>(0, boundary - (startFrame - at));  // before the boundary
        m_nextEarly[std::size_t(m_nextEarlyCount++)] = h;
    }
    m_nextEarlyCursor = 0;
    while (m_nextEarlyCursor < m_nextEarlyCount && m_nextEarly[std::size_t(m_nextEarlyCursor)].frame < m_pos)
        ++m_nextEarlyCursor;
    m_nextEarlyMissed = m_nextEarlyCursor;
    m_nextEarlyFor = next;
    m_nextEarlyBoundary = boundary;
}

void Engine::playNextEarly()
{
    PatternBox* next = nullptr;
    std::int64_t boundary = m_loopFrames;
    double boundaryStep = 0.0;
    if (m_pendingBar) {
        next = m_pendingBar;
        nextBarLine(boundary, boundaryStep);
    } else if (m_queueCount > 0) {
        next = m_queue[std::size_t(m_queueHead)];
    } else {
        return;
    }
    if (m_nextEarlyFor != next || m_nextEarlyBoundary != boundary)
        prepareLookAhead(next, boundary, boundaryStep);
    while (m_nextEarlyCursor < m_nextEarlyCount && m_nextEarly[std::size_t(m_nextEarlyCursor)].frame <= m_pos) {
        if (m_nextEarly[std::size_t(m_nextEarlyCursor)].frame == m_pos)
            playHit(*next->pattern, m_nextEarly[std::size_t(m_nextEarlyCursor)]);
        ++m_nextEarlyCursor;
    }
}

void Engine::switchAtBarLine()
{
    // At position 0 the bar line is the loop's end, which the old groove has just wrapped past;
    // at the transport's start (first pass) nothing of an old loop is late.
    const bool atLoopStart = m_pos == 0;
    const std::int64_t boundary = atLoopStart ? m_loopFrames : m_pos;
    const double boundaryStep = atLoopStart ? double(m_pattern->pattern->steps) : double(m_nextBeat) * m_beatSteps;
    PatternBox* next = m_pendingBar;
    m_pendingBar = nullptr;
    handOver(next, boundary, boundaryStep, !(atLoopStart && m_firstPass));
}

void Engine::handOver(PatternBox* next, std::int64_t boundary, double boundaryStep, bool carry)
{
    const bool atLoopEnd = boundary >= m_loopFrames;
    if (m_nextEarlyFor != next || m_nextEarlyBoundary != boundary) {
        // Asked for too late to look ahead: its early hits all play now, at the boundary.
        const std::int64_t pos = m_pos;
        m_pos = boundary;
        prepareLookAhead(next, boundary, boundaryStep);
        m_pos = pos;
    }
    const int missed = m_nextEarlyMissed;  // early hits due before the boundary that did not play yet
    if (carry)
        carryLateHits(boundary, boundaryStep);
    else
        m_carryCount = 0;
    if (atLoopEnd)
        m_pos = 0;
    switchPattern(next, true);
    startCarried();
    if (m_pos > 0)
        m_enteredStep = double(m_pos) / m_framesPerStep;
    if (atLoopEnd && m_playEarlyNow)
        return;  // the transport has just started: its own pass plays the groove's early hits now
    for (int i = 0; i < missed; ++i)
        playHit(*m_pattern->pattern, m_nextEarly[std::size_t(i)]);
}

void Engine::carryLateHits(std::int64_t boundary, double boundaryStep)
{
    // The current (old) groove's hits of steps before the boundary that fall at or after it.
    const Pattern& p = *m_pattern->pattern;
    m_carryCount = 0;
    m_carryCursor = 0;
    for (int i = 0; i < m_scheduleCount; ++i) {
        const ScheduledHit& h = m_schedule[std::size_t(i)];
        const std::int64_t at = h.unfolded(m_loopFrames);
        if (double(h.step) >= boundaryStep - kStepTolerance || at < boundary)
            continue;
        const int note = h.voice >= 0 && h.voice < p.voices ? p.voiceNotes[std::size_t(h.voice)] : -1;
        m_carry[std::size_t(m_carryCount++)] = {at - boundary, h.voice, note, h.velocity};  // offset for now
    }
}

void Engine::startCarried()
{
    // Offsets from the boundary become frames from where the new groove starts; keep them in order.
    for (int i = 0; i < m_carryCount; ++i)
        m_carry[std::size_t(i)].frame += m_pos;
    for (int i = 1; i < m_carryCount; ++i) {
        const CarriedHit item = m_carry[std::size_t(i)];
        int j = i - 1;
        while (j >= 0 && m_carry[std::size_t(j)].frame > item.frame) {
            m_carry[std::size_t(j + 1)] = m_carry[std::size_t(j)];
            --j;
        }
        m_carry[std::size_t(j + 1)] = item;
    }
    m_carryCursor = 0;
}

void Engine::playCarried()
{
    while (m_carryCursor < m_carryCount && m_carry[std::size_t(m_carryCursor)].frame <= m_pos) {
        const CarriedHit& h = m_carry[std::size_t(m_carryCursor)];
        if (h.frame == m_pos)
            playNote(h.voice, h.note, h.velocity);
        ++m_carryCursor;
    }
}

} // namespace gs
