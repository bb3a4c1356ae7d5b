#pragma once
// Global feature comparison (the Groove Transformer work's validation, after
// Yang & Lerch 2020, "On the evaluation of generative models in music"): the
// musical features of each groove window, their distributions over a set of
// generated grooves against a set of real ones (overlapping area and KL
// divergence, overall and per style), and velocity heat maps per voice x step.
// Plain functions on Grooves, so any generator (a VAE's reconstructions, its
// prior samples, a groove-mode model's drumified inputs) plugs in. Torch-free.
#include "core/groove.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

// The scalar features of one window, in this order:
//   hits_<voice>        hits of each voice
//   density             hits per step (all voices)
//   velocity_mean       mean velocity of the hits (0..1)
//   offset_mean         mean offset of the hits (-1..1, + late)
//   offset_spread       standard deviation of the hits' offsets
//   syncopation         see grooveSyncopation(), per bar
//   level_downbeat, level_beat, level_eighth, level_even_16th, level_odd_16th
//                       share of the window's hits (all voices) on each metrical level (the MusicVAE
//                       re-implementation's "onset proportion"): downbeat = first step of a bar, beat = other
//                       beats, eighth = the off-beat 8th, even 16th = any of those three (the 8th-note grid),
//                       odd 16th = the 16ths between 8ths (the level its generated set over-used).
// A window without hits has 0 for the means, the spread and the shares.
// voiceNames: one per voice ("Hi-hat closed" becomes hits_hi_hat_closed); missing names become voice_<n>.
std::vector<std::string> featureNames(int voices, const std::vector<std::string>& voiceNames = {});
std::vector<double> grooveFeatures(const Groove& groove);

// Syncopation after Longuet-Higgins & Lee (1984), in the form Witek et al. (2014, "Syncopation, body-movement
// and pleasure in groove music") apply to drum patterns, on the onsets of all voices together: metrical weights
// on the 16th grid (bar 0, beat of a half bar -1, other beats -2, 8ths -3, 16ths -4, finer steps -5); an onset
// followed by silence on a heavier position before the next onset (cyclically over the window) scores the
// weight difference. The sum per bar; 0 for an empty window.
double grooveSyncopation(const Groove& groove);

// One feature's two distributions on shared bins.
struct FeatureDistribution {
    double low = 0, high = 0;  // the bins span [low, high] (both sets' range)
    std::vector<double> real, generated;  // share of each set per bin (sums to 1; all 0 for an empty set)
    double realMean = 0, generatedMean = 0;
    // Overlapping area of the two histograms: sum of min(real, generated) over the bins, 0..1 (1: identical).
    double overlap = 0;
    // KL(real || generated) in nats on the same bins, after adding kKlFloorShare to every bin's share of
    // both sets and renormalising: an empty bin never makes it infinite (at most ln((1 + s) / s), 6.9), and
    // sets of different sizes with the same distribution still give 0 (a pseudo-count would not).
    double kl = 0;
};
inline constexpr double kKlFloorShare = 1e-3;
inline constexpr int kFeatureBins = 20;

struct FeatureSetComparison {
    int realCount = 0, generatedCount = 0;
    std::vector<FeatureDistribution> features;  // in featureNames() order
};

struct FeatureComparison {
    std::vector<std::string> names;
    FeatureSetComparison overall;
    // Per style label present in both sets ("" labels never form a style).
    std::map<std::string, FeatureSetComparison> perStyle;
};

// Compares generated grooves with real ones. Styles: one label per groove, or empty (no per-style split).
// Grooves must share one voice count (those with another count than real.front() are skipped).
FeatureComparison compareFeatures(const std::vector<Groove>& real, const std::vector<std::string>& realStyles,
                                  const std::vector<Groove>& generated,
                                  const std::vector<std::string>& generatedStyles,
                                  const std::vector<std::string>& voiceNames = {}, int bins = kFeatureBins);

// The distributions of one feature (values of each set) on `bins` shared bins; non-finite values are left out.
FeatureDistribution compareValues(const std::vector<double>& real, const std::vector<double>& generated,
                                  int bins = kFeatureBins);

// Per voice x step, over a set of grooves of one grid: the mean velocity of the hits (-1 where there are
// none) and the hit rate (share of grooves with a hit there). Voice-major: index = voice * steps + step.
struct VelocityHeatMap {
    int steps = 0, voices = 0, grooves = 0;
    std::vector<double> meanVelocity;
    std::vector<double> hitRate;
};
// Grooves whose step or voice count differs from the first are skipped.
VelocityHeatMap velocityHeatMap(const std::vector<Groove>& grooves);

} // namespace gs
