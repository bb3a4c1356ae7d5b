#include "dataceiling.h"

#include "latentspace.h"
#include "embeddinglayout.h"
#include "sampling.h"
#include "tsne.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <string>

namespace gs {
namespace {

using Bits = std::vector<std::uint64_t>;

Bits hitBits(const Groove& g)
{
    Bits bits((g.cells() + 63) / 64, 0);
    const std::vector<float>& hits = g.hits();
    for (std::size_t i = 0; i < hits.size(); ++i)
        if (hits[i] > 0.5f)
            bits[i / 64] |= std::uint64_t(1) << (i % 64);
    return bits;
}

int common(const Bits& a, const Bits& b)
{
    int n = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        n += std::popcount(a[i] & b[i]);
    return n;
}

int count(const Bits& a)
{
    int n = 0;
    for (std::uint64_t w : a)
        n += std::popcount(w);
    return n;
}

bool sameShape(const Groove& a, const Groove& b)
{
    return a.steps() == b.steps() && a.voices() == b.voices();
}

struct Tally {
    long long truePositives = 0, predicted = 0, real = 0;
    int windows = 0;
    void add(int tp, int pred, int truth) { truePositives += tp; predicted += pred; real += truth; ++windows; }
    void add(const Bits& truth, const Bits& played) { add(common(truth, played), count(played), count(truth)); }
    HitScore score() const
    {
        HitScore s;
        s.windows = windows;
        s.precision = predicted > 0 ? double(truePositives) / double(predicted) : 0.0;
        s.recall = real > 0 ? double(truePositives) / double(real) : 0.0;
        s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
        return s;
    }
};

// Index of the candidate with the highest F1 against `truth` (-1 when there is none), and its overlap.
std::pair<int, int> bestMatch(const Bits& truth, int truthCount, const std::vector<const Bits*>& candidates,
                              const std::vector<int>& counts)
{
    int best = -1, bestCommon = 0;
    double bestF1 = -1;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        const int n = common(truth, *candidates[c]);
        const int denominator = truthCount + counts[c];
        const double f1 = denominator > 0 ? 2.0 * n / denominator : 0.0;
        if (f1 > bestF1) {
            bestF1 = f1;
            best = int(c);
            bestCommon = n;
        }
    }
    return {best, bestCommon};
}

std::string rhythmKey(const Groove& g)
{
    std::string key(std::size_t(g.steps()), '0');
    for (int s = 0; s < g.steps(); ++s)
        for (int v = 0; v < g.voices(); ++v)
            if (g.hit(s, v))
                key[std::size_t(s)] = '1';
    return key + "/" + std::to_string(g.voices());
}

} // namespace

HitScore nearestTrainingGroove(const std::vector<Groove>& train, const std::vector<Groove>& heldOut)
{
    std::vector<Bits> trainBits;
    std::vector<int> trainCounts;
    trainBits.reserve(train.size());
    for (const Groove& g : train) {
        trainBits.push_back(hitBits(g));
        trainCounts.push_back(count(trainBits.back()));
    }
    Tally tally;
    for (const Groove& g : heldOut) {
        std::vector<const Bits*> candidates;
        std::vector<int> counts;
        for (std::size_t i = 0; i < train.size(); ++i)
            if (sameShape(train[i], g)) {
                candidates.push_back(&trainBits[i]);
                counts.push_back(trainCounts[i]);
            }
        const Bits truth = hitBits(g);
        const int truthCount = count(truth);
        const auto [best, n] = bestMatch(truth, truthCount, candidates, counts);
        if (best >= 0)
            tally.add(n, counts[std::size_t(best)], truthCount);
    }
    return tally.score();
}

SameRhythmScore sameRhythm(const std::vector<Groove>& train, const std::vector<Groove>& heldOut)
{
    std::map<std::string, std::vector<std::size_t>> byRhythm;
    for (std::size_t i = 0; i < train.size(); ++i)
        byRhythm[rhythmKey(train[i])].push_back(i);
    SameRhythmScore out;
    Tally vote, best;
    for (std::size_t h = 0; h < heldOut.size(); ++h) {
        const Groove& g = heldOut[h];
        auto found = byRhythm.find(rhythmKey(g));
        if (found == byRhythm.end() || g.hitCount() == 0)
            continue;
        out.matched.push_back(h);
        const Bits truth = hitBits(g);
        const int truthCount = count(truth);
        // The vote: a cell hits when at least half of the same-rhythm windows hit it.
        Groove voted(g.grid(), g.voices());
        for (int s = 0; s < g.steps(); ++s)
            for (int v = 0; v < g.voices(); ++v) {
                std::size_t n = 0;
                for (std::size_t i : found->second)
                    n += train[i].hit(s, v) ? 1 : 0;
                if (2 * n >= found->second.size())
                    voted.setHit(s, v, 1.0f);
            }
        const Bits votedBits = hitBits(voted);
        vote.add(common(truth, votedBits), count(votedBits), truthCount);
        std::vector<Bits> bits;
        std::vector<int> counts;
        for (std::size_t i : found->second) {
            bits.push_back(hitBits(train[i]));
            counts.push_back(count(bits.back()));
        }
        std::vector<const Bits*> candidates;
        for (const Bits& b : bits)
            candidates.push_back(&b);
        const auto [b, n] = bestMatch(truth, truthCount, candidates, counts);
        best.add(n, counts[std::size_t(b)], truthCount);
    }
    out.vote = vote.score();
    out.best = best.score();
    return out;
}

Result<LatentLookupScore> nearestInLatent(const LatentSpace& space, const std::vector<Groove>& train,
                                          const std::vector<Groove>& heldOut, bool withLayout)
{
    if (train.empty() || heldOut.empty())
        return Error{"", "a latent lookup needs training and held-out windows"};
    auto trainCodes = space.encode(train);
    if (!trainCodes)
        return trainCodes.error();
    auto heldCodes = space.encode(heldOut);
    if (!heldCodes)
        return heldCodes.error();
    const std::vector<LatentVector>& means = trainCodes->mean;
    // The layout's positions are not used by the full-latent lookups: zeros stand in when there is no layout.
    std::vector<float> positions(2 * means.size(), 0.0f);
    if (withLayout) {
        std::vector<float> flat;
        for (const LatentVector& m : means)
            flat.insert(flat.end(), m.begin(), m.end());
        auto laid = tsne(flat, means.empty() ? 0 : int(means.front().size()));
        if (!laid)
            return laid.error();
        positions = std::move(*laid);
    }
    const EmbeddingLayout layout(std::move(positions), means);
    std::vector<std::size_t> nearest;
    std::vector<LatentVector> picked, blended, placed;
    for (const LatentVector& z : heldCodes->mean) {
        nearest.push_back(std::size_t(layout.nearestPoint(z)));
        picked.push_back(means[nearest.back()]);
        blended.push_back(layout.blendOf(z));
        if (withLayout) {
            float x = 0, y = 0;
            layout.positionOf(z, x, y);
            placed.push_back(layout.latentAt(x, y));
        }
    }
    Tally fromDecoded, fromGroove, fromBlend, fromLayout;
    const auto score = [&](Tally& tally, const std::vector<LatentVector>& zs) {
        const std::vector<DecodedGroove> decoded = space.decode(zs);
        for (std::size_t h = 0; h < heldOut.size() && h < decoded.size(); ++h)
            tally.add(hitBits(heldOut[h]), hitBits(realise(decoded[h])));
    };
    score(fromDecoded, picked);
    score(fromBlend, blended);
    if (withLayout)
        score(fromLayout, placed);
    for (std::size_t h = 0; h < heldOut.size(); ++h)
        fromGroove.add(hitBits(heldOut[h]), hitBits(train[nearest[h]]));
    return LatentLookupScore{fromDecoded.score(), fromGroove.score(), fromBlend.score(), fromLayout.score()};
}

} // namespace gs
