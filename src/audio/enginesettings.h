#pragma once
// Transport and mixer settings: a plain value copied whole into the engine
// through a FIFO (Engine::setSettings), so the audio thread never sees a
// half-changed setting.
#include <array>

namespace gs {

// Per groove voice (index = the pattern's voice).
struct VoiceMix {
    float gain = 1.0f;  // linear
    float pan = 0.0f;  // -1..1, added to the kit instrument's pan
    float tune = 0.0f;  // semitones, added to the instrument's tune
    bool mute = false;
    bool solo = false;  // when any voice is solo, only solo voices sound
};

struct EngineSettings {
    double bpm = 120.0;  // 30..300
    double swingPercent = 50.0;  // 50 (straight)..75; 66.7 = triplet feel
    int swingGrid = 8;  // 8 or 16: the grid whose off-beats swing
    double humanize = 1.0;  // 0..1 scale of the groove's micro-timing offsets (0 = straight grid)
    float velocityScale = 1.0f;  // multiplies every hit's velocity (clamped to 1)
    float velocityCurve = 1.5f;  // gain = velocity ^ curve
    float masterGain = 0.7f;
    bool limiter = true;  // the master limiter; off only to measure what it does (tests, benches)
    int polyphony = 64;  // sounding voices (1..128); more steal the oldest quietest
    float chokeFadeMs = 5.0f;  // fade of choked and stolen voices
    bool metronome = false;
    float metronomeGain = 0.5f;
    int countInBars = 0;  // bars of click before the pattern starts (on start())
    bool midiOut = false;  // produce MIDI notes (Engine::popMidi)
    bool midiClock = false;  // produce MIDI clock (24 ppqn) and start/stop
    int midiChannel = 9;  // 0-based (9 = channel 10)
    float midiNoteMs = 50.0f;  // note-off after this long
    std::array<VoiceMix, 64> mix{};  // one per groove voice: as many as Pattern::kMaxVoices

    // The same settings with every number forced into its range.
    EngineSettings clamped() const;
};

} // namespace gs
