#pragma once
// How follow mode and A/B choose the z the accompanist decodes, kept apart from
// threads and Qt so it can be checked number by number:
//  - memory: the mean of the last N passes' encodings (N = 1: the last pass alone),
//    so one odd loop does not swing the drums;
//  - follow amount: how far the new z moves from the one playing (1: all the way,
//    0: the drums stay), as GrooveTransformer's "follow" blends generations;
//  - A/B: a straight line between two stored latents, by hand or by an oscillation
//    whose phase counts loops (0.5 - 0.5 cos: it rests at A and at B a moment).
#include "latent/interpolation.h"

#include <cstddef>
#include <deque>

namespace gs {

class LatentMemory {
public:
    // Keeps the last `loops` encodings (at least 1, at most 16).
    void setLoops(int loops);
    int loops() const { return m_loops; }
    void push(const LatentVector& z);
    void clear() { m_history.clear(); }
    bool empty() const { return m_history.empty(); }
    std::size_t size() const { return m_history.size(); }
    // The mean of what is kept (empty when nothing is).
    LatentVector mean() const;

private:
    int m_loops = 1;
    std::deque<LatentVector> m_history;
};

// `current` moved towards `target` by `amount` (0..1); `target` when `current` is empty or of another size.
LatentVector follow(const LatentVector& current, const LatentVector& target, float amount);

// The A/B crossfade position (0 = A, 1 = B) of an oscillation of `cyclesPerLoop` after `loops` loops.
float oscillation(double loops, double cyclesPerLoop);

} // namespace gs
