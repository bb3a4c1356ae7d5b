#pragma once
// The SoundFont 2 volume envelope (delay, attack, hold, decay, sustain,
// release) of a drum zone, baked into its sample when the kit loads: the
// sampler plays one-shots, so shaping the data once keeps the audio path as it
// is (no per-voice envelope state, nothing allocated, the same voice code for
// every format). The note is taken to end kNoteSeconds after it starts, the
// length our MIDI out gives its notes: what a SoundFont player sounds like when
// Groovescape drives it. Normal threads only (the kit loader).
#include "kit.h"

#include <memory>

namespace gs {

struct VolumeEnvelope {
    double delay = 0.0;  // seconds of silence before the attack
    double attack = 0.0;  // seconds to rise (linear in amplitude) to full level
    double hold = 0.0;  // seconds at full level
    double decay = 0.0;  // seconds a fall of 100 dB takes; it stops at the sustain level
    double sustainDb = 0.0;  // the sustain level, dB below full (0..144)
    double release = 0.0;  // seconds a fall of 100 dB takes once the note has ended
    static constexpr double kNoteSeconds = 0.05;

    // From SF2 generator values (timecents; sustain in centibels), as the spec reads them.
    static VolumeEnvelope fromGenerators(int delayTc, int attackTc, int holdTc, int decayTc, int sustainCb, int releaseTc);
    // Amplitude (0..1) `t` seconds after the note starts.
    double gainAt(double t) const;
    bool operator<(const VolumeEnvelope& o) const;
};

// `in` with the envelope applied (times at `in`'s own rate, `sampleRate`), cut where the envelope
// has fallen 100 dB; `in` itself when the envelope changes it by less than 0.01 dB anywhere.
std::shared_ptr<const SampleData> shapeSample(const std::shared_ptr<const SampleData>& in, const VolumeEnvelope& envelope,
                                              double sampleRate);

} // namespace gs
