#pragma once
// Where a pattern's hits fall in time: pure functions the engine calls on the
// audio thread (no allocation: the caller owns the output array).
//
// A hit on step s with offset o sounds at
//   frame = round((swing(s) + humanize * o / 2) * framesPerStep)
// where swing() moves each off-beat of the swing grid (8ths or 16ths) to
// PCT% of its pair, stretching the steps in between linearly. Frames are
// folded into the loop [0, loopFrames): an early hit on step 0 plays at the
// loop's end (wrap -1, before the next loop's first beat), a late hit past the
// end plays at the loop's start (wrap +1).
#include "enginesettings.h"
#include "pattern.h"

#include <cstdint>

namespace gs {

struct ScheduledHit {
    std::int64_t frame = 0;  // in the loop
    int voice = 0;
    float velocity = 0.0f;
    int wrap = 0;  // -1: belongs to the next loop's start; +1: belongs to the previous loop's end
    int step = 0;  // the grid step the hit belongs to (whatever its frame)
    // Its frame counted from this loop's start: before 0 or past the loop's end when wrapped.
    std::int64_t unfolded(std::int64_t loopFrames) const { return frame + std::int64_t(wrap) * loopFrames; }
};

double framesPerStep(double sampleRate, double bpm, int stepsPerBeat);
std::int64_t loopFrames(const Pattern& pattern, double sampleRate, double bpm);
// A straight-grid step position moved by swing (percent 50..75, grid 8 or 16).
double swingStep(double step, int stepsPerBeat, int swingGrid, double swingPercent);
// Fills `out` (capacity >= pattern.hits.size()) sorted by frame; returns the count.
int buildSchedule(const Pattern& pattern, const EngineSettings& settings, double sampleRate, ScheduledHit* out,
                  int capacity);

} // namespace gs
