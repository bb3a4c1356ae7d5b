// Onsets land on the exact frames that tempo, swing, offsets and humanise ask
// for, detected in audio rendered with the real acoustic kit, whatever the
// block size.
#include "audiotest.h"

#include <QtTest/QtTest>

#include <algorithm>

using namespace gs;
using namespace gs::test;

namespace {

constexpr double kRate = 48000.0;

// The frame each hit starts at, found by rendering with and without it.
std::vector<std::int64_t> detectOnsets(const std::vector<TestHit>& hits, const std::shared_ptr<const Kit>& kit,
                                       const RenderOptions& options, int bars = 1)
{
    const RenderResult all = renderPatterns({makePattern(hits, bars)}, kit, options);
    std::vector<std::int64_t> onsets;
    for (std::size_t k = 0; k < hits.size(); ++k) {
        std::vector<TestHit> others = hits;
        others.erase(others.begin() + std::ptrdiff_t(k));
        const RenderResult without = renderPatterns({makePattern(others, bars)}, kit, options);
        onsets.push_back(firstDifference(all.audio, without.audio));
    }
    return onsets;
}

} // namespace

class TestSequencerTiming : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Kit> m_kit;
    int m_kickDelay = 0;  // frames of silence at the start of the kick sample
    int m_kickLength = 0;

    RenderOptions options(double bpm, int block) const
    {
        RenderOptions o;
        o.sampleRate = kRate;
        o.blockSize = block;
        o.tailSeconds = 0.5;
        o.settings.bpm = bpm;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_kit = loadAssetKit("acoustic", kRate);
        QVERIFY(m_kit);
        const int kick = m_kit->instrumentForNote(36);
        QVERIFY(kick >= 0);
        const SampleData& sample = *m_kit->instrument(kick).layerFor(100)->samples[0];
        QCOMPARE(m_kit->instrument(kick).layerFor(50)->samples[0]->length < 96000, true);
        m_kickDelay = sampleOnset(sample, 0.0f);
        m_kickLength = std::max(sample.length, m_kit->instrument(kick).layerFor(50)->samples[0]->length);
        QVERIFY(m_kickDelay >= 0);
    }

    void straightGridAtTempo_data()
    {
        QTest::addColumn<int>("block");
        QTest::addColumn<double>("bpm");
        QTest::newRow("block 256, 120 bpm") << 256 << 120.0;
        QTest::newRow("block 61, 120 bpm") << 61 << 120.0;
        QTest::newRow("block 1024, 90 bpm") << 1024 << 90.0;
    }
    void straightGridAtTempo()
    {
        QFETCH(int, block);
        QFETCH(double, bpm);
        const std::vector<TestHit> hits = {{0, 0, 0.9f, 0.0f}, {3, 0, 0.9f, 0.0f}, {8, 0, 0.9f, 0.0f}, {13, 0, 0.9f, 0.0f}};
        const auto onsets = detectOnsets(hits, m_kit, options(bpm, block));
        const double framesPerStep = kRate * 60.0 / bpm / 4.0;  // 16ths
        for (std::size_t i = 0; i < hits.size(); ++i)
            QCOMPARE(onsets[i], std::llround(hits[i].step * framesPerStep) + m_kickDelay);
    }

    void loopRepeatsAtItsLength()
    {
        RenderOptions o = options(120.0, 256);
        o.loops = 3;
        const auto result = renderPatterns({makePattern({{4, 0, 0.9f, 0.0f}})}, m_kit, o);
        QCOMPARE(result.musicFrames, std::int64_t(3 * 16 * 6000));
        QVERIFY(m_kickLength < 96000);  // the kick has ended before the next loop's kick
        std::int64_t from = 0;
        for (int loop = 0; loop < 3; ++loop) {
            const std::int64_t expected = loop * 96000 + 24000 + m_kickDelay;
            const std::int64_t onset = firstAbove(result.audio, from, 0.0f);
            QCOMPARE(onset, expected);
            from = onset - m_kickDelay + m_kickLength;  // after this kick's last frame
        }
        QCOMPARE(firstAbove(result.audio, from, 0.0f), std::int64_t(-1));
    }

    void swingPlacesOffBeats_data()
    {
        QTest::addColumn<int>("grid");
        QTest::addColumn<double>("percent");
        QTest::newRow("8ths 66%") << 8 << 66.0;
        QTest::newRow("8ths 75%") << 8 << 75.0;
        QTest::newRow("16ths 60%") << 16 << 60.0;
        QTest::newRow("straight") << 8 << 50.0;
    }
    void swingPlacesOffBeats()
    {
        QFETCH(int, grid);
        QFETCH(double, percent);
        RenderOptions o = options(120.0, 128);
        o.settings.swingGrid = grid;
        o.settings.swingPercent = percent;
        const std::vector<TestHit> hits = {{0, 0, 0.9f, 0.0f}, {1, 0, 0.9f, 0.0f}, {2, 0, 0.9f, 0.0f}, {3, 0, 0.9f, 0.0f}, {6, 0, 0.9f, 0.0f}};
        const auto onsets = detectOnsets(hits, m_kit, o);
        const double step = 6000.0;
        const double pair = grid == 8 ? 4.0 : 2.0;  // steps in a pair of swing-grid notes
        const double p = percent / 100.0;
        for (std::size_t i = 0; i < hits.size(); ++i) {
            // Expected by hand: the off-beat sits at p of the pair; steps between stretch linearly.
            const double s = hits[i].step;
            const double start = std::floor(s / pair) * pair;
            const double f = (s - start) / pair;
            const double within = f < 0.5 ? f / 0.5 * p : p + (f - 0.5) / 0.5 * (1.0 - p);
            const std::int64_t expected = std::llround((start + within * pair) * step) + m_kickDelay;
            QCOMPARE(onsets[i], expected);
        }
        if (grid == 8 && percent == 66.0)
            QCOMPARE(onsets[2], std::int64_t(15840) + m_kickDelay);  // 2 steps of 6000 at 66% of a quarter
    }

    void offsetsScaledByHumanize_data()
    {
        QTest::addColumn<double>("humanize");
        QTest::newRow("100%") << 1.0;
        QTest::newRow("50%") << 0.5;
        QTest::newRow("0% = straight grid") << 0.0;
    }
    void offsetsScaledByHumanize()
    {
        QFETCH(double, humanize);
        RenderOptions o = options(120.0, 256);
        o.settings.humanize = humanize;
        const std::vector<TestHit> hits = {{4, 0, 0.9f, 0.5f}, {8, 0, 0.9f, -1.0f}, {12, 0, 0.9f, 0.8f}};
        const auto onsets = detectOnsets(hits, m_kit, o);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            // An offset of +-1 is half a step (3000 frames) late/early.
            const std::int64_t expected =
                std::llround(hits[i].step * 6000.0 + humanize * hits[i].offset * 3000.0) + m_kickDelay;
            QCOMPARE(onsets[i], expected);
        }
    }

    void earlyFirstHitPlaysAtStartThenBeforeTheLoop()
    {
        RenderOptions o = options(120.0, 256);
        o.loops = 2;
        // Step 0, 40% of a half step early = 1200 frames early.
        const auto result = renderPatterns({makePattern({{0, 0, 0.9f, -0.4f}})}, m_kit, o);
        // At start it never plays before the first beat: frame 0.
        QCOMPARE(firstAbove(result.audio, 0, 0.0f), std::int64_t(m_kickDelay));
        // Then it plays at the end of loop 1, early for loop 2's first beat.
        QCOMPARE(firstAbove(result.audio, 60000, 0.0f), std::int64_t(96000 - 1200 + m_kickDelay));
    }

    void pathPlaysGroovesInOrder()
    {
        RenderOptions o = options(120.0, 256);
        // Three one-bar grooves: kick on step 0, 4 and 8 respectively; then two loops of the path.
        std::vector<std::shared_ptr<const Pattern>> path = {makePattern({{0, 0, 0.9f, 0.0f}}),
                                                            makePattern({{4, 0, 0.9f, 0.0f}}),
                                                            makePattern({{8, 0, 0.9f, 0.0f}})};
        o.loops = 2;
        const auto result = renderPatterns(path, m_kit, o);
        QCOMPARE(result.musicFrames, std::int64_t(6 * 96000));
        QCOMPARE(result.hitsPlayed, std::uint64_t(6));
        const std::int64_t expected[] = {0, 96000 + 24000, 192000 + 48000, 288000, 384000 + 24000, 480000 + 48000};
        std::int64_t from = 0;
        for (std::int64_t e : expected) {
            const std::int64_t onset = firstAbove(result.audio, from, 0.0f);
            QCOMPARE(onset, e + m_kickDelay);
            from = onset - m_kickDelay + m_kickLength;
        }
    }

    void earlyHitOfTheNextGrooveInAPathPlaysBeforeItsBar()
    {
        RenderOptions o = options(120.0, 256);
        o.tailSeconds = 0.0;
        // Bar 2's kick on step 0 is 0.4 of a half step early: 1200 frames before bar 2 starts.
        std::vector<std::shared_ptr<const Pattern>> path = {makePattern({{4, 1, 0.9f, 0.0f}}),
                                                            makePattern({{0, 0, 0.9f, -0.4f}})};
        const auto withKick = renderPatterns(path, m_kit, o);
        path[1] = makePattern({});
        const auto without = renderPatterns(path, m_kit, o);
        QCOMPARE(firstDifference(withKick.audio, without.audio), std::int64_t(96000 - 1200 + m_kickDelay));
        QCOMPARE(withKick.hitsPlayed, std::uint64_t(2));
    }

    void immediateChangeKeepsThePlayhead()
    {
        // At frame 51200 (block 200) the groove changes to one with a kick on step 10 (60000):
        // it plays at 60000, the place in the loop, not at 51200 + 60000.
        RenderOptions o = options(120.0, 256);
        o.tailSeconds = 0.0;
        auto later = makePattern({{10, 0, 0.9f, 0.0f}});
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame == 51200)
                QVERIFY(engine.setPattern(later, PatternChange::Immediate));
        };
        const auto r = renderPatterns({makePattern({})}, m_kit, o);
        QCOMPARE(firstAbove(r.audio, 0, 0.0f), std::int64_t(60000 + m_kickDelay));
        QCOMPARE(r.hitsPlayed, std::uint64_t(1));
    }

    void nextBarChangeWaitsForTheBarLine()
    {
        // Two-bar loops; the change is asked for in bar 1 (frame 30208) and happens at bar 2 (96000).
        RenderOptions o = options(120.0, 256);
        o.tailSeconds = 0.0;
        auto kicks = makePattern({{0, 0, 0.9f, 0.0f}, {16, 0, 0.9f, 0.0f}}, 2);
        auto snares = makePattern({{0, 1, 0.9f, 0.0f}, {16, 1, 0.9f, 0.0f}, {20, 1, 0.9f, 0.0f}}, 2);
        std::int64_t askedAt = -1;
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame >= 30000 && askedAt < 0) {
                askedAt = frame;
                QVERIFY(engine.setPattern(snares, PatternChange::NextBar));
            }
        };
        const auto r = renderPatterns({kicks}, m_kit, o);  // one 2-bar loop: 192000 frames
        QCOMPARE(r.musicFrames, std::int64_t(192000));
        // Kick at 0 only; then the snare groove from bar 2 on, at its own bar-2 position: steps 16 and 20.
        QCOMPARE(r.hitsPlayed, std::uint64_t(3));
        const std::vector<TestHit> expectedHits = {{0, 0, 0.9f, 0.0f}, {16, 1, 0.9f, 0.0f}, {20, 1, 0.9f, 0.0f}};
        RenderOptions plain = options(120.0, 256);
        plain.tailSeconds = 0.0;
        const auto expected = renderPatterns({makePattern(expectedHits, 2)}, m_kit, plain);
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void locateMovesThePlayhead()
    {
        RenderOptions o = options(120.0, 256);
        o.tailSeconds = 0.0;
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame == 2560)
                QVERIFY(engine.locate(7.0));  // to step 7 (42000): the kick on step 8 comes 6000 frames later
        };
        const auto r = renderPatterns({makePattern({{8, 0, 0.9f, 0.0f}})}, m_kit, o);
        QCOMPARE(firstAbove(r.audio, 0, 0.0f), std::int64_t(2560 + 6000 + m_kickDelay));
    }

    void otherSampleRateReloadsTheKit()
    {
        // At 44.1 kHz (a device's rate) with the kit loaded at that rate, a 16th at 120 BPM is 5512.5 frames.
        auto kit44 = loadAssetKit("acoustic", 44100.0);
        QVERIFY(kit44);
        RenderOptions o = options(120.0, 256);
        o.sampleRate = 44100.0;
        const std::vector<TestHit> hits = {{1, 0, 0.9f, 0.0f}, {4, 0, 0.9f, 0.0f}};
        const auto onsets = detectOnsets(hits, kit44, o);
        const int delay = sampleOnset(*kit44->instrument(kit44->instrumentForNote(36)).layerFor(115)->samples[0], 0.0f);
        QCOMPARE(onsets[0], std::int64_t(5513 + delay));  // round(5512.5)
        QCOMPARE(onsets[1], std::int64_t(22050 + delay));
        // The kit at 48 kHz is refused by a 44.1 kHz render, never played at the wrong pitch.
        Renderer wrong(o);
        QVERIFY(!wrong.render({makePattern(hits)}, m_kit));
    }

    void scheduleOfMaxHitsIsSortedAndStable()
    {
        // 8,192 hits (16 bars, 32 voices, every cell) with offsets both ways: the audio thread's sort
        // (O(n log n), no allocation) gives the order a stable sort by frame of the pattern's order
        // (by step, then voice) gives; early hits of step 0 wrapped to the loop's end included.
        std::vector<TestHit> hits;
        for (int step = 0; step < 256; ++step)
            for (int v = 0; v < 32; ++v)
                hits.push_back({step, v, 0.8f, float((step * 7 + v * 13) % 21 - 10) / 10.0f});
        auto pattern = makePattern(hits, 16, 32);
        QVERIFY(pattern);
        QCOMPARE(int(pattern->hits.size()), Pattern::kMaxHits);
        EngineSettings settings;
        settings.swingPercent = 62.0;
        std::vector<ScheduledHit> out(std::size_t(Pattern::kMaxHits));
        QCOMPARE(buildSchedule(*pattern, settings, kRate, out.data(), int(out.size())), Pattern::kMaxHits);
        std::vector<ScheduledHit> reference = out;
        std::sort(reference.begin(), reference.end(),
            [](const ScheduledHit& a, const ScheduledHit& b) { return a.step != b.step ? a.step < b.step : a.voice < b.voice; });
        std::stable_sort(reference.begin(), reference.end(),
            [](const ScheduledHit& a, const ScheduledHit& b) { return a.frame < b.frame; });
        int ties = 0, early = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
            QCOMPARE(out[i].frame, reference[i].frame);
            QCOMPARE(out[i].step, reference[i].step);
            QCOMPARE(out[i].voice, reference[i].voice);
            ties += i > 0 && out[i].frame == out[i - 1].frame ? 1 : 0;
            early += out[i].wrap < 0 ? 1 : 0;
        }
        QVERIFY(ties > 1000);  // many hits share a frame: the tie-break matters
        QVERIFY(early > 0);
    }

    void tempoIsClamped()
    {
        EngineSettings s;
        s.bpm = 1000.0;
        QCOMPARE(s.clamped().bpm, 300.0);
        s.bpm = 5.0;
        QCOMPARE(s.clamped().bpm, 30.0);
        s.swingPercent = 90.0;
        QCOMPARE(s.clamped().swingPercent, 75.0);
    }
};

QTEST_GUILESS_MAIN(TestSequencerTiming)
#include "tst_sequencertiming.moc"
