#pragma once
// The numbers the papers report, on plain hit masks and grooves: Hamming
// distance, hit precision / recall / F1 with velocity and offset error on true
// hits, and Pearson's r. Torch-free; the Evaluator feeds them decoded output.
#include "core/groove.h"
#include "sampling.h"

#include <cstdint>
#include <vector>

namespace gs {

// Cells that differ between two hit masks of equal size.
int hammingDistance(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);

// Accumulates reconstruction quality over many windows.
class ReconstructionStats {
public:
    // target: the data; hits: the predicted hit mask; velocity/offset: the
    // decoder's planes (read on the target's hits, hit predicted or not).
    void add(const Groove& target, const std::vector<std::uint8_t>& hits, const std::vector<float>& velocity,
             const std::vector<float>& offset);

    double precision() const;  // 0 when nothing was predicted
    double recall() const;  // 0 when the targets have no hits
    double f1() const;
    double velocityMse() const;  // over true hits
    double offsetMse() const;
    long long truePositives() const { return m_tp; }
    long long falsePositives() const { return m_fp; }
    long long falseNegatives() const { return m_fn; }
    int windows() const { return m_windows; }

private:
    long long m_tp = 0, m_fp = 0, m_fn = 0, m_trueHits = 0;
    double m_velocitySe = 0.0, m_offsetSe = 0.0;
    int m_windows = 0;
};

// Pearson's correlation; 0 when either side has no variance or fewer than 2 points.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

} // namespace gs
