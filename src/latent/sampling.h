#pragma once
// From a decoder's raw output to a playable groove: hit threshold, temperature
// on hit logits, seeded Bernoulli sampling, per-voice thresholds, per-voice
// maximum hit counts (as the Groove Transformer plugin) and per-voice velocity
// scales. Torch-free.
#include "core/groove.h"

#include <cstdint>
#include <vector>

namespace gs {

// One decoded window: planes row-major (step * voices + voice), like Groove.
struct DecodedGroove {
    Grid grid;
    int steps = 0;
    int voices = 0;
    std::vector<float> hitLogits;
    std::vector<float> velocity;  // 0..1
    std::vector<float> offset;  // -1..1

    // sigmoid(logit / temperature) of one cell.
    float probability(std::size_t cell, float temperature = 1.0f) const;
};

struct SamplingOptions {
    float threshold = 0.5f;  // hit when probability >= threshold (deterministic mode)
    float temperature = 1.0f;  // divides the hit logits; > 0
    bool sample = false;  // true: Bernoulli draws with `seed` instead of the threshold
    std::uint64_t seed = 0;
    std::vector<float> voiceThreshold;  // empty, or one per voice; a negative entry uses `threshold`
    std::vector<int> voiceMaxHits;  // empty, or one per voice; a negative entry means no limit
    std::vector<float> voiceVelocity;  // empty, or one per voice: scales its velocities (1 = as decoded)
};

// The per-voice controls of the app's map and of `generate`: density -1 (almost never) .. 0 (the global
// threshold) .. 1 (every plausible hit) moves a voice's threshold from options.threshold towards 0.98 or
// 0.02; velocity scales its velocities (0..2). Call again after changing options.threshold. Entries past
// the voice count are ignored by realise(); values are clamped.
void setVoiceControls(SamplingOptions& options, const std::vector<float>& density, const std::vector<float>& velocity);

// The groove the decoder output describes under these controls. When a
// voice's limit is exceeded the most probable hits are kept (ties: earlier step).
Groove realise(const DecodedGroove& decoded, const SamplingOptions& options = {});

// Paths between two grooves never fall silent (the first-hour report: 8.9% of the interior steps of paths on
// the 2D map had fewer than 4 hits). Each step, ends included, keeps at least pathHitFloor(hits of the ends):
// half the sparser end, and never fewer than 4 (a model can decode a real groove to almost nothing).
int pathHitFloor(int hitsA, int hitsB);

// Tops `groove` (realised from `decoded` under `options`) up to `floor` hits with the decoder's most probable
// missing cells, their velocity and offset as decoded. Voices the musician turned fully down (per-voice
// threshold >= 0.9) or that reached their maximum hit count take none. Returns the hits added.
int fillToFloor(Groove& groove, const DecodedGroove& decoded, const SamplingOptions& options, int floor);

struct PathRealisation {
    std::vector<Groove> grooves;
    int floor = 0;  // the least hits a step keeps
    int filledSteps = 0;  // steps that needed topping up (where the model is sparse between the ends)
};

// The grooves of a path (first and last entries are its ends), each realised under `options` and topped up
// to the ends' floor (ends included).
PathRealisation realisePath(const std::vector<DecodedGroove>& steps, const SamplingOptions& options);

// The hit plane alone (0/1 per cell) at a plain threshold: what the metrics compare.
std::vector<std::uint8_t> hitMask(const DecodedGroove& decoded, float threshold = 0.5f);

} // namespace gs
