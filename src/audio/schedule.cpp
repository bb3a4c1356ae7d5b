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

namespace {

// The schedule's order: by frame, then by the pattern's order (step, then voice), as a stable sort of
// the pattern's hits by frame would give: which of two hi-hats on one frame chokes the other must not
// depend on how the sort went.
bool earlier(const ScheduledHit& a, const ScheduledHit& b)
{
    if (a.frame != b.frame)
        return a.frame < b.frame;
    if (a.step != b.step)
        return a.step < b.step;
    return a.voice < b.voice;
}

// Insertion sort: linear on the nearly sorted array buildSchedule() makes, in place, no allocation. Hits
// not given in step order would make it quadratic (8,192 hits: 19 ms on the audio thread), so past a
// budget of moves std::sort (O(n log n), in place, allocation-free; std::stable_sort may allocate)
// finishes the job, in the same order.
void sortSchedule(ScheduledHit* out, int count)
{
    long budget = 8L * count + 256;
    for (int i = 1; i < count; ++i) {
        const ScheduledHit item = out[i];
        int j = i - 1;
        while (j >= 0 && earlier(item, out[j])) {
            out[j + 1] = out[j];
            --j;
            if (--budget < 0) {
                out[j + 1] = item;
                std::sort(out, out + count, earlier);
                return;
            }
        }
        out[j + 1] = item;
    }
}

} // namespace

int buildSchedule(const Pattern& pattern, const EngineSettings& settings, double sampleRate, ScheduledHit* out,
                  int capacity)
{
    const double fps = framesPerStep(sampleRate, settings.bpm, pattern.stepsPerBeat);
    const std::int64_t loop = loopFrames(pattern, sampleRate, settings.bpm);
    const int count = std::min(std::max(capacity, 0), int(pattern.hits.size()));
    // Early hits wrapped to the loop's end (from its first step, played before the next loop's start)
    // are filled in from the back, the rest from the front: micro-timing then moves a hit by less than a
    // step and the array is nearly sorted. (Hits wrapped the other way, rarer, cost the sort more.)
    int front = 0, back = count;
    for (int i = 0; i < count; ++i) {
        const PatternHit& hit = pattern.hits[std::size_t(i)];
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
        const ScheduledHit h{std::clamp<std::int64_t>(frame, 0, loop - 1), hit.voice, hit.velocity, wrap, hit.step};
        out[wrap < 0 ? --back : front++] = h;
    }
    std::reverse(out + back, out + count);  // back in the pattern's order
    sortSchedule(out, count);
    return count;
}

} // namespace gs
