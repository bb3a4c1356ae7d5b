#include "renderer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace gs {

Renderer::Renderer(RenderOptions options) : m_options(std::move(options))
{
    m_options.blockSize = std::clamp(m_options.blockSize, 1, 8192);
    m_options.loops = std::max(1, m_options.loops);
    m_options.tailSeconds = std::clamp(std::isfinite(m_options.tailSeconds) ? m_options.tailSeconds : 2.0, 0.0, 60.0);
    m_options.settings = m_options.settings.clamped();
    if (m_options.seamlessLoop) {
        m_options.tailSeconds = 0.0;
        m_options.settings.countInBars = 0;
    }
}

std::int64_t Renderer::musicFrames(const std::vector<std::shared_ptr<const Pattern>>& patterns) const
{
    std::int64_t frames = 0;
    for (const auto& p : patterns)
        frames += loopFrames(*p, m_options.sampleRate, m_options.settings.bpm);
    const auto& s = m_options.settings;
    std::int64_t countIn = 0;
    if (!patterns.empty() && s.countInBars > 0) {
        const Pattern& first = *patterns.front();
        const double quarters = double(s.countInBars) * first.meter.numerator * 4.0 / first.meter.denominator;
        countIn = std::llround(quarters * first.stepsPerBeat * framesPerStep(m_options.sampleRate, s.bpm, first.stepsPerBeat));
    }
    return frames * m_options.loops + countIn;
}

Result<RenderResult> Renderer::render(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                      std::shared_ptr<const Kit> kit)
{
    return run(patterns, std::move(kit), nullptr);
}

Result<RenderResult> Renderer::render(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                      std::shared_ptr<const Kit> kit, const AudioSink& sink)
{
    return run(patterns, std::move(kit), &sink);
}

Result<RenderResult> Renderer::run(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                   std::shared_ptr<const Kit> kit, const AudioSink* sink)
{
    if (patterns.empty())
        return Error{"", "nothing to render: no grooves"};
    for (const auto& p : patterns)
        if (!p)
            return Error{"", "nothing to render: an empty pattern"};
    if (!kit)
        return Error{"", "no kit"};
    if (std::abs(kit->sampleRate() - m_options.sampleRate) > 1e-6)
        return Error{kit->folder(), "kit was loaded at " + std::to_string(int(kit->sampleRate())) +
                                        " Hz, the render runs at " + std::to_string(int(m_options.sampleRate)) + " Hz"};
    const std::int64_t music = musicFrames(patterns);
    const std::int64_t tail = std::llround(m_options.tailSeconds * m_options.sampleRate);
    if (music + tail > std::int64_t(1) << 34)
        return Error{"", "render too long"};
    // A seamless loop plays the music three times and keeps the middle pass.
    const int passes = m_options.seamlessLoop ? 3 : 1;
    const std::int64_t skip = m_options.seamlessLoop ? music : 0;

    Engine engine;
    engine.prepare(m_options.sampleRate);
    engine.setSettings(m_options.settings);
    engine.setKit(kit);

    // The sequence: every pattern `loops` times in order, then an empty groove,
    // so that nothing past the end plays (an early first hit of another loop).
    std::vector<std::shared_ptr<const Pattern>> sequence;
    std::vector<std::int64_t> startFrame;  // when each entry begins (count-in excluded)
    std::int64_t at = 0;
    for (int l = 0; l < m_options.loops * passes; ++l)
        for (const auto& p : patterns) {
            sequence.push_back(p);
            startFrame.push_back(at);
            at += loopFrames(*p, m_options.sampleRate, m_options.settings.bpm);
        }
    auto silence = std::make_shared<Pattern>(*patterns.back());
    silence->hits.clear();
    sequence.push_back(silence);
    startFrame.push_back(at);
    engine.setPattern(sequence.front(), PatternChange::Immediate);
    std::size_t pushed = 1;
    engine.start();

    RenderResult result;
    result.sampleRate = m_options.sampleRate;
    result.musicFrames = music;
    // Kept in result.audio: everything, or (streaming) only the tail, which must end before it is known.
    const std::int64_t streamed = sink ? music : 0;
    result.audio.assign(std::size_t(music + tail - streamed) * 2, 0.0f);
    // One block: the seamless loop's first pass (not kept) or a streamed block.
    std::vector<float> scratch(std::size_t(skip > 0 || sink ? m_options.blockSize : 0) * 2);
    EngineStats before;
    const int block = m_options.blockSize;
    std::int64_t frame = -skip;  // frames before 0 are the seamless loop's first pass
    double seconds = 0.0;
    bool stopped = false;
    PositionEvent position;
    int sounding = 1;
    while (frame < music + tail) {
        // Keep the engine's queue fed, never far ahead (its capacity is bounded).
        const auto started =
            std::size_t(std::upper_bound(startFrame.begin(), startFrame.end(), frame + skip) - startFrame.begin());
        while (pushed < sequence.size() && pushed < started + 256) {
            if (!engine.setPattern(sequence[pushed], PatternChange::Queue))
                break;
            ++pushed;
        }
        if (!stopped && frame >= music) {
            engine.stop();
            stopped = true;
        }
        if (stopped && sounding == 0)
            break;
        if (m_options.beforeBlock)
            m_options.beforeBlock(engine, frame);
        std::int64_t n = std::min<std::int64_t>(block, music + tail - frame);
        if (!stopped)
            n = std::min(n, music - frame);  // the music ends on a block boundary
        if (frame < 0)
            n = std::min(n, -frame);  // so does the seamless loop's first pass
        if (frame == 0)
            before = engine.stats();
        const bool toSink = sink && frame >= 0 && frame < streamed;  // blocks never straddle the music's end
        float* out = frame < 0 || toSink ? scratch.data() : result.audio.data() + 2 * (frame - streamed);
        const auto t0 = std::chrono::steady_clock::now();
        engine.process(out, int(n));
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        while (engine.popPosition(position)) {
            sounding = position.voices;
            result.maxVoices = std::max(result.maxVoices, sounding);
            if (frame >= 0)
                result.peakBeforeLimiter =
                    std::max({result.peakBeforeLimiter, position.inputPeakLeft, position.inputPeakRight});
        }
        if (toSink)
            if (Status sent = (*sink)(out, n); !sent)
                return sent.error();
        frame += n;
    }
    // The tail ends at the last sound, whatever the block size.
    std::int64_t end = frame;
    const auto index = [&](std::int64_t f) { return std::size_t(f - streamed) * 2; };
    while (end > music && result.audio[index(end) - 1] == 0.0f && result.audio[index(end) - 2] == 0.0f)
        --end;
    result.frames = end;
    result.audio.resize(index(end));
    if (sink) {
        if (Status sent = (*sink)(result.audio.data(), end - music); !sent)
            return sent.error();
        result.audio.clear();
    }
    result.renderSeconds = seconds;
    const EngineStats stats = engine.stats();
    result.hitsPlayed = stats.hitsPlayed - before.hitsPlayed;
    result.hitsSilent = stats.hitsSilent - before.hitsSilent;
    result.framesOver = stats.framesOver - before.framesOver;
    result.framesLimited = stats.framesLimited - before.framesLimited;
    result.nonFiniteSamples = stats.nonFiniteSamples - before.nonFiniteSamples;
    return result;
}

} // namespace gs
