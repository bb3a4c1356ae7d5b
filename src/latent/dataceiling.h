#pragma once
// What the training windows alone allow on a held-out split: figures to read a model's reconstruction and
// accompaniment scores against. Neither is a model; both look at the real answer, so they are ceilings and
// baselines, not predictions. Torch-free.
#include "core/error.h"
#include "core/groove.h"

#include <cstddef>
#include <vector>

namespace gs {

struct HitScore {
    int windows = 0;
    double precision = 0, recall = 0, f1 = 0;  // pooled over every cell of the windows scored
};

// For every held-out window, the training window whose hits match it best (highest F1, chosen knowing the
// answer), scored against it. A map that can only reproduce the grooves it was trained on reaches this at best.
HitScore nearestTrainingGroove(const std::vector<Groove>& train, const std::vector<Groove>& heldOut);

// The accompaniment task seen from the data: held-out windows whose rhythm (the steps where any voice hits)
// is exactly the rhythm of one or more training windows. For those windows only:
//  vote: every cell that at least half of the same-rhythm training windows hit (a lookup accompanist);
//  best: the same-rhythm training window that matches best (knowing the answer).
// `matched` lists the indices of those held-out windows, to score a model on the same ones.
struct SameRhythmScore {
    HitScore vote, best;
    std::vector<std::size_t> matched;
};
SameRhythmScore sameRhythm(const std::vector<Groove>& train, const std::vector<Groove>& heldOut);

// Lookup maps over a model's latent space (no answer looked at), each held-out window decoded at threshold 0.5:
//  decoded: the training mean nearest the window's own mean, decoded (a map whose every point is a training
//           point's latent, with the window put on its nearest point);
//  groove:  that training window itself;
//  blended: the inverse-square blend of the 6 nearest training means (the embedding view's rule, in the full latent);
//  layout:  the embedding view itself: a t-SNE layout of the training means, the window placed on it by that
//           blend of its 6 nearest means' positions, decoded from the blend of the 6 points nearest that place.
//           Left empty (windows 0) when `withLayout` is false.
struct LatentLookupScore {
    HitScore decoded, groove, blended, layout;
};
class LatentSpace;
Result<LatentLookupScore> nearestInLatent(const LatentSpace& space, const std::vector<Groove>& train,
                                          const std::vector<Groove>& heldOut, bool withLayout = false);

} // namespace gs
