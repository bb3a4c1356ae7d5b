#include "browser/datasetstatsfigures.h"

#include "dataset/dataset.h"

#include <algorithm>
#include <map>

namespace gs {

double DatasetStatsFigures::meanVelocity(int voice, int step) const
{
    const std::size_t i = std::size_t(voice) * std::size_t(heatSteps) + std::size_t(step);
    return i < hitCount.size() && hitCount[i] > 0 ? velocitySum[i] / double(hitCount[i]) : -1.0;
}

DatasetStatsFigures DatasetStatsFigures::compute(const Dataset& dataset, const std::vector<int>& windows, int offsetBins)
{
    DatasetStatsFigures f;
    const int voices = dataset.voiceCount();
    f.hitsPerVoice.assign(std::size_t(voices), 0);
    f.offsetHistogram.assign(std::size_t(std::max(1, offsetBins)), 0);

    // The heat map's grid: the one most of these windows use.
    std::vector<std::pair<Grid, int>> grids;
    for (int index : windows) {
        if (index < 0 || index >= dataset.windowCount())
            continue;
        const Grid& g = dataset.windows()[std::size_t(index)].groove.grid();
        auto it = std::find_if(grids.begin(), grids.end(), [&](const auto& c) { return c.first == g; });
        if (it == grids.end())
            grids.emplace_back(g, 1);
        else
            ++it->second;
    }
    if (!grids.empty()) {
        f.heatGrid = std::max_element(grids.begin(), grids.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; })->first;
        f.heatSteps = f.heatGrid.steps();
    }
    f.velocitySum.assign(std::size_t(voices) * std::size_t(f.heatSteps), 0.0);
    f.hitCount.assign(f.velocitySum.size(), 0);

    std::map<std::string, int> styles;
    const int bins = int(f.offsetHistogram.size());
    for (int index : windows) {
        if (index < 0 || index >= dataset.windowCount())
            continue;
        const DatasetWindow& w = dataset.windows()[std::size_t(index)];
        ++f.windows;
        ++styles[w.style.empty() ? "unknown" : w.style];
        const Groove& g = w.groove;
        const bool onHeatGrid = g.grid() == f.heatGrid;
        f.heatWindows += onHeatGrid;
        for (int step = 0; step < g.steps(); ++step) {
            for (int v = 0; v < g.voices() && v < voices; ++v) {
                if (!g.hit(step, v))
                    continue;
                ++f.hits;
                ++f.hitsPerVoice[std::size_t(v)];
                // Groove offsets run -1..1 for half a step early..late: in steps that is -0.5..0.5.
                const double inSteps = 0.5 * double(g.offset(step, v));
                f.offsetHistogram[std::size_t(std::clamp(int((inSteps + 0.5) * bins), 0, bins - 1))] += 1;
                if (onHeatGrid) {
                    const std::size_t cell = std::size_t(v) * std::size_t(f.heatSteps) + std::size_t(step);
                    f.velocitySum[cell] += double(g.velocity(step, v));
                    ++f.hitCount[cell];
                }
            }
        }
    }
    f.windowsPerStyle.assign(styles.begin(), styles.end());
    std::stable_sort(f.windowsPerStyle.begin(), f.windowsPerStyle.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    return f;
}

} // namespace gs
