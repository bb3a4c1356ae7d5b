#pragma once
// A groove-mode Groove Transformer VAE (transformervae.h) seen as a drummer: a rhythm (one voice, a
// monotonic groove) in, full drums out, optionally without some voice groups (redirected, not muted)
// and in a style. What `groovescape-cli drumify` and the app's Groove panel / follow mode use.
// Torch-free header (pimpl).
//
// Thread-safety: every method may be called from any thread; calls into the model are serialised by
// an internal mutex (as LatentSpace). An Accompanist is a handle: copies share the model and the
// mutex, so the app can hand one to a worker. The Model must not be trained while it is in use.
#include "core/error.h"
#include "core/groove.h"
#include "core/voicegroup.h"
#include "interpolation.h"
#include "sampling.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gs {

class Model;

// VoiceGroup, kVoiceGroups and voiceGroupName() come from core/voicegroup.h.

struct AccompanyConditions {
    std::array<bool, kVoiceGroups> without{};  // per VoiceGroup: a groove without it (its hits re-voiced)
    std::string style;  // one of styles(), "" = none
};

struct AccompanyOptions {
    float temperature = 1.0f;  // divides the hit logits (> 0)
    float variation = 0.0f;  // z = mean + variation x sigma x N(0, 1)
    std::uint64_t seed = 1;  // of that N(0, 1)
    float threshold = 0.5f;  // hit when probability >= threshold
    // Tap2Drum's constraint: hits only on the steps the rhythm plays, and on each of them at least its
    // most probable voice (lockToRhythm below). Off: the model alone decides (it may add ghost notes).
    bool lockToRhythm = false;
};

// Keeps `drums` (realised from `decoded`) on the rhythm's steps: clears every step the rhythm does not
// hit; a rhythm step left empty gets its most probable voice, with the decoded velocity and offset.
void lockToRhythm(Groove& drums, const DecodedGroove& decoded, const Groove& rhythm);

class Accompanist {
public:
    // A clear error unless `model` is a groove-mode transformer.
    static Result<Accompanist> create(const Model& model);
    static bool isAccompanist(const Model& model);
    // Why `model` cannot accompany ("" when it can).
    static std::string whyNot(const Model& model);

    int latent() const;
    const Grid& grid() const;
    const DrumMap& drumMap() const;
    std::vector<std::string> styles() const;

    // rhythm: one voice (a monotonic groove) on the model's grid. The latent mean.
    Result<LatentVector> encode(const Groove& rhythm) const;
    // The drums at z under the conditions (an unknown style counts as none; check with checkConditions).
    DecodedGroove decode(const LatentVector& z, const AccompanyConditions& conditions) const;
    // encode, z = mean + variation x sigma x N(0, 1) (seeded), decode with the conditions, realise at the
    // threshold and temperature (as SamplingOptions does).
    Result<Groove> drumify(const Groove& rhythm, const AccompanyConditions& conditions,
        const AccompanyOptions& options = {}) const;

    // A clear message when the style is not one of styles().
    Status checkConditions(const AccompanyConditions& conditions) const;

private:
    struct Impl;
    explicit Accompanist(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

} // namespace gs
