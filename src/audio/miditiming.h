#pragma once
// When a MIDI message the engine produced at frame F is due on the steady
// clock, for the MIDI sender. The sound card's clock is not ours (100 ppm off
// is common: 8.6 s a day), so F is never mapped through the nominal rate from
// one anchor: each time the engine's rendered-frame count moves on, the pair
// (frames, now) is observed, and F maps through the FrameClock's sliding
// window of the earliest such sightings. The mapping follows the card both
// ways (a card running fast or slow) and re-anchors by itself after a
// re-prepare (the count going back). One thread: the MIDI sender's.
#include "frameclock.h"

#include <cstdint>

namespace gs {

class MidiTiming {
public:
    // The engine had rendered `framesRendered` frames (Engine::framesRendered) at `seconds`.
    void observe(std::int64_t framesRendered, double rate, double seconds);
    // When a message at `frame` is due (the moment the engine rendered it, plus `latencySeconds`);
    // `nowSeconds` before any observation.
    double dueSeconds(std::int64_t frame, double rate, double latencySeconds, double nowSeconds) const;
    bool valid() const { return m_clock.valid(); }

private:
    FrameClock m_clock;
    std::int64_t m_lastFrames = -1;
};

} // namespace gs
