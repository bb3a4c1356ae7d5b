#pragma once
// Helpers shared by the audio tests: the real kits of assets/kits, patterns
// made from grooves, renders through gs::Renderer, and onset detection.
#include "audio/kitloader.h"
#include "audio/renderer.h"
#include "core/drummap.h"
#include "core/groove.h"
#include "testdata.h"

#include <cmath>
#include <vector>

namespace gs::test {

inline std::string kitPath(const std::string& name) { return (sourceDir() / "assets" / "kits" / name).string(); }

// The acoustic kit (Sonic Pi CC0) at `rate`; fails the calling test on error.
inline std::shared_ptr<const Kit> loadAssetKit(const std::string& name, double rate)
{
    auto kit = loadKit(kitPath(name), rate);
    if (!kit) {
        qWarning("%s", kit.error().describe().c_str());
        return nullptr;
    }
    return *kit;
}

struct TestHit {
    int step;
    int voice;
    float velocity;
    float offset;
};

// A 4/4 groove of `bars` bars at 16ths on the GrooVAE 9-voice map.
inline std::shared_ptr<const Pattern> makePattern(const std::vector<TestHit>& hits, int bars = 1, int voices = 9)
{
    Groove g(Grid{bars, 4, Meter{4, 4}}, voices);
    for (const TestHit& h : hits)
        g.setHit(h.step, h.voice, h.velocity, h.offset);
    std::vector<int> notes = Pattern::notesOf(DrumMap::groovae());
    notes.resize(std::size_t(voices), 36);
    auto p = Pattern::fromGroove(g, notes);
    return p ? *p : nullptr;
}

inline RenderResult renderPatterns(const std::vector<std::shared_ptr<const Pattern>>& patterns,
                                   std::shared_ptr<const Kit> kit, RenderOptions options)
{
    Renderer renderer(std::move(options));
    auto result = renderer.render(patterns, std::move(kit));
    if (!result)
        qWarning("render failed: %s", result.error().describe().c_str());
    return result ? std::move(*result) : RenderResult{};
}

// First frame at or after `from` whose left or right value exceeds `threshold` (-1 if none).
inline std::int64_t firstAbove(const std::vector<float>& stereo, std::int64_t from, float threshold)
{
    for (std::size_t i = std::size_t(from) * 2; i < stereo.size(); ++i)
        if (std::abs(stereo[i]) > threshold)
            return std::int64_t(i / 2);
    return -1;
}

// First frame from `from` where two renders differ: where a hit present in one only starts.
inline std::int64_t firstDifference(const std::vector<float>& a, const std::vector<float>& b, std::int64_t from = 0)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = std::size_t(from) * 2; i < n; ++i)
        if (std::abs(a[i] - b[i]) > 1e-7f)
            return std::int64_t(i / 2);
    return a.size() == b.size() ? -1 : std::int64_t(n / 2);
}

// Index of the first value above `threshold` in a kit sample (its own attack delay).
inline int sampleOnset(const SampleData& s, float threshold)
{
    for (int i = 0; i < s.length; ++i)
        if (std::abs(s.frames[std::size_t(i) * 2]) > threshold || std::abs(s.frames[std::size_t(i) * 2 + 1]) > threshold)
            return i;
    return -1;
}

} // namespace gs::test
