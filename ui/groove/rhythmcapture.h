#pragma once
// The input rhythm of the Groove panel, caught pass by pass while the loop plays.
// A tap (mouse, key or MIDI note) arrives with its place on the engine's running
// step count; it lands on the nearest step of its pass, its distance from that step
// kept as micro-timing. A pass is one loop of the input grid (two bars), and a tap
// belongs to the pass whose quantised step it falls on: a tap half a step or less
// before a loop's start is that next pass's first step, played early. So a pass is
// complete, and can be answered, half a step before its loop ends. Plain C++.
#include "core/groove.h"

#include <cstdint>

namespace gs {

class RhythmCapture {
public:
    // `grid` is the accompanist's (one voice is kept: the monotonic groove).
    explicit RhythmCapture(const Grid& grid);

    const Grid& grid() const { return m_grid; }
    int steps() const { return m_grid.steps(); }

    // Which pass a tap at `globalStep` (steps since the engine started, fractional) belongs to.
    std::int64_t passOf(double globalStep) const;
    // Where (in global steps) `pass` is complete: half a step before its end.
    double closesAt(std::int64_t pass) const;

    // A tap at `globalStep` with velocity 0..1. Taps of a later pass than the one open close it first
    // (the caller should have closed it on time; this keeps nothing from being mixed). Taps of a pass
    // already closed are dropped (false).
    bool tap(double globalStep, float velocity);
    // Ends the open pass: it becomes last() (also when it caught nothing: hasInput() says so) and
    // the next pass opens. Returns the closed pass's number.
    std::int64_t close();
    // Starts over at `pass` (the transport started or jumped): the open pass is dropped.
    void restart(std::int64_t pass);

    std::int64_t openPass() const { return m_pass; }
    const Groove& open() const { return m_open; }  // the pass being caught
    const Groove& last() const { return m_last; }  // the last closed pass
    bool lastHasInput() const { return m_last.hitCount() > 0; }

private:
    Grid m_grid;
    std::int64_t m_pass = 0;
    Groove m_open;
    Groove m_last;
};

} // namespace gs
