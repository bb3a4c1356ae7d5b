#pragma once
// The master limiter: the last stage of Engine::process, so live playback and
// every offline render stay below full scale. A stereo-linked peak limiter
// without look-ahead (no added latency, so onsets stay sample-accurate):
//  - attack is instant: a frame above the ceiling gets exactly the gain that
//    brings it to the ceiling, so no output sample ever exceeds it;
//  - the gain is held for a few milliseconds (a kick's low cycles do not make
//    it flutter), then released exponentially (a musical ~80 ms);
//  - below the ceiling with no reduction pending, samples pass unchanged.
// Threads: prepare() and reset() on the control thread while no thread is in
// process() (or on the audio thread itself, as Engine::process does after a
// non-finite block); process() on the audio thread only: no allocation, no
// lock, no exception. Its input must be finite (the engine scrubs it first).
namespace gs {

// What one process() call saw, for meters and the clip light.
struct LimiterReport {
    float inputPeakLeft = 0.0f;  // before the limiter
    float inputPeakRight = 0.0f;
    int overFrames = 0;  // frames at or above full scale before the limiter: they would have clipped
    int limitedFrames = 0;  // frames turned down by more than kAudibleGain (1 dB): the limiter working hard
    float minGain = 1.0f;  // the strongest reduction (linear gain, 1 = none)
};

class Limiter {
public:
    static constexpr float kCeiling = 0.966f;  // -0.3 dBFS: room for a DAC's or codec's overshoot
    static constexpr double kHoldSeconds = 0.010;
    static constexpr double kReleaseSeconds = 0.080;  // time constant of the release
    static constexpr float kAudibleGain = 0.891f;  // -1 dB: less reduction than this is not counted as limiting

    // Control thread: sizes the hold and release for the rate and resets.
    void prepare(double sampleRate);
    // Forgets any gain reduction.
    void reset();

    // Audio thread: limits `frames` stereo interleaved frames in place.
    LimiterReport process(float* interleaved, int frames);
    // Audio thread: the same report for a signal left as it is (the limiter switched off).
    static LimiterReport measure(const float* interleaved, int frames);

    float gain() const { return float(m_gain); }

private:
    // In double: a float gain creeping back to unity stalls a little below it (its steps round to nothing).
    double m_gain = 1.0;
    int m_holdLeft = 0;
    int m_holdFrames = 480;
    double m_release = 0.0;  // share of the way back to unity gain per frame
};

} // namespace gs
