// The global feature comparison: features of small hand-made grooves worked
// out by hand, overlap and KL on hand-counted histograms, and real GMD
// windows (a set against itself, against a changed copy, split by style).
#include "core/drummap.h"
#include "latent/features.h"
#include "latenttestdata.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

namespace {

const Grid kOneBar{1, 4, {4, 4}};

Groove oneBar(int voices, const std::vector<std::array<float, 4>>& hits)  // {step, voice, velocity, offset}
{
    Groove g(kOneBar, voices);
    for (const auto& h : hits)
        g.setHit(int(h[0]), int(h[1]), h[2], h[3]);
    return g;
}

std::size_t indexOf(const std::vector<std::string>& names, const std::string& name)
{
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
        qFatal("no feature %s", name.c_str());
    return std::size_t(it - names.begin());
}

// Windows of the test beats with one style label per window (the style of its file).
void labelledWindows(std::vector<Groove>& windows, std::vector<std::string>& styles, std::map<std::string, int>& counts)
{
    const std::vector<std::string> labels{"funk", "rock", "dance", "hiphop", "rock", "latin"};
    const auto& files = test::someGmdBeats();
    for (std::size_t i = 0; i < files.size(); ++i)
        for (Groove& g : test::gmdWindows({files[i]})) {
            windows.push_back(std::move(g));
            styles.push_back(labels[i]);
            ++counts[labels[i]];
        }
}

} // namespace

class TestFeatures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesFollowTheDrumMap()
    {
        std::vector<std::string> voices;
        const DrumMap map = DrumMap::groovae();
        for (const DrumVoice& v : map.voices())
            voices.push_back(v.name);
        const auto names = featureNames(9, voices);
        QCOMPARE(int(names.size()), 9 + 10);
        QCOMPARE(names[0], std::string("hits_kick"));
        QCOMPARE(names[2], std::string("hits_hi_hat_closed"));
        QCOMPARE(names[9], std::string("density"));
        QCOMPARE(names.back(), std::string("level_odd_16th"));
        QCOMPARE(featureNames(2)[1], std::string("hits_voice_1"));
    }
    void featuresOfAHandMadeBar()
    {
        // Voice 0 on 1 and 3 (steps 0, 8), voice 1 on 2 and 4 (4, 12) and the 8th after 2 (6).
        const Groove g = oneBar(2, {{0, 0, 1.0f, 0.2f}, {8, 0, 0.5f, -0.2f}, {4, 1, 0.6f, 0}, {12, 1, 0.6f, 0},
                                    {6, 1, 0.6f, 0}});
        const auto f = grooveFeatures(g);
        const auto names = featureNames(2);
        QCOMPARE(f.size(), names.size());
        QCOMPARE(f[indexOf(names, "hits_voice_0")], 2.0);
        QCOMPARE(f[indexOf(names, "hits_voice_1")], 3.0);
        QCOMPARE(f[indexOf(names, "density")], 5.0 / 16.0);
        QVERIFY(std::abs(f[indexOf(names, "velocity_mean")] - 3.3 / 5.0) < 1e-6);
        QVERIFY(std::abs(f[indexOf(names, "offset_mean")]) < 1e-6);
        QVERIFY(std::abs(f[indexOf(names, "offset_spread")] - std::sqrt(0.08 / 5.0)) < 1e-6);
        QCOMPARE(f[indexOf(names, "syncopation")], 0.0);  // every onset on or before a stronger onset
        QCOMPARE(f[indexOf(names, "level_downbeat")], 0.2);
        QCOMPARE(f[indexOf(names, "level_beat")], 0.6);
        QCOMPARE(f[indexOf(names, "level_eighth")], 0.2);
        QCOMPARE(f[indexOf(names, "level_even_16th")], 1.0);
        QCOMPARE(f[indexOf(names, "level_odd_16th")], 0.0);
    }
    void syncopationByHand()
    {
        // Onset on the "a" of 2 (step 7, weight -4) held over beat 3 (step 8, weight -1): 3.
        QCOMPARE(grooveSyncopation(oneBar(1, {{0, 0, 1, 0}, {7, 0, 1, 0}})), 3.0);
        // The 8th after 2 (6, weight -3) held over 3 (8, -1): 2; the 8th after 4 (14) only rests on a 16th.
        QCOMPARE(grooveSyncopation(oneBar(1, {{0, 0, 1, 0}, {6, 0, 1, 0}, {14, 0, 1, 0}})), 2.0);
        // Two bars of that same pattern: the sum per bar stays 2.
        Groove two(Grid{2, 4, {4, 4}}, 1);
        for (int s : {0, 6, 14, 16, 22, 30})
            two.setHit(s, 0, 1.0f);
        QCOMPARE(grooveSyncopation(two), 2.0);
        QCOMPARE(grooveSyncopation(Groove(kOneBar, 1)), 0.0);
        // Odd 16ths count as their own level.
        const auto f = grooveFeatures(oneBar(1, {{1, 0, 1, 0}, {3, 0, 1, 0}, {4, 0, 1, 0}, {5, 0, 1, 0}}));
        QCOMPARE(f[indexOf(featureNames(1), "level_odd_16th")], 0.75);
        QCOMPARE(f[indexOf(featureNames(1), "level_even_16th")], 0.25);
    }
    void emptyWindowIsAllZeroAndFinite()
    {
        for (double v : grooveFeatures(Groove(kOneBar, 3)))
            QCOMPARE(v, 0.0);
    }
    void overlapAndKlByHand()
    {
        // Bins [0, 0.5) and [0.5, 1]: real 2 + 2, generated 1 + 3.
        const FeatureDistribution d = compareValues({0, 0, 1, 1}, {0, 1, 1, 1}, 2);
        QCOMPARE(d.real, (std::vector<double>{0.5, 0.5}));
        QCOMPARE(d.generated, (std::vector<double>{0.25, 0.75}));
        QVERIFY(std::abs(d.overlap - 0.75) < 1e-12);
        // Every share raised by s = 0.001 and renormalised: p = (0.5 + s, 0.5 + s) / (1 + 2s), q likewise.
        const double s = kKlFloorShare, n = 1 + 2 * s;
        const double kl = (0.5 + s) / n * std::log((0.5 + s) / (0.25 + s))
            + (0.5 + s) / n * std::log((0.5 + s) / (0.75 + s));
        QVERIFY(std::abs(d.kl - kl) < 1e-12);
        QCOMPARE(d.realMean, 0.5);
        QCOMPARE(d.generatedMean, 0.75);
    }
    void identicalDisjointAndEmptySets()
    {
        const FeatureDistribution same = compareValues({1, 2, 3, 5}, {1, 2, 3, 5});
        QCOMPARE(same.overlap, 1.0);
        QCOMPARE(same.kl, 0.0);
        const FeatureDistribution disjoint = compareValues({0, 0}, {1, 1}, 2);
        QCOMPARE(disjoint.overlap, 0.0);
        const double s = kKlFloorShare;
        QVERIFY(std::abs(disjoint.kl - std::log((1 + s) / s) / (1 + 2 * s)) < 1e-12);  // smoothed: finite
        const FeatureDistribution constant = compareValues({4, 4}, {4, 4, 4});
        QCOMPARE(constant.overlap, 1.0);
        QCOMPARE(constant.kl, 0.0);
        const FeatureDistribution withNan = compareValues({1, 2, 3, 5}, {1, 2, std::nan(""), 3, 5});
        QCOMPARE(withNan.overlap, 1.0);
        QCOMPARE(withNan.high, 5.0);
        const FeatureDistribution none = compareValues({1, 2}, {});
        QCOMPARE(none.overlap, 0.0);
        QVERIFY(std::isfinite(none.kl) && none.kl > 0.0);
    }
    void realWindowsAgainstThemselves()
    {
        std::vector<Groove> windows;
        std::vector<std::string> styles;
        std::map<std::string, int> counts;
        labelledWindows(windows, styles, counts);
        QVERIFY2(windows.size() >= 30, "GMD test beats missing");
        const FeatureComparison c = compareFeatures(windows, styles, windows, styles);
        QCOMPARE(c.overall.realCount, int(windows.size()));
        QCOMPARE(c.overall.features.size(), c.names.size());
        for (std::size_t f = 0; f < c.names.size(); ++f) {
            QVERIFY2(std::abs(c.overall.features[f].overlap - 1.0) < 1e-9, c.names[f].c_str());
            QVERIFY2(c.overall.features[f].kl < 1e-12, c.names[f].c_str());
        }
        // The syncopation and level shares of real beats are not degenerate.
        const std::size_t sync = indexOf(c.names, "syncopation");
        QVERIFY(c.overall.features[sync].realMean > 0.0);
        QVERIFY(c.overall.features[indexOf(c.names, "level_odd_16th")].high > 0.0);
    }
    void changedCopiesScoreLess()
    {
        std::vector<Groove> windows;
        std::vector<std::string> styles;
        std::map<std::string, int> counts;
        labelledWindows(windows, styles, counts);
        QVERIFY(windows.size() >= 30);
        // Half as loud: the velocity feature moves, the hit counts do not.
        std::vector<Groove> quiet = windows;
        for (Groove& g : quiet)
            for (float& v : g.velocities())
                v *= 0.5f;
        const FeatureComparison q = compareFeatures(windows, {}, quiet, {});
        const FeatureDistribution& velocity = q.overall.features[indexOf(q.names, "velocity_mean")];
        QVERIFY2(velocity.overlap < 0.5, std::to_string(velocity.overlap).c_str());
        QVERIFY(velocity.kl > 0.1);
        QCOMPARE(q.overall.features[indexOf(q.names, "density")].overlap, 1.0);
        QVERIFY(q.perStyle.empty());  // no labels, no split
        // One 16th later: onsets leave the beats for the odd 16ths.
        std::vector<Groove> shifted;
        for (const Groove& g : windows) {
            Groove s(g.grid(), g.voices());
            for (int step = 0; step < g.steps(); ++step)
                for (int v = 0; v < g.voices(); ++v)
                    if (g.hit(step, v))
                        s.setHit((step + 1) % g.steps(), v, g.velocity(step, v), g.offset(step, v));
            shifted.push_back(std::move(s));
        }
        const FeatureComparison s = compareFeatures(windows, {}, shifted, {});
        const FeatureDistribution& odd = s.overall.features[indexOf(s.names, "level_odd_16th")];
        QVERIFY2(odd.overlap < 0.5, std::to_string(odd.overlap).c_str());
        QVERIFY(odd.generatedMean > odd.realMean);
        QVERIFY(s.overall.features[indexOf(s.names, "syncopation")].overlap < 1.0);
        QCOMPARE(s.overall.features[indexOf(s.names, "velocity_mean")].overlap, 1.0);
    }
    void perStyleSplitsCount()
    {
        std::vector<Groove> windows;
        std::vector<std::string> styles;
        std::map<std::string, int> counts;
        labelledWindows(windows, styles, counts);
        QVERIFY(windows.size() >= 30);
        // Generated: every other window, with its label; latin only in the real set; one unlabelled.
        std::vector<Groove> generated;
        std::vector<std::string> generatedStyles;
        std::map<std::string, int> generatedCounts;
        for (std::size_t i = 0; i < windows.size(); i += 2) {
            if (styles[i] == "latin")
                continue;
            generated.push_back(windows[i]);
            generatedStyles.push_back(i == 0 ? std::string() : styles[i]);
            if (i != 0)
                ++generatedCounts[styles[i]];
        }
        const FeatureComparison c = compareFeatures(windows, styles, generated, generatedStyles);
        QCOMPARE(c.overall.realCount, int(windows.size()));
        QCOMPARE(c.overall.generatedCount, int(generated.size()));
        QVERIFY(!c.perStyle.count("latin"));
        QVERIFY(!c.perStyle.count(""));
        QCOMPARE(int(c.perStyle.size()), int(generatedCounts.size()));
        QVERIFY(c.perStyle.count("rock"));
        for (const auto& [style, set] : c.perStyle) {
            QCOMPARE(set.realCount, counts[style]);
            QCOMPARE(set.generatedCount, generatedCounts[style]);
            QCOMPARE(set.features.size(), c.names.size());
        }
        // Rock comes from two files (a merged label), and a style compared with itself scores 1.
        QCOMPARE(c.perStyle.at("rock").realCount, counts["rock"]);
        const FeatureComparison self = compareFeatures(windows, styles, windows, styles);
        QCOMPARE(int(self.perStyle.size()), int(counts.size()));
        for (const auto& d : self.perStyle.at("hiphop").features)
            QVERIFY(std::abs(d.overlap - 1.0) < 1e-9);
    }
    void velocityHeatMapByHand()
    {
        const std::vector<Groove> set{oneBar(2, {{0, 0, 1.0f, 0}}), oneBar(2, {{0, 0, 0.5f, 0}, {4, 1, 0.8f, 0}}),
                                      Groove(Grid{2, 4, {4, 4}}, 2)};  // another grid: skipped
        const VelocityHeatMap map = velocityHeatMap(set);
        QCOMPARE(map.steps, 16);
        QCOMPARE(map.voices, 2);
        QCOMPARE(map.grooves, 2);
        QCOMPARE(map.meanVelocity[0], 0.75);
        QCOMPARE(map.hitRate[0], 1.0);
        QVERIFY(std::abs(map.meanVelocity[16 + 4] - 0.8) < 1e-6);
        QCOMPARE(map.hitRate[16 + 4], 0.5);
        QCOMPARE(map.meanVelocity[1], -1.0);
        QCOMPARE(map.hitRate[1], 0.0);
    }
};

QTEST_APPLESS_MAIN(TestFeatures)
#include "tst_features.moc"
