#pragma once
// The browser's statistics over a chosen set of dataset windows: windows per
// style, hits per voice, mean velocity per voice x step (the heat map the
// Groove Transformer work plots) and a micro-timing histogram. Plain data,
// computed on a worker thread by DatasetStatsModel.
#include "core/grid.h"

#include <string>
#include <utility>
#include <vector>

namespace gs {

class Dataset;

struct DatasetStatsFigures {
    int windows = 0;
    long hits = 0;
    std::vector<std::pair<std::string, int>> windowsPerStyle;  // most windows first; "" -> "unknown"
    std::vector<long> hitsPerVoice;
    // Heat map over the windows on the most common grid (others have other step counts).
    Grid heatGrid;
    int heatSteps = 0;
    int heatWindows = 0;
    std::vector<double> velocitySum;  // [voice * heatSteps + step]
    std::vector<long> hitCount;  // same layout
    // Offsets in steps (-0.5 = half a step early .. 0.5 = half a step late), equal bins.
    std::vector<long> offsetHistogram;

    double meanVelocity(int voice, int step) const;  // -1 when the cell has no hits

    // `windows` are indices into dataset.windows(); out-of-range indices are skipped.
    static DatasetStatsFigures compute(const Dataset& dataset, const std::vector<int>& windows, int offsetBins = 20);
};

} // namespace gs
