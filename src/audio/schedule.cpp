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
    // Insertion sort: in place, no allocation, and the input is nearly sorted.
    for (int i = 1; i < count; ++i) {
        const ScheduledHit item = out[i];
        int j = i - 1;
        while (j >= 0 && out[j].frame > item.frame) {
            out[j + 1] = out[j];
            --j;
        }
        out[j + 1] = item;
    }
    return count;
}

} // namespace gs
