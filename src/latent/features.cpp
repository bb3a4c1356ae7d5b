#include "features.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

const char* const kCommonNames[] = {"density", "velocity_mean", "offset_mean", "offset_spread", "syncopation",
                                    "level_downbeat", "level_beat", "level_eighth", "level_even_16th",
                                    "level_odd_16th"};

enum class Level { Downbeat, Beat, Eighth, Sixteenth, Finer };

// Where a step sits in the bar's metre; halfBar: the beat that splits a bar of an even beat count in two.
struct StepLevel {
    Level level;
    bool halfBar;
};

StepLevel levelOf(const Grid& grid, int step)
{
    const int perBar = std::max(1, grid.stepsPerBar());
    const int perBeat = std::max(1, grid.stepsPerBeat);
    const int inBar = step % perBar;
    if (inBar == 0)
        return {Level::Downbeat, false};
    const int inBeat = inBar % perBeat;
    if (inBeat == 0) {
        const int beats = perBar / perBeat;
        return {Level::Beat, perBar % perBeat == 0 && beats % 2 == 0 && inBar == perBar / 2};
    }
    if (perBeat % 2 == 0 && inBeat == perBeat / 2)
        return {Level::Eighth, false};
    if (perBeat % 4 == 0 && inBeat % (perBeat / 4) == 0)
        return {Level::Sixteenth, false};
    return {Level::Finer, false};
}

// Longuet-Higgins & Lee's metrical weight (0 strongest).
int metricalWeight(const Grid& grid, int step)
{
    const StepLevel l = levelOf(grid, step);
    switch (l.level) {
    case Level::Downbeat: return 0;
    case Level::Beat: return l.halfBar ? -1 : -2;
    case Level::Eighth: return -3;
    case Level::Sixteenth: return -4;
    case Level::Finer: return -5;
    }
    return -5;
}

std::vector<std::vector<double>> featureRows(const std::vector<Groove>& grooves, int voices)
{
    std::vector<std::vector<double>> rows;
    rows.reserve(grooves.size());
    for (const Groove& g : grooves)
        if (g.voices() == voices)
            rows.push_back(grooveFeatures(g));
    return rows;
}

FeatureSetComparison compareRows(const std::vector<std::vector<double>>& real,
                                 const std::vector<std::vector<double>>& generated, std::size_t features, int bins)
{
    FeatureSetComparison out;
    out.realCount = int(real.size());
    out.generatedCount = int(generated.size());
    for (std::size_t f = 0; f < features; ++f) {
        std::vector<double> a, b;
        a.reserve(real.size());
        b.reserve(generated.size());
        for (const auto& r : real)
            a.push_back(r[f]);
        for (const auto& r : generated)
            b.push_back(r[f]);
        out.features.push_back(compareValues(a, b, bins));
    }
    return out;
}

// "Hi-hat closed" -> "hi_hat_closed": feature names are JSON keys and model-file metric names.
std::string slug(const std::string& name)
{
    std::string out;
    for (char c : name) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z')
            out += char(c - 'A' + 'a');
        else if (keep)
            out += c;
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

} // namespace

std::vector<std::string> featureNames(int voices, const std::vector<std::string>& voiceNames)
{
    std::vector<std::string> names;
    for (int v = 0; v < voices; ++v) {
        const std::string name = std::size_t(v) < voiceNames.size() ? slug(voiceNames[std::size_t(v)]) : "";
        names.push_back("hits_" + (name.empty() ? "voice_" + std::to_string(v) : name));
    }
    for (const char* name : kCommonNames)
        names.emplace_back(name);
    return names;
}

double grooveSyncopation(const Groove& groove)
{
    const int steps = groove.steps();
    std::vector<int> onsets;
    for (int s = 0; s < steps; ++s)
        for (int v = 0; v < groove.voices(); ++v)
            if (groove.hit(s, v)) {
                onsets.push_back(s);
                break;
            }
    if (onsets.empty() || steps == 0)
        return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < onsets.size(); ++i) {
        const int from = onsets[i];
        // The next onset, cyclically (a single onset is followed by itself one window later).
        const int to = i + 1 < onsets.size() ? onsets[i + 1] : onsets.front() + steps;
        int strongestRest = -1000;
        for (int k = from + 1; k < to; ++k)
            strongestRest = std::max(strongestRest, metricalWeight(groove.grid(), k % steps));
        const int own = metricalWeight(groove.grid(), from);
        if (strongestRest > own)
            sum += strongestRest - own;
    }
    return sum / std::max(1, groove.grid().bars);
}

std::vector<double> grooveFeatures(const Groove& groove)
{
    const int voices = groove.voices(), steps = groove.steps();
    std::vector<double> out;
    out.reserve(std::size_t(voices) + std::size(kCommonNames));
    int hits = 0;
    double velocity = 0.0, offset = 0.0, offsetSquares = 0.0;
    double levels[5] = {0, 0, 0, 0, 0};  // downbeat, beat, eighth, even 16th, odd 16th
    for (int v = 0; v < voices; ++v)
        out.push_back(groove.hitCount(v));
    for (int s = 0; s < steps; ++s) {
        const Level level = levelOf(groove.grid(), s).level;
        for (int v = 0; v < voices; ++v) {
            if (!groove.hit(s, v))
                continue;
            ++hits;
            velocity += groove.velocity(s, v);
            offset += groove.offset(s, v);
            offsetSquares += double(groove.offset(s, v)) * groove.offset(s, v);
            if (level == Level::Downbeat)
                ++levels[0];
            else if (level == Level::Beat)
                ++levels[1];
            else if (level == Level::Eighth)
                ++levels[2];
            if (level == Level::Downbeat || level == Level::Beat || level == Level::Eighth)
                ++levels[3];
            else if (level == Level::Sixteenth)
                ++levels[4];
        }
    }
    out.push_back(steps > 0 ? double(hits) / steps : 0.0);
    const double n = std::max(1, hits);
    const double offsetMean = offset / n;
    out.push_back(velocity / n);
    out.push_back(offsetMean);
    out.push_back(hits > 0 ? std::sqrt(std::max(0.0, offsetSquares / n - offsetMean * offsetMean)) : 0.0);
    out.push_back(grooveSyncopation(groove));
    for (double level : levels)
        out.push_back(level / n);
    return out;
}

FeatureDistribution compareValues(const std::vector<double>& realValues, const std::vector<double>& generatedValues,
                                  int bins)
{
    // A NaN (a broken decoder's velocity) has no bin: it is left out rather than allowed to poison the range.
    const auto finite = [](const std::vector<double>& values) {
        std::vector<double> out;
        out.reserve(values.size());
        for (double v : values)
            if (std::isfinite(v))
                out.push_back(v);
        return out;
    };
    const std::vector<double> real = finite(realValues), generated = finite(generatedValues);
    FeatureDistribution d;
    bins = std::max(1, bins);
    d.real.assign(std::size_t(bins), 0.0);
    d.generated.assign(std::size_t(bins), 0.0);
    bool any = false;
    for (const auto* set : {&real, &generated})
        for (double v : *set) {
            d.low = any ? std::min(d.low, v) : v;
            d.high = any ? std::max(d.high, v) : v;
            any = true;
        }
    const double width = (d.high - d.low) / bins;
    auto binOf = [&](double v) {
        if (width <= 0.0)
            return 0;
        return std::clamp(int((v - d.low) / width), 0, bins - 1);  // the top edge joins the last bin
    };
    std::vector<double> realCounts(std::size_t(bins), 0.0), generatedCounts(std::size_t(bins), 0.0);
    for (double v : real) {
        realCounts[std::size_t(binOf(v))] += 1.0;
        d.realMean += v;
    }
    for (double v : generated) {
        generatedCounts[std::size_t(binOf(v))] += 1.0;
        d.generatedMean += v;
    }
    if (!real.empty())
        d.realMean /= double(real.size());
    if (!generated.empty())
        d.generatedMean /= double(generated.size());
    const double smoothed = 1.0 + kKlFloorShare * bins;
    for (std::size_t b = 0; b < std::size_t(bins); ++b) {
        d.real[b] = real.empty() ? 0.0 : realCounts[b] / double(real.size());
        d.generated[b] = generated.empty() ? 0.0 : generatedCounts[b] / double(generated.size());
        d.overlap += std::min(d.real[b], d.generated[b]);
        const double p = (d.real[b] + kKlFloorShare) / smoothed;
        const double q = (d.generated[b] + kKlFloorShare) / smoothed;
        d.kl += p * std::log(p / q);
    }
    d.kl = std::max(0.0, d.kl);  // rounding can leave -1e-17 for equal sets
    return d;
}

FeatureComparison compareFeatures(const std::vector<Groove>& real, const std::vector<std::string>& realStyles,
                                  const std::vector<Groove>& generated,
                                  const std::vector<std::string>& generatedStyles,
                                  const std::vector<std::string>& voiceNames, int bins)
{
    FeatureComparison out;
    const int voices = !real.empty() ? real.front().voices() : !generated.empty() ? generated.front().voices() : 0;
    out.names = featureNames(voices, voiceNames);
    const std::size_t features = out.names.size();
    out.overall = compareRows(featureRows(real, voices), featureRows(generated, voices), features, bins);

    // Per style: the grooves of each label (labels only when there is one per groove).
    auto byStyle = [voices](const std::vector<Groove>& grooves, const std::vector<std::string>& styles) {
        std::map<std::string, std::vector<Groove>> split;
        if (styles.size() != grooves.size())
            return split;
        for (std::size_t i = 0; i < grooves.size(); ++i)
            if (!styles[i].empty() && grooves[i].voices() == voices)
                split[styles[i]].push_back(grooves[i]);
        return split;
    };
    const auto realSplit = byStyle(real, realStyles);
    const auto generatedSplit = byStyle(generated, generatedStyles);
    for (const auto& [style, grooves] : realSplit) {
        const auto it = generatedSplit.find(style);
        if (it == generatedSplit.end())
            continue;
        out.perStyle[style] = compareRows(featureRows(grooves, voices), featureRows(it->second, voices), features, bins);
    }
    return out;
}

VelocityHeatMap velocityHeatMap(const std::vector<Groove>& grooves)
{
    VelocityHeatMap map;
    if (grooves.empty())
        return map;
    map.steps = grooves.front().steps();
    map.voices = grooves.front().voices();
    const std::size_t cells = std::size_t(map.steps) * std::size_t(map.voices);
    std::vector<double> sum(cells, 0.0), count(cells, 0.0);
    for (const Groove& g : grooves) {
        if (g.steps() != map.steps || g.voices() != map.voices)
            continue;
        ++map.grooves;
        for (int v = 0; v < map.voices; ++v)
            for (int s = 0; s < map.steps; ++s)
                if (g.hit(s, v)) {
                    const std::size_t i = std::size_t(v) * std::size_t(map.steps) + std::size_t(s);
                    sum[i] += g.velocity(s, v);
                    count[i] += 1.0;
                }
    }
    map.meanVelocity.assign(cells, -1.0);
    map.hitRate.assign(cells, 0.0);
    for (std::size_t i = 0; i < cells; ++i) {
        if (count[i] > 0)
            map.meanVelocity[i] = sum[i] / count[i];
        map.hitRate[i] = map.grooves > 0 ? count[i] / map.grooves : 0.0;
    }
    return map;
}

} // namespace gs
