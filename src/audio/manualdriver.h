#pragma once
// The output without a thread: the owner calls run(frames) and the callback
// runs on the owner's thread, period by period, right away (tests, and
// driving the engine offline faster than real time).
// Threads: the owner's thread is both the control and the audio thread.
#include "audiodriver.h"

#include <cstdint>
#include <vector>

namespace gs {

class ManualDriver : public AudioDriver {
public:
    ManualDriver() = default;
    ~ManualDriver() override { close(); }

    // Always succeeds: any rate (0 = 48 kHz) and period (1..8192 frames, 0 = 256).
    Status open(const AudioStreamOptions& options) override;
    Status start() override;
    void stop() override { m_running = false; }
    void close() override;

    bool isOpen() const override { return m_periodFrames > 0; }
    bool isRunning() const override { return m_running; }
    std::string name() const override { return "manual"; }
    std::string displayName() const override { return "manual driver"; }

    // Calls the callback for `frames` frames in periods (the last one shorter); returns the frames rendered,
    // 0 unless started. With `out` (2 * frames floats) the callback writes straight into it; without, into
    // the driver's own period buffer (lastPeriod()). Never allocates.
    std::int64_t run(std::int64_t frames, float* out = nullptr);
    // The buffer the last run() without `out` rendered its last period into (2 * periodFrames() floats).
    const std::vector<float>& lastPeriod() const { return m_buffer; }
    // Frames rendered since start().
    std::int64_t framesRendered() const { return m_frames; }

private:
    std::vector<float> m_buffer;
    std::int64_t m_frames = 0;
    bool m_running = false;
};

} // namespace gs
