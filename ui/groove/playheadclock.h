#pragma once
// Where the engine's playhead is at any moment, from its last report: the step
// reported, when it was rendered (MidiInput::now()'s clock, the clock MIDI notes
// and key taps are stamped with) and the tempo. Counts steps since the transport
// started, across loops, so taps can be placed on passes of another length than
// the playing groove's. Plain C++.
#include <cstdint>

namespace gs {

class PlayheadClock {
public:
    // One report: `step` into a loop of `steps` steps, `loop` loops completed, rendered at `seconds`.
    void report(double step, int steps, std::int64_t loop, int stepsPerBeat, double bpm, double seconds);
    void stop() { m_valid = false; }
    bool valid() const { return m_valid; }

    // Steps since the start at `seconds` (extrapolated from the last report at the tempo).
    double globalStepAt(double seconds) const;
    // When (seconds) the playhead reaches `globalStep`.
    double secondsAt(double globalStep) const;
    double stepsPerSecond() const { return m_stepsPerSecond; }

private:
    bool m_valid = false;
    double m_globalStep = 0.0;
    double m_seconds = 0.0;
    double m_stepsPerSecond = 8.0;
};

} // namespace gs
