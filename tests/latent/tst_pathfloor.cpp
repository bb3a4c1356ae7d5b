// Paths between real grooves never fall silent (issue 17, finding 3): with every bundled model, 30 pairs of
// held-out Groove MIDI Dataset beats (validation part), 8 interior steps each, no step has fewer than 4 hits.
// Also the rules of the floor itself on hand-made decoder outputs.
#include "latent/latentspace.h"
#include "latenttestdata.h"
#include "model/model.h"

#include <QtTest/QtTest>


namespace gs {

namespace {


DecodedGroove flatDecoded(int steps, int voices, float logit)
{
    DecodedGroove d;
    d.grid = Grid{};
    d.grid.bars = steps / 16;
    d.steps = steps;
    d.voices = voices;
    const std::size_t cells = std::size_t(steps) * std::size_t(voices);
    d.hitLogits.assign(cells, logit);
    d.velocity.assign(cells, 0.5f);
    d.offset.assign(cells, 0.1f);
    return d;
}

} // namespace

class TestPathFloor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void floorFollowsTheEnds()
    {
        QCOMPARE(pathHitFloor(40, 60), 20);  // half the sparser end
        QCOMPARE(pathHitFloor(7, 50), 4);  // never fewer than 4 ...
        QCOMPARE(pathHitFloor(0, 10), 4);  // ... even where the model decoded an end to almost nothing
    }

    void fillAddsTheMostProbableCells()
    {
        DecodedGroove d = flatDecoded(32, 9, -6.0f);  // nothing reaches 0.5
        d.hitLogits[5 * 9 + 1] = -1.0f;  // the two most probable cells
        d.hitLogits[9 * 9 + 0] = -0.5f;
        d.velocity[9 * 9 + 0] = 0.8f;
        SamplingOptions options;
        Groove g = realise(d, options);
        QCOMPARE(g.hitCount(), 0);
        QCOMPARE(fillToFloor(g, d, options, 2), 2);
        QCOMPARE(g.hitCount(), 2);
        QVERIFY(g.hit(9, 0));
        QVERIFY(g.hit(5, 1));
        QCOMPARE(g.velocity(9, 0), 0.8f);
        QCOMPARE(g.offset(5, 1), 0.1f);
        QCOMPARE(fillToFloor(g, d, options, 2), 0);  // already there: unchanged
    }

    void fillKeepsTheMusiciansLimits()
    {
        DecodedGroove d = flatDecoded(16, 3, -6.0f);
        for (int s = 0; s < 16; ++s)
            d.hitLogits[std::size_t(s) * 3] = -1.0f;  // voice 0 is the most probable everywhere
        SamplingOptions options;
        options.voiceThreshold = {0.95f, -1.0f, -1.0f};  // ... but the musician turned it fully down
        Groove g = realise(d, options);
        QCOMPARE(fillToFloor(g, d, options, 4), 4);
        QCOMPARE(g.hitCount(0), 0);
        options.voiceThreshold.clear();
        options.voiceMaxHits = {2, -1, -1};
        Groove h = realise(d, options);
        QCOMPARE(fillToFloor(h, d, options, 6), 6);
        QCOMPARE(h.hitCount(0), 2);
    }

    void stepsAboveTheFloorAreUntouched()
    {
        std::vector<DecodedGroove> steps(5, flatDecoded(32, 9, -6.0f));
        for (int s = 0; s < 32; s += 2)  // the ends: 16 hits each
            steps.front().hitLogits[std::size_t(s) * 9] = steps.back().hitLogits[std::size_t(s) * 9] = 3.0f;
        for (int s = 0; s < 32; s += 4)  // step 1: 8 hits, exactly the floor
            steps[1].hitLogits[std::size_t(s) * 9 + 2] = 2.0f;
        const PathRealisation path = realisePath(steps, SamplingOptions{});
        QCOMPARE(path.floor, 8);
        QVERIFY(path.grooves[1].sameAs(realise(steps[1], SamplingOptions{})));
        QCOMPARE(path.grooves[2].hitCount(), 8);
        QCOMPARE(path.grooves[3].hitCount(), 8);
        QCOMPARE(path.filledSteps, 2);
    }

    void noSilentStepBetweenRealGrooves_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("2D RhythmVAE (the default map)") << "rhythmvae-2d.gsmodel";
        QTest::newRow("3D RhythmVAE") << "rhythmvae-3d.gsmodel";
        QTest::newRow("32D flat recurrent") << "recurrent-32d-flat.gsmodel";
    }

    void noSilentStepBetweenRealGrooves()
    {
        QFETCH(QString, model);
        const std::vector<Groove> beats = test::gmdValidationBeats(31);
        QVERIFY2(beats.size() == 31, "fewer than 31 validation beats in the shared data");
        auto loaded = Model::load((test::sourceDir() / "models" / model.toStdString()).string());
        QVERIFY2(loaded.ok(), loaded ? "" : loaded.error().describe().c_str());
        const LatentSpace space(*loaded);
        auto encoded = space.encode(beats);
        QVERIFY(encoded.ok());

        int interior = 0, silentBefore = 0, silentAfter = 0, filled = 0, silentEnds = 0;
        for (std::size_t i = 0; i + 1 < beats.size(); ++i) {
            const auto decoded = space.decode(interpolate(encoded->mean[i], encoded->mean[i + 1], 10));
            const PathRealisation path = realisePath(decoded, SamplingOptions{});
            filled += path.filledSteps;
            for (const std::size_t end : {std::size_t(0), decoded.size() - 1})  // the ends are playable too
                silentEnds += path.grooves[end].hitCount() < 4 ? 1 : 0;
            for (std::size_t s = 1; s + 1 < decoded.size(); ++s) {
                ++interior;
                silentBefore += realise(decoded[s], SamplingOptions{}).hitCount() < 4 ? 1 : 0;
                silentAfter += path.grooves[s].hitCount() < 4 ? 1 : 0;
                // What the decoder chose stays: the floor only adds.
                const Groove plain = realise(decoded[s], SamplingOptions{});
                for (int step = 0; step < plain.steps(); ++step)
                    for (int v = 0; v < plain.voices(); ++v)
                        if (plain.hit(step, v))
                            QVERIFY(path.grooves[s].hit(step, v));
            }
        }
        qInfo("%s: near-silent interior steps (< 4 hits) %d of %d (%.1f%%) before the floor, %d after; %d steps filled",
              qPrintable(model), silentBefore, interior, 100.0 * silentBefore / interior, silentAfter, filled);
        QCOMPARE(silentAfter, 0);
        QCOMPARE(silentEnds, 0);
    }
};

} // namespace gs

QTEST_GUILESS_MAIN(gs::TestPathFloor)
#include "tst_pathfloor.moc"
