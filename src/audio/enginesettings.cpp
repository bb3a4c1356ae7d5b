#include "enginesettings.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
double finiteOr(double v, double fallback) { return std::isfinite(v) ? v : fallback; }
float finiteOr(float v, float fallback) { return std::isfinite(v) ? v : fallback; }
} // namespace

EngineSettings EngineSettings::clamped() const
{
    EngineSettings s = *this;
    s.bpm = std::clamp(finiteOr(bpm, 120.0), 30.0, 300.0);
    s.swingPercent = std::clamp(finiteOr(swingPercent, 50.0), 50.0, 75.0);
    s.swingGrid = swingGrid == 16 ? 16 : 8;
    s.humanize = std::clamp(finiteOr(humanize, 1.0), 0.0, 1.0);
    s.velocityScale = std::clamp(finiteOr(velocityScale, 1.0f), 0.0f, 4.0f);
    s.velocityCurve = std::clamp(finiteOr(velocityCurve, 1.5f), 0.1f, 4.0f);
    s.masterGain = std::clamp(finiteOr(masterGain, 0.7f), 0.0f, 4.0f);
    s.polyphony = std::clamp(polyphony, 1, 128);
    s.chokeFadeMs = std::clamp(finiteOr(chokeFadeMs, 5.0f), 0.5f, 100.0f);
    s.metronomeGain = std::clamp(finiteOr(metronomeGain, 0.5f), 0.0f, 4.0f);
    s.countInBars = std::clamp(countInBars, 0, 8);
    s.midiChannel = std::clamp(midiChannel, 0, 15);
    s.midiNoteMs = std::clamp(finiteOr(midiNoteMs, 50.0f), 1.0f, 2000.0f);
    for (VoiceMix& m : s.mix) {
        m.gain = std::clamp(finiteOr(m.gain, 1.0f), 0.0f, 4.0f);
        m.pan = std::clamp(finiteOr(m.pan, 0.0f), -1.0f, 1.0f);
        m.tune = std::clamp(finiteOr(m.tune, 0.0f), -24.0f, 24.0f);
    }
    return s;
}

} // namespace gs
