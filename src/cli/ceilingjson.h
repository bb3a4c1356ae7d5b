#pragma once
// eval --ceiling: what the train split alone allows on the validation split (latent/dataceiling.h), and for a
// groove-mode model its own accompaniment score on the same-rhythm windows, side by side with the lookup.
#include "jsonout.h"

#include "latent/accompanimentmetrics.h"
#include "latent/dataceiling.h"
#include "latent/latentspace.h"

#include <map>
#include <string>
#include <vector>

namespace gs::cli {

inline nlohmann::json hitScoreJson(const HitScore& s)
{
    return {{"windows", s.windows}, {"hit_precision", s.precision}, {"hit_recall", s.recall}, {"hit_f1", s.f1}};
}

// `drums[i]` was generated (threshold 0.5) for heldOut[kept[i]]; both empty for a model that does not accompany.
inline nlohmann::json ceilingJson(const LatentSpace& space, const std::vector<Groove>& train,
    const std::vector<Groove>& heldOut, const std::vector<Groove>& drums, const std::vector<std::size_t>& kept)
{
    nlohmann::json j = {{"train_windows", train.size()},
        {"nearest_training_groove", hitScoreJson(nearestTrainingGroove(train, heldOut))}};
    // The t-SNE layout only where the latent has more than 3 dimensions (a 2D or 3D model is its own map), and
    // for at most kLayoutWindows training windows (bench_tsne: 18 s for 10,000 points; it grows faster than n).
    constexpr std::size_t kLayoutWindows = 20000;
    const bool layout = space.config().latent > 3 && train.size() <= kLayoutWindows;
    if (auto lookup = nearestInLatent(space, train, heldOut, layout)) {
        j["nearest_in_latent"] = {{"decoded", hitScoreJson(lookup->decoded)}, {"groove", hitScoreJson(lookup->groove)},
            {"blended", hitScoreJson(lookup->blended)}};
        if (layout)
            j["nearest_in_latent"]["layout"] = hitScoreJson(lookup->layout);
        else if (space.config().latent > 3)
            j["nearest_in_latent"]["layout"] = {
                {"skipped", "more than " + std::to_string(kLayoutWindows) + " training windows"}};
    }
    else
        j["nearest_in_latent"] = {{"error", lookup.error().describe()}};
    const SameRhythmScore same = sameRhythm(train, heldOut);
    j["same_rhythm"] = {{"vote", hitScoreJson(same.vote)}, {"best", hitScoreJson(same.best)}};
    if (!drums.empty()) {
        std::map<std::size_t, std::size_t> generatedFor;  // held-out index -> drums index
        for (std::size_t i = 0; i < kept.size() && i < drums.size(); ++i)
            generatedFor[kept[i]] = i;
        std::vector<Groove> generated, real;
        for (std::size_t h : same.matched)
            if (auto found = generatedFor.find(h); found != generatedFor.end()) {
                generated.push_back(drums[found->second]);
                real.push_back(heldOut[h]);
            }
        const auto m = accompanimentMetrics(generated, real);
        j["same_rhythm"]["model"] = {{"windows", generated.size()}, {"hit_precision", m.at("hit_precision")},
            {"hit_recall", m.at("hit_recall")}, {"hit_f1", m.at("hit_f1")}};
    }
    return j;
}

} // namespace gs::cli
