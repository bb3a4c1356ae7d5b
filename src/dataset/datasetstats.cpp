#include "datasetstats.h"

#include <algorithm>

namespace gs {

namespace {

int bin(float value, float lo, float hi, int bins)
{
    const int b = int((value - lo) / (hi - lo) * float(bins));
    return std::clamp(b, 0, bins - 1);
}

std::string styleKey(const std::string& style)
{
    return style.empty() ? "unknown" : style;
}

} // namespace

DatasetStats DatasetStats::compute(const Dataset& dataset)
{
    DatasetStats s;
    const int voices = dataset.voiceCount();
    s.hitsPerVoice.assign(std::size_t(voices), 0);
    s.velocityHistogram.assign(std::size_t(voices), std::vector<long>(kVelocityBins, 0));
    s.offsetHistogram.assign(kOffsetBins, 0);
    s.density.reserve(dataset.windows().size());
    double densitySum = 0.0;
    for (const DatasetWindow& w : dataset.windows()) {
        ++s.windowsPerStyle[styleKey(w.style)];
        const Groove& g = w.groove;
        for (int step = 0; step < g.steps(); ++step) {
            for (int v = 0; v < g.voices() && v < voices; ++v) {
                if (!g.hit(step, v))
                    continue;
                ++s.hitsPerVoice[std::size_t(v)];
                ++s.velocityHistogram[std::size_t(v)][std::size_t(bin(g.velocity(step, v), 0.0f, 1.0f, kVelocityBins))];
                ++s.offsetHistogram[std::size_t(bin(g.offset(step, v), -1.0f, 1.0f, kOffsetBins))];
            }
        }
        const float d = g.cells() ? float(g.hitCount()) / float(g.cells()) : 0.0f;
        s.density.push_back(d);
        densitySum += d;
    }
    s.meanDensity = s.density.empty() ? 0.0 : densitySum / double(s.density.size());
    for (const FileRecord& f : dataset.files()) {
        if (f.status == FileStatus::Ok)
            ++s.filesPerStyle[styleKey(f.style)];
        for (const auto& [note, count] : f.unmappedNotes)
            s.unmappedNotes[note] += count;
    }
    return s;
}

} // namespace gs
