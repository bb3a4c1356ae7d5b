// The Accompanist on the bundled groove-transformer: it accepts only groove-mode transformers, turns
// the rhythm of real GMD windows into drums, and its redirect flags reach the decoder. Also the
// accompaniment metrics on hand-made cases.
#include "latenttestdata.h"

#include "core/monotonic.h"
#include "latent/accompanimentmetrics.h"
#include "latent/accompanist.h"
#include "model/model.h"

#include <QtTest/QtTest>

#include <thread>

using namespace gs;

class TestAccompanist : public QObject {
    Q_OBJECT
    std::optional<Model> m_model;
    std::vector<Groove> m_beats;

    int hitsOf(const std::vector<Groove>& grooves, std::initializer_list<int> voices) const
    {
        int n = 0;
        for (const Groove& g : grooves)
            for (int v : voices)
                n += g.hitCount(v);
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto path = test::sourceDir() / "models/groove-transformer.gsmodel";
        auto model = Model::load(path.string());
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().describe().c_str());
        m_model = *model;
        m_beats = test::gmdValidationBeats(24);
        QCOMPARE(int(m_beats.size()), 24);
    }
    void refusesOtherModels()
    {
        auto rhythmvae = Model::load((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        QVERIFY(rhythmvae.ok());
        QVERIFY(!Accompanist::isAccompanist(*rhythmvae));
        auto refused = Accompanist::create(*rhythmvae);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("groove-mode transformer") != std::string::npos);

        ModelConfig full = m_model->config();
        full.transformer.inputMode = "full";
        auto fullModel = Model::create(full);
        QVERIFY(fullModel.ok());
        auto refusedFull = Accompanist::create(*fullModel);
        QVERIFY(!refusedFull.ok());
        QVERIFY(refusedFull.error().message.find("input mode full") != std::string::npos);
        QVERIFY(Accompanist::create(*m_model).ok());
    }
    void drumsFollowTheRhythm()
    {
        auto a = Accompanist::create(*m_model);
        QVERIFY(a.ok());
        QCOMPARE(a->grid().steps(), 32);
        QVERIFY(!a->styles().empty());
        std::vector<Groove> made;
        for (const Groove& beat : m_beats) {
            auto drums = a->drumify(monotonicGroove(beat), {}, {});
            QVERIFY(drums.ok());
            QCOMPARE(drums->voices(), 9);
            made.push_back(*drums);
        }
        const auto m = accompanimentMetrics(made, m_beats);
        // Held-out beats: most generated hits fall where the drummer played (hits at random cells would
        // score about 0.125, the share of hit cells; the bundled model scores 0.69 / 0.49 on the whole
        // validation part, models/groove-transformer.md).
        QVERIFY2(m.at("hit_precision") > 0.55, qPrintable(QString::number(m.at("hit_precision"))));
        QVERIFY2(m.at("hit_recall") > 0.3, qPrintable(QString::number(m.at("hit_recall"))));
        // The same call twice gives the same drums; another seed with variation gives others.
        auto again = a->drumify(monotonicGroove(m_beats[0]), {}, {});
        QVERIFY(again->sameAs(made[0]));
        AccompanyOptions varied;
        varied.variation = 2.0f;
        int differ = 0;
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            varied.seed = seed;
            differ += a->drumify(monotonicGroove(m_beats[0]), {}, varied)->sameAs(made[0]) ? 0 : 1;
        }
        QVERIFY(differ > 0);
    }
    void redirectFlagsReachTheDecoder()
    {
        auto a = Accompanist::create(*m_model);
        QVERIFY(a.ok());
        AccompanyConditions noKick;
        noKick.without[std::size_t(VoiceGroup::Kick)] = true;
        AccompanyConditions noToms;
        noToms.without[std::size_t(VoiceGroup::Toms)] = true;
        std::vector<Groove> plain, withoutKick, withoutToms;
        int changed = 0;
        for (const Groove& beat : m_beats) {
            const Groove rhythm = monotonicGroove(beat);
            auto z = a->encode(rhythm);
            QVERIFY(z.ok());
            const DecodedGroove d0 = a->decode(*z, {});
            const DecodedGroove d1 = a->decode(*z, noKick);
            changed += d0.hitLogits != d1.hitLogits ? 1 : 0;
            plain.push_back(*a->drumify(rhythm, {}, {}));
            withoutKick.push_back(*a->drumify(rhythm, noKick, {}));
            withoutToms.push_back(*a->drumify(rhythm, noToms, {}));
        }
        QCOMPARE(changed, int(m_beats.size()));
        const int kicks = hitsOf(plain, {0}), kicksAfter = hitsOf(withoutKick, {0});
        QVERIFY2(kicks > 0 && kicksAfter < kicks / 2, qPrintable(QStringLiteral("%1 -> %2").arg(kicks).arg(kicksAfter)));
        QVERIFY(hitsOf(withoutToms, {4, 5, 6}) <= hitsOf(plain, {4, 5, 6}));
    }
    void styleConditionChangesTheDrums()
    {
        // The style is learned as a condition (models/groove-transformer.md): for the same rhythms, "jazz"
        // asks for the ride where "rock" keeps the closed hi-hat, as the drummers of those GMD styles play.
        auto a = Accompanist::create(*m_model);
        QVERIFY(a.ok());
        AccompanyConditions jazz, rock;
        jazz.style = "jazz";
        rock.style = "rock";
        std::vector<Groove> asJazz, asRock;
        int differ = 0;
        for (const Groove& beat : m_beats) {
            const Groove rhythm = monotonicGroove(beat);
            asJazz.push_back(*a->drumify(rhythm, jazz, {}));
            asRock.push_back(*a->drumify(rhythm, rock, {}));
            differ += asJazz.back().sameAs(asRock.back()) ? 0 : 1;
        }
        QVERIFY2(differ > int(m_beats.size()) / 2, qPrintable(QString::number(differ)));
        const int rideJazz = hitsOf(asJazz, {8}), rideRock = hitsOf(asRock, {8});
        const int hatJazz = hitsOf(asJazz, {2}), hatRock = hitsOf(asRock, {2});
        QVERIFY2(rideJazz > rideRock && hatJazz < hatRock,
                 qPrintable(QStringLiteral("ride %1 vs %2, closed hat %3 vs %4").arg(rideJazz).arg(rideRock).arg(hatJazz).arg(hatRock)));
    }
    void badInputIsAnError()
    {
        auto a = Accompanist::create(*m_model);
        QVERIFY(!a->encode(m_beats[0]).ok());  // 9 voices, not a rhythm
        Grid threeFour;
        threeFour.meter = {3, 4};
        QVERIFY(!a->encode(Groove(threeFour, 1)).ok());
        AccompanyConditions unknown;
        unknown.style = "polka";
        auto refused = a->drumify(monotonicGroove(m_beats[0]), unknown, {});
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("polka") != std::string::npos);
        AccompanyOptions nan;
        nan.temperature = std::nanf("");
        QVERIFY(!a->drumify(monotonicGroove(m_beats[0]), {}, nan).ok());
    }
    void copiesShareOneModelAcrossThreads()
    {
        auto a = Accompanist::create(*m_model);
        const Accompanist copy = *a;
        const Groove rhythm = monotonicGroove(m_beats[1]);
        const Groove expected = *a->drumify(rhythm, {}, {});
        std::vector<std::thread> threads;
        std::atomic<int> same{0};
        for (int t = 0; t < 3; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 5; ++i)
                    same += copy.drumify(rhythm, {}, {})->sameAs(expected) ? 1 : 0;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(same.load(), 15);
    }
    void metricsOnKnownCases()
    {
        Grid grid;
        Groove real(grid, 2), generated(grid, 2);
        real.setHit(0, 0, 1.0f, 0.4f);
        real.setHit(4, 0, 0.5f, -0.4f);
        real.setHit(8, 1, 0.5f, 0.0f);
        generated.setHit(0, 0, 0.8f, 0.2f);  // true positive
        generated.setHit(4, 0, 0.5f, -0.2f);  // true positive
        generated.setHit(12, 1, 0.5f, 0.0f);  // false positive; (8, 1) is a false negative
        const auto m = accompanimentMetrics({generated}, {real});
        QCOMPARE(m.at("hit_precision"), 2.0 / 3.0);
        QCOMPARE(m.at("hit_recall"), 2.0 / 3.0);
        QVERIFY(std::abs(m.at("velocity_mse") - 0.02) < 1e-6);
        QVERIFY(std::abs(m.at("offset_mse") - 0.04) < 1e-6);
        QVERIFY(std::abs(m.at("offset_spread_ratio") - 0.5) < 1e-6);  // 0.2 vs 0.4 around 0
        QCOMPARE(m.at("windows"), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestAccompanist)
#include "tst_accompanist.moc"
