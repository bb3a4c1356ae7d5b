// Engine: control-thread side, command handling and the block loop.
// The sequencer's timing helpers are in enginesequencer.cpp.
#include "engine.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gs {

namespace {

constexpr std::size_t kCommandCapacity = 1024;
constexpr std::size_t kGarbageCapacity = 4096;
constexpr int kMaxNoteOffs = 512;

// A short decaying sine, the metronome's sound.
void makeClick(SampleData& click, double sampleRate, double hz, float gain)
{
    const int length = int(sampleRate * 0.03);
    click.path = "metronome";
    click.length = length;
    click.frames.assign(std::size_t(length + 2) * 2, 0.0f);
    const double twoPi = 6.283185307179586;
    for (int i = 0; i < length; ++i) {
        const double t = double(i) / sampleRate;
        const float v = gain * float(std::sin(twoPi * hz * t) * std::exp(-t * 150.0));
        click.frames[std::size_t(i) * 2] = v;
        click.frames[std::size_t(i) * 2 + 1] = v;
    }
    click.peak = gain;
}

// Replaces NaN and infinities with silence; returns how many there were.
int scrubNonFinite(float* x, int count)
{
    int bad = 0;
    for (int i = 0; i < count; ++i) {
        if (!std::isfinite(x[i])) {
            x[i] = 0.0f;
            ++bad;
        }
    }
    return bad;
}

float toDb(float gain) { return gain > 0.0f ? 20.0f * std::log10(gain) : -200.0f; }

} // namespace

Engine::Engine() { prepare(48000.0); }

Engine::~Engine()
{
    // No audio thread runs now: release everything still held on either side.
    releaseSnapshots();
}

void Engine::releaseSnapshots()
{
    if (m_commands.capacity() > 0) {
        collectGarbage();
        Command c;
        while (m_commands.pop(c)) {
            delete c.pattern;
            delete c.kit;
        }
    }
    delete m_pattern;
    delete m_pendingBar;
    for (int i = 0; i < m_queueCount; ++i)
        delete m_queue[std::size_t((m_queueHead + i) % kQueueCapacity)];
    delete m_kit;
    delete m_oldKit;
    for (int i = 0; i < m_retiredOverflowCount; ++i) {
        delete m_retiredOverflow[std::size_t(i)].pattern;
        delete m_retiredOverflow[std::size_t(i)].kit;
    }
}

void Engine::prepare(double sampleRate)
{
    releaseSnapshots();
    m_pattern = m_pendingBar = nullptr;
    m_kit = m_oldKit = nullptr;
    m_queueHead = m_queueCount = 0;
    m_retiredOverflowCount = 0;

    m_sampleRate = std::clamp(std::isfinite(sampleRate) ? sampleRate : 48000.0, 8000.0, 384000.0);
    m_commands.reset(kCommandCapacity);
    m_settingsFifo.reset(64);
    m_garbage.reset(kGarbageCapacity);
    m_positions.reset(1024);
    m_midi.reset(8192);
    m_retiredOverflow.assign(std::size_t(kQueueCapacity + 16), Garbage{});
    m_queue.assign(std::size_t(kQueueCapacity), nullptr);
    m_schedule.assign(std::size_t(Pattern::kMaxHits), ScheduledHit{});
    m_scratch.assign(std::size_t(Pattern::kMaxHits), ScheduledHit{});
    m_nextEarly.assign(std::size_t(Pattern::kMaxHits), ScheduledHit{});
    m_nextEarlyCount = 0;
    m_nextEarlyFor = nullptr;
    m_carry.assign(std::size_t(Pattern::kMaxHits), CarriedHit{});
    m_carryCount = m_carryCursor = 0;
    m_scheduleCount = 0;
    m_roundRobin.assign(std::size_t(Kit::kMaxInstruments), 0);
    m_noteOffs.assign(std::size_t(kMaxNoteOffs), NoteOff{});
    m_noteOffCount = 0;
    m_voices.reset();
    m_limiter.prepare(m_sampleRate);
    makeClick(m_click, m_sampleRate, 1000.0, 0.6f);
    makeClick(m_clickAccent, m_sampleRate, 1500.0, 0.9f);
    m_playing = false;
    m_pos = 0;
    m_loopCount = 0;
    m_frame = 0;
    m_framesRendered.store(0, std::memory_order_release);
    m_cursor = 0;
    m_countInLeft = 0;
    applySettings(m_settings);
}

bool Engine::send(const Command& command)
{
    collectGarbage();
    return m_commands.push(command);
}

static_assert(std::tuple_size_v<decltype(EngineSettings::mix)> >= std::size_t(Pattern::kMaxVoices),
    "every voice a pattern may have has its mixer strip");

bool Engine::setPattern(std::shared_ptr<const Pattern> pattern, PatternChange when)
{
    if (!pattern || pattern->steps <= 0 || int(pattern->hits.size()) > Pattern::kMaxHits ||
        pattern->voices > Pattern::kMaxVoices || int(pattern->voiceNotes.size()) < pattern->voices)
        return false;
    auto* box = new PatternBox{std::move(pattern)};
    if (send({CommandType::SetPattern, when, box, nullptr, 0.0}))
        return true;
    delete box;
    return false;
}

bool Engine::clearQueue() { return send({CommandType::ClearQueue, PatternChange::Immediate, nullptr, nullptr, 0.0}); }

bool Engine::setKit(std::shared_ptr<const Kit> kit)
{
    if (!kit || std::abs(kit->sampleRate() - m_sampleRate) > 1e-6 || kit->instrumentCount() > Kit::kMaxInstruments)
        return false;
    auto* box = new KitBox{std::move(kit), m_nextKitSerial++};
    if (send({CommandType::SetKit, PatternChange::Immediate, nullptr, box, 0.0}))
        return true;
    delete box;
    return false;
}

bool Engine::setSettings(const EngineSettings& settings)
{
    collectGarbage();
    return m_settingsFifo.push(settings.clamped());
}

bool Engine::start() { return send({CommandType::Start, PatternChange::Immediate, nullptr, nullptr, 0.0}); }
bool Engine::stop() { return send({CommandType::Stop, PatternChange::Immediate, nullptr, nullptr, 0.0}); }
bool Engine::locate(double step)
{
    if (!std::isfinite(step))
        return false;
    return send({CommandType::Locate, PatternChange::Immediate, nullptr, nullptr, step});
}

bool Engine::audition(int note, float velocity)
{
    if (note < 0 || note > 127 || !std::isfinite(velocity))
        return false;
    return send({CommandType::Audition, PatternChange::Immediate, nullptr, nullptr,
                 double(note) + double(std::clamp(velocity, 0.0f, 1.0f)) * 0.5});
}

int Engine::collectGarbage()
{
    int freed = 0;
    Garbage g;
    while (m_garbage.pop(g)) {
        delete g.pattern;
        delete g.kit;
        ++freed;
    }
    return freed;
}

EngineStats Engine::stats() const
{
    EngineStats s;
    s.hitsPlayed = m_hitsPlayed.load(std::memory_order_relaxed);
    s.hitsSilent = m_hitsSilent.load(std::memory_order_relaxed);
    s.framesProcessed = m_framesProcessed.load(std::memory_order_relaxed);
    s.framesOver = m_framesOver.load(std::memory_order_relaxed);
    s.framesLimited = m_framesLimited.load(std::memory_order_relaxed);
    s.nonFiniteSamples = m_nonFiniteSamples.load(std::memory_order_relaxed);
    return s;
}

// ---- audio thread ----

void Engine::retire(PatternBox* box)
{
    if (box == m_nextEarlyFor)
        m_nextEarlyFor = nullptr;  // a later box may reuse its address: the look-ahead must not match it
    if (box && !m_garbage.push({box, nullptr}) && m_retiredOverflowCount < int(m_retiredOverflow.size()))
        m_retiredOverflow[std::size_t(m_retiredOverflowCount++)] = {box, nullptr};
}

void Engine::retire(KitBox* box)
{
    if (box && !m_garbage.push({nullptr, box}) && m_retiredOverflowCount < int(m_retiredOverflow.size()))
        m_retiredOverflow[std::size_t(m_retiredOverflowCount++)] = {nullptr, box};
}

void Engine::flushRetired()
{
    while (m_retiredOverflowCount > 0 && m_garbage.push(m_retiredOverflow[std::size_t(m_retiredOverflowCount - 1)]))
        --m_retiredOverflowCount;
}

void Engine::drainCommands()
{
    EngineSettings settings;
    bool haveSettings = false;
    while (m_settingsFifo.pop(settings))
        haveSettings = true;
    if (haveSettings)
        applySettings(settings);

    Command c;
    while (m_commands.pop(c)) {
        switch (c.type) {
        case CommandType::SetPattern: {
            const bool now = !m_pattern || c.when == PatternChange::Immediate ||
                             (c.when == PatternChange::NextBar && !m_playing);
            if (now) {
                switchPattern(c.pattern, true);
            } else if (c.when == PatternChange::NextBar) {
                retire(m_pendingBar);
                m_pendingBar = c.pattern;
            } else if (m_queueCount < kQueueCapacity) {
                m_queue[std::size_t((m_queueHead + m_queueCount) % kQueueCapacity)] = c.pattern;
                ++m_queueCount;
            } else {
                retire(c.pattern);
            }
            break;
        }
        case CommandType::ClearQueue:
            while (m_queueCount > 0) {
                retire(m_queue[std::size_t(m_queueHead)]);
                m_queueHead = (m_queueHead + 1) % kQueueCapacity;
                --m_queueCount;
            }
            retire(m_pendingBar);
            m_pendingBar = nullptr;
            break;
        case CommandType::SetKit:
            if (m_oldKit) {
                m_voices.killKit(m_oldKit->serial);
                retire(m_oldKit);
                m_oldKit = nullptr;
            }
            if (m_kit) {
                m_voices.fadeKit(m_kit->serial);
                m_oldKit = m_kit;
            }
            m_kit = c.kit;
            std::fill(m_roundRobin.begin(), m_roundRobin.end(), 0);
            break;
        case CommandType::Start:
            startTransport();
            break;
        case CommandType::Stop:
            stopTransport();
            break;
        case CommandType::Audition: {
            // value = note + velocity / 2 (velocity 0..1): one double carries both.
            const int note = int(c.value);
            const int index = m_kit ? m_kit->kit->instrumentForNote(note) : -1;
            if (index >= 0)
                startInstrument(index, float((c.value - note) * 2.0), 1.0f, 0.0f, 0.0f);
            break;
        }
        case CommandType::Locate:
            m_carryCount = 0;
            m_nextEarlyFor = nullptr;  // its cursor was for the old place
            if (m_pattern)
                seek(std::llround(std::fmod(std::max(0.0, c.value), double(m_pattern->pattern->steps)) * m_framesPerStep));
            break;
        }
    }
    if (m_oldKit && !m_voices.usesKit(m_oldKit->serial)) {
        retire(m_oldKit);
        m_oldKit = nullptr;
    }
    flushRetired();
}

void Engine::process(float* out, int frames)
{
    if (frames <= 0)
        return;
    drainCommands();
    std::memset(out, 0, sizeof(float) * std::size_t(frames) * 2);
    std::int64_t done = 0;
    while (done < frames) {
        fireDueEvents();
        const std::int64_t len = std::min<std::int64_t>(frames - done, framesToNextEvent());
        m_voices.render(out + 2 * done, int(len));
        advance(len);
        done += len;
    }
    // Whatever a kit or voice did, the device and the files get finite numbers; the limiter starts
    // afresh rather than keep a reduction computed around garbage.
    if (const int bad = scrubNonFinite(out, 2 * frames); bad > 0) {
        m_limiter.reset();
        m_nonFiniteSamples.fetch_add(std::uint64_t(bad), std::memory_order_relaxed);
    }
    LimiterReport limited;
    if (m_settings.limiter) {
        limited = m_limiter.process(out, frames);
    } else {
        m_limiter.reset();
        limited = Limiter::measure(out, frames);
    }
    m_framesOver.fetch_add(std::uint64_t(limited.overFrames), std::memory_order_relaxed);
    m_framesLimited.fetch_add(std::uint64_t(limited.limitedFrames), std::memory_order_relaxed);
    publishPosition(out, frames, limited);
    m_framesProcessed.fetch_add(std::uint64_t(frames), std::memory_order_relaxed);
    m_framesRendered.store(m_frame, std::memory_order_release);
}

void Engine::publishPosition(const float* out, int frames, const LimiterReport& limited)
{
    PositionEvent e;
    e.inputPeakLeft = limited.inputPeakLeft;
    e.inputPeakRight = limited.inputPeakRight;
    e.overFrames = limited.overFrames;
    e.gainReductionDb = limited.minGain < 1.0f ? -toDb(limited.minGain) : 0.0f;
    e.overFramesTotal = m_framesOver.load(std::memory_order_relaxed);
    float pl = 0.0f, pr = 0.0f;
    for (int i = 0; i < frames; ++i) {
        pl = std::max(pl, std::abs(out[2 * i]));
        pr = std::max(pr, std::abs(out[2 * i + 1]));
    }
    e.frame = m_frame;
    e.playing = m_playing;
    e.countIn = m_countInLeft > 0;
    e.peakLeft = pl;
    e.peakRight = pr;
    e.voices = m_voices.sounding();
    e.loop = m_loopCount;
    e.queued = m_queueCount;
    if (m_pattern) {
        const Pattern& p = *m_pattern->pattern;
        e.patternId = p.id;
        e.step = double(m_pos) / m_framesPerStep;
        e.steps = p.steps;
        e.stepsPerBeat = p.stepsPerBeat;
        const int perBar = std::max(1, p.stepsPerBar());
        e.bar = int(e.step) / perBar;
        e.beat = int((e.step - double(e.bar * perBar)) / m_beatSteps);
    }
    m_positions.push(e);  // dropped when the UI is not draining: it only wants the latest
}

} // namespace gs
