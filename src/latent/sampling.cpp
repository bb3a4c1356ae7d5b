#include "sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace gs {

float DecodedGroove::probability(std::size_t cell, float temperature) const
{
    const float t = temperature > 0.0f ? temperature : 1.0f;
    return 1.0f / (1.0f + std::exp(-hitLogits[cell] / t));
}

std::vector<std::uint8_t> hitMask(const DecodedGroove& decoded, float threshold)
{
    std::vector<std::uint8_t> mask(decoded.hitLogits.size());
    for (std::size_t i = 0; i < mask.size(); ++i)
        mask[i] = decoded.probability(i) >= threshold ? 1 : 0;
    return mask;
}

void setVoiceControls(SamplingOptions& options, const std::vector<float>& density, const std::vector<float>& velocity)
{
    const float global = options.threshold;
    options.voiceThreshold.clear();
    if (std::any_of(density.begin(), density.end(), [](float a) { return a != 0.0f; })) {
        for (float a : density) {  // -1 for 0: that voice follows the global threshold
            a = std::clamp(a, -1.0f, 1.0f);
            options.voiceThreshold.push_back(a == 0.0f ? -1.0f : a > 0.0f ? global - a * (global - 0.02f)
                                                                          : global - a * (0.98f - global));
        }
    }
    options.voiceVelocity.clear();
    if (std::any_of(velocity.begin(), velocity.end(), [](float v) { return v != 1.0f; }))
        for (const float v : velocity)
            options.voiceVelocity.push_back(std::clamp(v, 0.0f, 2.0f));
}

Groove realise(const DecodedGroove& decoded, const SamplingOptions& options)
{
    Groove groove(decoded.grid, decoded.voices);
    const int steps = decoded.steps;
    const int voices = decoded.voices;
    std::mt19937_64 rng(options.seed);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);

    std::vector<float> probability(decoded.hitLogits.size());
    std::vector<std::uint8_t> chosen(decoded.hitLogits.size(), 0);
    // Draw in a fixed order (step-major) so a seed always gives the same groove.
    for (int s = 0; s < steps; ++s) {
        for (int v = 0; v < voices; ++v) {
            const std::size_t cell = std::size_t(s) * std::size_t(voices) + std::size_t(v);
            const float p = decoded.probability(cell, options.temperature);
            probability[cell] = p;
            if (options.sample) {
                chosen[cell] = uniform(rng) < p ? 1 : 0;
            } else {
                float threshold = options.threshold;
                if (std::size_t(v) < options.voiceThreshold.size() && options.voiceThreshold[std::size_t(v)] >= 0.0f)
                    threshold = options.voiceThreshold[std::size_t(v)];
                chosen[cell] = p >= threshold ? 1 : 0;
            }
        }
    }

    for (int v = 0; v < voices; ++v) {
        const int limit = std::size_t(v) < options.voiceMaxHits.size() ? options.voiceMaxHits[std::size_t(v)] : -1;
        std::vector<int> stepsHit;
        for (int s = 0; s < steps; ++s)
            if (chosen[std::size_t(s) * std::size_t(voices) + std::size_t(v)])
                stepsHit.push_back(s);
        if (limit >= 0 && int(stepsHit.size()) > limit) {
            std::stable_sort(stepsHit.begin(), stepsHit.end(), [&](int a, int b) {
                return probability[std::size_t(a) * std::size_t(voices) + std::size_t(v)]
                     > probability[std::size_t(b) * std::size_t(voices) + std::size_t(v)];
            });
            stepsHit.resize(std::size_t(limit));
        }
        const float scale = std::size_t(v) < options.voiceVelocity.size() ? options.voiceVelocity[std::size_t(v)] : 1.0f;
        for (int s : stepsHit) {
            const std::size_t cell = std::size_t(s) * std::size_t(voices) + std::size_t(v);
            // Never below MIDI velocity 1: a chosen hit stays a hit.
            const float velocity = std::clamp(decoded.velocity[cell] * std::max(0.0f, scale), 1.0f / 127.0f, 1.0f);
            groove.setHit(s, v, velocity, decoded.offset[cell]);
        }
    }
    return groove;
}

int pathHitFloor(int hitsA, int hitsB)
{
    return std::max(4, std::min(hitsA, hitsB) / 2);
}

int fillToFloor(Groove& groove, const DecodedGroove& decoded, const SamplingOptions& options, int floor)
{
    int missing = floor - groove.hitCount();
    if (missing <= 0)
        return 0;
    const int voices = decoded.voices;
    std::vector<std::size_t> candidates;
    for (int s = 0; s < decoded.steps; ++s) {
        for (int v = 0; v < voices; ++v) {
            const bool turnedDown = std::size_t(v) < options.voiceThreshold.size() && options.voiceThreshold[std::size_t(v)] >= 0.9f;
            if (!turnedDown && !groove.hit(s, v))
                candidates.push_back(std::size_t(s) * std::size_t(voices) + std::size_t(v));
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](std::size_t a, std::size_t b) { return decoded.hitLogits[a] > decoded.hitLogits[b]; });
    int added = 0;
    for (const std::size_t cell : candidates) {
        if (added == missing)
            break;
        const int s = int(cell / std::size_t(voices));
        const int v = int(cell % std::size_t(voices));
        const int limit = std::size_t(v) < options.voiceMaxHits.size() ? options.voiceMaxHits[std::size_t(v)] : -1;
        if (limit >= 0 && groove.hitCount(v) >= limit)
            continue;
        const float scale = std::size_t(v) < options.voiceVelocity.size() ? options.voiceVelocity[std::size_t(v)] : 1.0f;
        const float velocity = std::clamp(decoded.velocity[cell] * std::max(0.0f, scale), 1.0f / 127.0f, 1.0f);
        groove.setHit(s, v, velocity, decoded.offset[cell]);
        ++added;
    }
    return added;
}

PathRealisation realisePath(const std::vector<DecodedGroove>& steps, const SamplingOptions& options)
{
    PathRealisation path;
    path.grooves.reserve(steps.size());
    for (const DecodedGroove& step : steps)
        path.grooves.push_back(realise(step, options));
    if (path.grooves.size() < 2)
        return path;
    path.floor = pathHitFloor(path.grooves.front().hitCount(), path.grooves.back().hitCount());
    for (std::size_t i = 0; i < path.grooves.size(); ++i)
        if (fillToFloor(path.grooves[i], steps[i], options, path.floor) > 0)
            ++path.filledSteps;
    return path;
}

} // namespace gs
