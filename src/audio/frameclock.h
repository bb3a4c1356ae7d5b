#pragma once
// When did the engine render frame N, on the steady clock the MIDI input uses?
// The GUI thread sees each position report some time after the audio thread
// published it (a block later, a timer tick later); the smallest lag seen over
// the last four seconds is the publishing time itself. A sliding window,
// not the smallest ever, so a sound card whose clock runs a little off ours
// (tens of parts per million) is followed. GUI thread only.
#include <array>
#include <cstdint>

namespace gs {

class FrameClock {
public:
    static constexpr int kWindow = 128;  // observations (about four seconds at the 30 Hz drain)

    // `frame` (frames since Engine::prepare, at `rate`) was seen at `seconds`.
    void observe(std::int64_t frame, double rate, double seconds);
    // When `frame` was rendered; 0 before any observation.
    double secondsAt(std::int64_t frame, double rate) const;
    bool valid() const { return m_count > 0; }
    void reset()
    {
        m_count = 0;
        m_head = 0;  // the window restarts at slot 0: secondsAt() reads slots 0..count-1
    }

private:
    std::array<double, kWindow> m_lags{};  // seconds - frame / rate
    int m_head = 0;
    int m_count = 0;
};

} // namespace gs
