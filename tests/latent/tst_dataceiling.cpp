// The data ceilings eval --ceiling reports (dataceiling.h), on real GMD windows: each figure is checked
// against a case whose answer is known, so the numbers quoted against the quality goals mean what they say.
#include "latenttestdata.h"

#include "latent/accompanimentmetrics.h"
#include "latent/dataceiling.h"
#include "latent/latentspace.h"
#include "model/model.h"

#include <QtTest/QtTest>

using namespace gs;

class TstDataCeiling : public QObject {
    Q_OBJECT

    std::vector<Groove> m_windows;

private Q_SLOTS:
    void initTestCase()
    {
        m_windows = test::gmdWindows({"gmd/drummer1/session1/1_funk_80_beat_4-4.mid",
                                      "gmd/drummer1/session1/5_jazz-funk_116_beat_4-4.mid",
                                      "gmd/drummer1/session1/3_funk_80_beat_4-4.mid"});
        QVERIFY2(m_windows.size() >= 8, "needs real GMD windows (../shared/data/gmd)");
    }

    void aHeldOutWindowSeenInTrainingScoresOne()
    {
        const std::vector<Groove> heldOut(m_windows.begin(), m_windows.begin() + 3);
        const HitScore s = nearestTrainingGroove(m_windows, heldOut);
        QCOMPARE(s.windows, 3);
        QCOMPARE(s.f1, 1.0);
    }

    void oneTrainingWindowScoresAsTheMetricsDo()
    {
        // With one candidate there is no choice: the figure is that window's own F1 against the held-out one.
        const std::vector<Groove> train = {m_windows[0]};
        const std::vector<Groove> heldOut = {m_windows.back()};
        const HitScore s = nearestTrainingGroove(train, heldOut);
        const auto direct = accompanimentMetrics(train, heldOut);
        QVERIFY(direct.at("hit_f1") < 1.0);
        QCOMPARE(s.f1, direct.at("hit_f1"));
        QCOMPARE(s.precision, direct.at("hit_precision"));
    }

    void theBestOfSeveralIsChosen()
    {
        const std::vector<Groove> heldOut = {m_windows[2]};
        std::vector<Groove> train(m_windows.begin() + 3, m_windows.end());
        const HitScore without = nearestTrainingGroove(train, heldOut);
        train.push_back(m_windows[2]);
        QVERIFY(without.f1 < 1.0);
        QCOMPARE(nearestTrainingGroove(train, heldOut).f1, 1.0);
    }

    void sameRhythmVotesAmongWindowsOfThatRhythm()
    {
        // Two training windows with the held-out window's rhythm: one is the answer, one hits every onset with
        // every voice. The vote keeps cells at least half of them hit, so it is that full window (precision
        // low, recall 1); the best is the answer itself. A window of another rhythm is not matched.
        const Groove& answer = m_windows[0];
        Groove everyVoice(answer.grid(), answer.voices());
        for (int s = 0; s < answer.steps(); ++s)
            for (int v = 0; v < answer.voices(); ++v)
                if (answer.hit(s, v))
                    for (int all = 0; all < answer.voices(); ++all)
                        everyVoice.setHit(s, all, 0.8f);
        Groove otherRhythm = answer;
        int step = 0;
        while (otherRhythm.hit(step, 0) || otherRhythm.hit(step, 1) || otherRhythm.hit(step, 2))
            ++step;
        otherRhythm.setHit(step, 0, 0.9f);
        const SameRhythmScore s = sameRhythm({answer, everyVoice}, {answer, otherRhythm});
        QCOMPARE(s.matched.size(), std::size_t(1));
        QCOMPARE(s.matched.front(), std::size_t(0));
        QCOMPARE(s.best.f1, 1.0);
        QCOMPARE(s.vote.recall, 1.0);
        QCOMPARE(s.vote.precision, double(answer.hitCount()) / double(everyVoice.hitCount()));
    }

    void latentLookupOfATrainingWindowIsThatWindow()
    {
        auto model = Model::load((test::sourceDir() / "models" / "recurrent-32d-flat.gsmodel").string());
        QVERIFY2(model.ok(), model ? "" : model.error().describe().c_str());
        const LatentSpace space(*model);
        const std::vector<Groove> heldOut(m_windows.begin(), m_windows.begin() + 2);
        auto s = nearestInLatent(space, m_windows, heldOut, true);
        QVERIFY2(s.ok(), s ? "" : s.error().describe().c_str());
        QCOMPARE(s->groove.f1, 1.0);  // its own mean is nearest (distance 0)
        QCOMPARE(s->decoded.windows, 2);
        QVERIFY(s->decoded.f1 > 0.5);  // the base model's reconstruction of it
        // On its own point the blend is that point's mean, in the full latent and on the t-SNE layout alike.
        QCOMPARE(s->blended.f1, s->decoded.f1);
        QCOMPARE(s->layout.windows, 2);
        QCOMPARE(s->layout.f1, s->decoded.f1);

        // No training windows: an error, not a lookup into nothing; the other figures score no window.
        QVERIFY(!nearestInLatent(space, {}, heldOut).ok());
        QCOMPARE(nearestTrainingGroove({}, heldOut).windows, 0);
        QVERIFY(sameRhythm({}, heldOut).matched.empty());

        // Without the layout it is not computed (nothing scored).
        const std::vector<Groove> train(m_windows.begin() + 1, m_windows.end());
        auto unseen = nearestInLatent(space, train, {m_windows.front()}, false);
        QVERIFY2(unseen.ok(), unseen ? "" : unseen.error().describe().c_str());
        QCOMPARE(unseen->layout.windows, 0);
        QCOMPARE(unseen->decoded.windows, 1);
    }
};

QTEST_GUILESS_MAIN(TstDataCeiling)
#include "tst_dataceiling.moc"
