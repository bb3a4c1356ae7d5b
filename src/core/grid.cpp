#include "grid.h"

namespace gs {

bool Meter::valid() const
{
    const bool powerOfTwo = denominator == 1 || denominator == 2 || denominator == 4 || denominator == 8
        || denominator == 16;
    return numerator >= 1 && numerator <= 32 && powerOfTwo;
}

bool Grid::valid() const
{
    const bool barsOk = bars >= 1 && bars <= 16;
    const bool stepsOk = stepsPerBeat == 1 || stepsPerBeat == 2 || stepsPerBeat == 3 || stepsPerBeat == 4
        || stepsPerBeat == 6 || stepsPerBeat == 8 || stepsPerBeat == 12 || stepsPerBeat == 24;
    // A bar must hold a whole number of steps (7/8 at 2 steps per beat would not).
    return barsOk && stepsOk && meter.valid() && (meter.sixteenthsPerBar() * stepsPerBeat) % 4 == 0;
}

} // namespace gs
