#pragma once
// The output without a device: its own thread calls the callback period by
// period at real-time pace (as a sound card would, into a buffer nobody hears),
// so the sequencer, the playhead and the position reports keep going
// ("No audio device — playing silently"). After a stall (a suspended machine,
// a starved thread) it goes on from now, as a sound card does, instead of
// catching up in a burst.
// Threads: see audiodriver.h; the audio thread is named "gs-audio-null".
#include "audiodriver.h"

#include <atomic>
#include <thread>
#include <vector>

namespace gs {

class NullDriver : public AudioDriver {
public:
    // The longest the pacing thread falls behind before it gives up catching up (a sound card's "xrun").
    static constexpr double kStallSeconds = 0.1;

    NullDriver() = default;
    ~NullDriver() override;

    // Always succeeds: any rate (8 kHz..192 kHz, 0 = 48 kHz) and period (16..8192 frames, 0 = 256).
    Status open(const AudioStreamOptions& options) override;
    Status start() override;
    void stop() override;
    void close() override;

    bool isOpen() const override { return !m_buffer.empty(); }
    bool isRunning() const override { return m_thread.joinable(); }
    std::string name() const override { return "null"; }
    std::string displayName() const override { return "no audio device"; }
    std::string errorDescription() const override;

    // Any thread: periods called back since start(), and stalls that were skipped rather than caught up.
    std::uint64_t periods() const { return m_periods.load(std::memory_order_relaxed); }
    std::uint64_t stalls() const { return m_stalls.load(std::memory_order_relaxed); }

private:
    void run();  // the audio thread

    std::vector<float> m_buffer;  // 2 * period floats, allocated by open()
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_threw{false};  // the callback threw: the thread ended (reported by errorDescription())
    std::atomic<std::uint64_t> m_periods{0};
    std::atomic<std::uint64_t> m_stalls{0};
};

} // namespace gs
