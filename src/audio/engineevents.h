#pragma once
// What the engine reports back from the audio thread, through FIFOs.
#include <cstdint>

namespace gs {

// Sent once per process() call; the UI drains them (Engine::popPosition).
struct PositionEvent {
    std::int64_t frame = 0;  // frames rendered since prepare(), at the block's end
    bool playing = false;
    bool countIn = false;
    double step = 0.0;  // playhead in the loop, in steps
    int steps = 0;  // the playing groove's loop, in steps
    int stepsPerBeat = 0;  // its steps per quarter note
    int bar = 0;  // 0-based bar in the loop
    int beat = 0;  // 0-based beat in the bar
    std::int64_t loop = 0;  // completed loops since start
    std::uint64_t patternId = 0;
    float peakLeft = 0.0f;  // of this block as it is heard (after the master limiter: at most Limiter::kCeiling)
    float peakRight = 0.0f;
    // For the clip light: the mix before the master limiter. overFrames > 0 means this block would
    // have clipped without the limiter; gainReductionDb says how hard the limiter worked.
    float inputPeakLeft = 0.0f;  // of this block before the limiter (may exceed 1)
    float inputPeakRight = 0.0f;
    int overFrames = 0;  // frames at or above full scale before the limiter, in this block
    float gainReductionDb = 0.0f;  // the limiter's strongest reduction in this block (0 = untouched)
    // Since prepare(), never reset by the engine: a held clip light is on while this exceeds the
    // value it had when the musician last cleared the light, so a dropped event cannot hide a clip.
    std::uint64_t overFramesTotal = 0;
    int voices = 0;  // sounding voices
    int queued = 0;  // grooves waiting in the queue
};

// A MIDI message produced by the sequencer (Engine::popMidi).
struct MidiEvent {
    std::int64_t frame = 0;  // when it is due, in frames since prepare()
    std::uint8_t data[3] = {0, 0, 0};
    std::uint8_t size = 0;
};

} // namespace gs
