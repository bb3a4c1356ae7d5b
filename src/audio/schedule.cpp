#include "schedule.h"

#include <algorithm>
#include <cmath>

namespace gs {

double framesPerStep(double sampleRate, double bpm, int stepsPerBeat)
{
    return sampleRate * 60.0 / (bpm * double(std::max(1, stepsPerBeat)));
}

std::int64_t loopFrames(const Pattern& pattern, double sampleRate, double bpm)
{
    return std::max<std::int64_t>(1, std::llround(double(pattern.steps) * framesPerStep(sampleRate, bpm, pattern.stepsPerBeat)));
}

double swingStep(double step, int stepsPerBeat, int swingGrid, double swingPercent)
{
    const double p = std::clamp(swingPercent, 50.0, 75.0) / 100.0;
    if (p == 0.5)
        return step;
    // A pair is two notes of the swing grid: a quarter for 8ths, an 8th for 16ths.
    const double pairSteps = double(stepsPerBeat) * (swingGrid == 16 ? 0.5 : 1.0);
    if (pairSteps <= 0.0)
        return step;
    const double x = step / pairSteps;
    const double pair = std::floor(x);
    const double f = x - pair;
    const double warped = f < 0.5 ? f * 2.0 * p : p + (f - 0.5) * 2.0 * (1.0 - p);
    return (pair + warped) * pairSteps;
}

int buildSchedule(const Pattern& pattern, const EngineSettings& settings, double sampleRate, ScheduledHit* out,
                  int capacity)
{
    const double fps = framesPerStep(sampleRate, settings.bpm, pattern.stepsPerBeat);
    const std::int64_t loop = loopFrames(pattern, sampleRate, settings.bpm);
    int count = 0;
    for (const PatternHit& hit : pattern.hits) {
        if (count >= capacity)
            break;
        const double pos = swingStep(double(hit.step), pattern.stepsPerBeat, settings.swingGrid, settings.swingPercent) +
                           settings.humanize * double(hit.offset) * 0.5;
        std::int64_t frame = std::llround(pos * fps);
        int wrap = 0;
        if (frame < 0) {
            frame += loop;
            wrap = -1;
        } else if (frame >= loop) {
            frame -= loop;
            wrap = 1;
        }
        out[count++] = {std::clamp<std::int64_t>(frame, 0, loop - 1), hit.voice, hit.velocity, wrap, hit.step};
    }
    // std::sort: O(n log n), in place and allocation-free (std::stable_sort may allocate), so it may run
    // on the audio thread for 8,192 hits. Hits on one frame keep the pattern's order (by step, then
    // voice) through the tie-break, as a stable sort would: which of two hi-hats chokes the other
    // must not depend on the sort.
    std::sort(out, out + count, [](const ScheduledHit& a, const ScheduledHit& b) {
        if (a.frame != b.frame)
            return a.frame < b.frame;
        if (a.step != b.step)
            return a.step < b.step;
        return a.voice < b.voice;
    });
    return count;
}

} // namespace gs
