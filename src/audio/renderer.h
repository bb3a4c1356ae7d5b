#pragma once
// Offline rendering: drives the very same Engine::process() block by block
// into memory, then (optionally) into a WAV or FLAC file. Normal threads only;
// the renderer is the engine's control and audio thread at once.
#include "audiofile.h"
#include "core/error.h"
#include "engine.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct RenderOptions {
    double sampleRate = 48000.0;
    int blockSize = 256;  // frames per process() call (1..8192)
    int loops = 1;  // the whole sequence of patterns, this many times
    double tailSeconds = 2.0;  // at most this much after the music for decays (ends early at silence)
    // A file that loops seamlessly: the music's length exactly, taken from the middle of three passes,
    // so it starts with the previous pass's ringing and late hits and ends with the next pass's early
    // hits, as the loop sounds when it repeats. No tail and no count-in.
    bool seamlessLoop = false;
    EngineSettings settings;
    // Called before every block with the engine and the frame the block starts at (tests use it;
    // the renderer drains the engine's position events itself).
    std::function<void(Engine&, std::int64_t)> beforeBlock;
};

struct RenderResult {
    std::vector<float> audio;  // stereo interleaved (empty when streamed to a sink)
    std::int64_t frames = 0;  // audio.size() / 2
    std::int64_t musicFrames = 0;  // without the tail
    double sampleRate = 48000.0;
    double renderSeconds = 0.0;  // wall time of the process() calls
    std::uint64_t hitsPlayed = 0;  // started in the frames returned
    std::uint64_t hitsSilent = 0;
    int maxVoices = 0;  // most voices sounding at the end of a block
    // The master limiter's work in the frames returned (see EngineStats).
    std::uint64_t framesOver = 0;  // would have clipped without it
    std::uint64_t framesLimited = 0;
    std::uint64_t nonFiniteSamples = 0;
    float peakBeforeLimiter = 0.0f;
    double seconds() const { return double(frames) / sampleRate; }
    double realtimeFactor() const { return renderSeconds > 0.0 ? seconds() / renderSeconds : 0.0; }
};

class Renderer {
public:
    explicit Renderer(RenderOptions options = {});

    // Plays `patterns` one after another (a path), `loops` times, on `kit`
    // (loaded at options.sampleRate). Errors: no patterns, a kit at another rate.
    Result<RenderResult> render(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                std::shared_ptr<const Kit> kit);

    // The same, streamed: each block goes to `sink` as it is rendered (the tail once it has ended at
    // silence) and result.audio stays empty, so any length fits in little memory. A sink error stops
    // the render and is returned.
    using AudioSink = std::function<Status(const float* interleavedStereo, std::int64_t frames)>;
    Result<RenderResult> render(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                std::shared_ptr<const Kit> kit, const AudioSink& sink);

    // The frames the music (without tail) lasts.
    std::int64_t musicFrames(const std::vector<std::shared_ptr<const Pattern>>& patterns) const;

private:
    Result<RenderResult> run(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                             std::shared_ptr<const Kit> kit, const AudioSink* sink);

    RenderOptions m_options;
};

} // namespace gs
