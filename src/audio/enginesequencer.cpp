// Engine: the sequencer's timing on the audio thread (see engine.cpp for
// commands and the block loop). Positions are whole frames in the loop; the
// block loop renders voices up to the next due event, so events land on
// their exact frame whatever the block size.
#include "engine.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs {

void Engine::applySettings(const EngineSettings& settings)
{
    const double stepPos = m_pattern ? double(m_pos) / m_framesPerStep : 0.0;
    const bool clockWasOn = m_settings.midiClock;
    m_settings = settings;
    m_voices.setPolyphony(settings.polyphony);
    m_fadeFrames = std::max(1, int(double(settings.chokeFadeMs) * m_sampleRate / 1000.0));
    m_voices.setFadeFrames(m_fadeFrames);
    m_anySolo = std::any_of(settings.mix.begin(), settings.mix.end(), [](const VoiceMix& m) { return m.solo; });
    if (m_pattern) {
        rebuildSchedule();
        seek(std::llround(stepPos * m_framesPerStep));
    }
    m_nextEarlyFor = nullptr;
    if (settings.midiClock && !clockWasOn)
        m_nextClock = double(m_frame);
}

void Engine::rebuildSchedule()
{
    const Pattern& p = *m_pattern->pattern;
    m_framesPerStep = framesPerStep(m_sampleRate, m_settings.bpm, p.stepsPerBeat);
    m_loopFrames = loopFrames(p, m_sampleRate, m_settings.bpm);
    m_scheduleCount = buildSchedule(p, m_settings, m_sampleRate, m_schedule.data(), int(m_schedule.size()));
    m_beatSteps = double(p.stepsPerBeat) * 4.0 / double(std::max(1, p.meter.denominator));
    m_beatsPerBar = std::max(1, p.meter.numerator);
    m_beatsPerLoop = int(std::ceil(double(p.steps) / m_beatSteps - 1e-9));
    m_nextEarlyFor = nullptr;
}

std::int64_t Engine::beatFrame(int beat) const { return std::llround(double(beat) * m_beatSteps * m_framesPerStep); }

void Engine::seek(std::int64_t position)
{
    m_pos = std::clamp<std::int64_t>(position, 0, m_loopFrames - 1);
    m_cursor = 0;
    while (m_cursor < m_scheduleCount && m_schedule[std::size_t(m_cursor)].frame < m_pos)
        ++m_cursor;
    m_nextBeat = 0;
    while (m_nextBeat < m_beatsPerLoop && beatFrame(m_nextBeat) < m_pos)
        ++m_nextBeat;
    m_enteredStep = -1.0;
}

void Engine::switchPattern(PatternBox* box, bool keepPosition)
{
    const double stepPos = m_pattern ? double(m_pos) / m_framesPerStep : 0.0;
    retire(m_pattern);
    m_pattern = box;
    rebuildSchedule();
    const double steps = double(box->pattern->steps);
    seek(keepPosition ? std::llround(std::fmod(stepPos, steps) * m_framesPerStep) : 0);
    if (m_pos == 0)
        m_firstPass = true;
}

void Engine::startTransport()
{
    m_playing = true;
    m_loopCount = 0;
    m_carryCount = 0;
    if (m_pattern)
        seek(0);
    m_firstPass = true;
    const double barFrames = double(m_beatsPerBar) * m_beatSteps * m_framesPerStep;
    m_countInTotal = m_pattern ? std::llround(double(m_settings.countInBars) * barFrames) : 0;
    m_countInLeft = m_countInTotal;
    m_countInBeat = 0;
    m_playEarlyNow = m_countInLeft == 0;
    if (m_settings.midiClock) {
        sendMidi(0xFA, 0, 0, 1);
        m_nextClock = double(m_frame);
    }
}

void Engine::stopTransport()
{
    if (m_playing && m_settings.midiClock)
        sendMidi(0xFC, 0, 0, 1);
    m_playing = false;
    m_countInLeft = 0;
    for (int i = 0; i < m_noteOffCount; ++i)
        sendMidi(std::uint8_t(0x80 | m_settings.midiChannel), m_noteOffs[std::size_t(i)].note, 0, 3);
    m_noteOffCount = 0;
}

std::int64_t Engine::framesToNextEvent() const
{
    std::int64_t d = std::numeric_limits<std::int64_t>::max() / 4;
    for (int i = 0; i < m_noteOffCount; ++i)
        d = std::min(d, m_noteOffs[std::size_t(i)].due - m_frame);
    if (m_playing) {
        if (m_settings.midiClock)
            d = std::min<std::int64_t>(d, std::llround(m_nextClock) - m_frame);
        if (m_countInLeft > 0) {
            d = std::min(d, m_countInLeft);
            const int beats = m_settings.countInBars * m_beatsPerBar;
            if (m_countInBeat < beats)
                d = std::min(d, beatFrame(m_countInBeat) - (m_countInTotal - m_countInLeft));
        } else if (m_pattern) {
            d = std::min(d, m_loopFrames - m_pos);
            if (m_cursor < m_scheduleCount)
                d = std::min(d, m_schedule[std::size_t(m_cursor)].frame - m_pos);
            const bool lookingAhead = m_nextEarlyFor && (m_nextEarlyFor == m_pendingBar ||
                                          (m_queueCount > 0 && m_nextEarlyFor == m_queue[std::size_t(m_queueHead)]));
            if (lookingAhead && m_nextEarlyCursor < m_nextEarlyCount)
                d = std::min(d, m_nextEarly[std::size_t(m_nextEarlyCursor)].frame - m_pos);
            if (m_carryCursor < m_carryCount)
                d = std::min(d, m_carry[std::size_t(m_carryCursor)].frame - m_pos);
            if (m_nextBeat < m_beatsPerLoop)
                d = std::min(d, beatFrame(m_nextBeat) - m_pos);
        }
    }
    return std::max<std::int64_t>(1, d);
}

void Engine::advance(std::int64_t frames)
{
    m_frame += frames;
    if (!m_playing)
        return;
    if (m_countInLeft > 0) {
        m_countInLeft -= frames;
        if (m_countInLeft <= 0) {
            m_countInLeft = 0;
            m_playEarlyNow = true;
        }
        return;
    }
    if (m_pattern)
        m_pos += frames;
}

void Engine::fireDueEvents()
{
    for (int i = 0; i < m_noteOffCount;) {
        if (m_noteOffs[std::size_t(i)].due <= m_frame) {
            sendMidi(std::uint8_t(0x80 | m_settings.midiChannel), m_noteOffs[std::size_t(i)].note, 0, 3);
            m_noteOffs[std::size_t(i)] = m_noteOffs[std::size_t(--m_noteOffCount)];
        } else {
            ++i;
        }
    }
    if (!m_playing)
        return;
    if (m_settings.midiClock) {
        const double perClock = m_framesPerStep * double(m_pattern ? m_pattern->pattern->stepsPerBeat : 4) / 24.0;
        while (std::llround(m_nextClock) <= m_frame) {
            sendMidi(0xF8, 0, 0, 1);
            m_nextClock += std::max(1.0, perClock);
        }
    }
    if (m_countInLeft > 0) {
        const std::int64_t elapsed = m_countInTotal - m_countInLeft;
        const int beats = m_settings.countInBars * m_beatsPerBar;
        while (m_countInBeat < beats && beatFrame(m_countInBeat) <= elapsed) {
            click(m_countInBeat % m_beatsPerBar == 0);
            ++m_countInBeat;
        }
        return;
    }
    if (!m_pattern)
        return;
    if (m_pos >= m_loopFrames) {
        ++m_loopCount;
        if (m_queueCount > 0 && m_pendingBar) {
            // The next-bar change falls on this boundary too and wins: the queued groove would play
            // for no time at all, so it is dropped and the change is made below, at position 0.
            retire(m_queue[std::size_t(m_queueHead)]);
            m_queueHead = (m_queueHead + 1) % kQueueCapacity;
            --m_queueCount;
            seek(0);
            m_firstPass = false;
        } else if (m_queueCount > 0) {
            PatternBox* next = m_queue[std::size_t(m_queueHead)];
            m_queueHead = (m_queueHead + 1) % kQueueCapacity;
            --m_queueCount;
            handOver(next, m_loopFrames, double(m_pattern->pattern->steps), true);
        } else {
            seek(0);
            m_firstPass = false;
            m_carryCount = 0;
        }
    }
    if (m_pendingBar && m_nextBeat < m_beatsPerLoop && m_nextBeat % m_beatsPerBar == 0 && beatFrame(m_nextBeat) == m_pos)
        switchAtBarLine();
    while (m_nextBeat < m_beatsPerLoop && beatFrame(m_nextBeat) <= m_pos) {
        if (m_settings.metronome && beatFrame(m_nextBeat) == m_pos)
            click(m_nextBeat % m_beatsPerBar == 0);
        ++m_nextBeat;
    }
    if (m_playEarlyNow) {
        m_playEarlyNow = false;
        for (int i = 0; i < m_scheduleCount; ++i)
            if (m_schedule[std::size_t(i)].wrap < 0)
                playHit(*m_pattern->pattern, m_schedule[std::size_t(i)]);
    }
    std::int64_t barFrame = m_loopFrames;
    double barStep = 0.0;
    if (m_pendingBar)
        nextBarLine(barFrame, barStep);
    while (m_cursor < m_scheduleCount && m_schedule[std::size_t(m_cursor)].frame <= m_pos) {
        const ScheduledHit& h = m_schedule[std::size_t(m_cursor)];
        // Skipped: late hits of a loop that never played, early hits of a step the next groove will play.
        const bool skip = (h.wrap > 0 && m_firstPass) || (h.wrap < 0 && switchPendingAtLoopEnd()) ||
                          (h.wrap == 0 && double(h.step) < m_enteredStep - 1e-6) ||
                          earlyForPendingBar(h, barFrame, barStep);
        if (!skip && h.frame == m_pos)
            playHit(*m_pattern->pattern, h);
        ++m_cursor;
    }
    playCarried();
    playNextEarly();
}

void Engine::playHit(const Pattern& p, const ScheduledHit& h)
{
    if (h.voice < 0 || h.voice >= p.voices) {
        m_hitsSilent.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    playNote(h.voice, p.voiceNotes[std::size_t(h.voice)], h.velocity);
}

void Engine::playNote(int voice, int note, float hitVelocity)
{
    if (voice < 0 || voice >= int(m_settings.mix.size())) {
        m_hitsSilent.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const VoiceMix& mix = m_settings.mix[std::size_t(voice)];
    const float velocity = std::clamp(hitVelocity * m_settings.velocityScale, 0.0f, 1.0f);
    const int velocity127 = std::clamp(int(std::lround(velocity * 127.0f)), 1, 127);
    if (mix.mute || (m_anySolo && !mix.solo)) {
        m_hitsSilent.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (m_settings.midiOut && note >= 0 && note < 128 && m_noteOffCount < int(m_noteOffs.size())) {
        sendMidi(std::uint8_t(0x90 | m_settings.midiChannel), std::uint8_t(note), std::uint8_t(velocity127), 3);
        const auto length = std::int64_t(double(m_settings.midiNoteMs) * m_sampleRate / 1000.0);
        m_noteOffs[std::size_t(m_noteOffCount++)] = {m_frame + std::max<std::int64_t>(1, length), std::uint8_t(note)};
    }
    const int index = m_kit ? m_kit->kit->instrumentForNote(note) : -1;
    if (index < 0) {
        m_hitsSilent.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    startInstrument(index, velocity, mix.gain, mix.pan, mix.tune);
}

void Engine::startInstrument(int index, float velocity, float mixGain, float mixPan, float mixTune)
{
    const int velocity127 = std::clamp(int(std::lround(velocity * 127.0f)), 1, 127);
    const KitInstrument& instrument = m_kit->kit->instrument(index);
    const KitLayer* layer = instrument.muted ? nullptr : instrument.layerFor(velocity127);
    if (!layer) {
        m_hitsSilent.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    int& rr = m_roundRobin[std::size_t(index)];
    const SampleData* sample = layer->samples[std::size_t(rr) % layer->samples.size()].get();
    rr = (rr + 1) % 65536;
    // A layer's own velocity curve (SFZ amp_velcurve_N) replaces the engine's.
    const float shape = layer->velocityGain.empty() ? std::pow(velocity, m_settings.velocityCurve)
                                                    : layer->velocityGain[std::size_t(velocity127)];
    const float gain = shape * instrument.gain * layer->gain * mixGain * m_settings.masterGain;
    const float pan = std::clamp(instrument.pan + mixPan, -1.0f, 1.0f);
    VoiceStart start;
    start.sample = sample;
    start.rate = std::exp2(double(instrument.tune + mixTune) / 12.0);
    start.gainLeft = gain * std::min(1.0f, 1.0f - pan);
    start.gainRight = gain * std::min(1.0f, 1.0f + pan);
    start.instrument = index;
    start.chokeGroup = instrument.chokeGroup;
    start.kitSerial = m_kit->serial;
    m_voices.start(start);
    m_hitsPlayed.fetch_add(1, std::memory_order_relaxed);
}

void Engine::click(bool accent)
{
    VoiceStart start;
    start.sample = accent ? &m_clickAccent : &m_click;
    start.gainLeft = start.gainRight = m_settings.metronomeGain * m_settings.masterGain;
    m_voices.start(start);
}

void Engine::sendMidi(std::uint8_t status, std::uint8_t a, std::uint8_t b, int size)
{
    MidiEvent e;
    e.frame = m_frame;
    e.data[0] = status;
    e.data[1] = a;
    e.data[2] = b;
    e.size = std::uint8_t(size);
    m_midi.push(e);  // dropped if nobody drains MIDI
}

} // namespace gs
