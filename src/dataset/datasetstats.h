#pragma once
// What is in a dataset, for the CLI, the import view and sanity checks:
// windows per style, hits per voice, velocity and offset histograms,
// density per window and the notes no voice took.
#include "dataset.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

struct DatasetStats {
    static constexpr int kVelocityBins = 8;  // 0..1 in eighths
    static constexpr int kOffsetBins = 8;  // -1..1 in quarters of a half step

    std::map<std::string, int> windowsPerStyle;  // "" (unknown style) is listed as "unknown"
    std::map<std::string, int> filesPerStyle;  // imported files (status ok) only
    std::vector<long> hitsPerVoice;
    std::vector<std::vector<long>> velocityHistogram;  // [voice][bin]
    std::vector<long> offsetHistogram;  // all voices
    std::vector<float> density;  // per window: hits / (steps * voices)
    double meanDensity = 0.0;
    std::map<int, long> unmappedNotes;  // note -> count over every file

    static DatasetStats compute(const Dataset& dataset);
};

} // namespace gs
