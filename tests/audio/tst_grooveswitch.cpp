// The hand-over from one groove to the next (a path's next groove, a next-bar
// change): a hit belongs to its grid step wherever micro-timing moves it, so
// the old groove's late hits sound after the boundary and the new groove's
// early hits before it. Each render is compared sample for sample with one
// groove that has the expected hits, through the real renderer and kit.
#include "audiotest.h"

#include <QtTest/QtTest>

using namespace gs;
using namespace gs::test;

namespace {

constexpr double kRate = 48000.0;
enum Voice { Kick = 0, Snare = 1, ClosedHat = 2, LowTom = 4 };

} // namespace

class TestGrooveSwitch : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Kit> m_kit;

    // 120 BPM: a 16th is 6,000 frames, a bar 96,000. Swing 75% on 16ths with full humanise puts a
    // step-15 hit 1.0 late at 16.0 steps: exactly on the next bar line, past its own bar.
    static RenderOptions options(bool swing)
    {
        RenderOptions o;
        o.sampleRate = kRate;
        o.blockSize = 256;
        o.tailSeconds = 0.5;
        o.settings.bpm = 120.0;
        o.settings.humanize = 1.0;
        if (swing) {
            o.settings.swingPercent = 75.0;
            o.settings.swingGrid = 16;
        }
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_kit = loadAssetKit("acoustic", kRate);
        QVERIFY(m_kit);
        for (int note : {36, 38, 42, 45})
            QVERIFY2(m_kit->instrumentForNote(note) >= 0, "the test kit plays kick, snare, hat and low tom");
    }

    void lateLastHitOfAPathGroovePlaysAfterIt()
    {
        // Groove 1's step-15 kick lands on the bar line; groove 2 has a snare on step 4.
        const auto late = makePattern({{15, Kick, 0.9f, 1.0f}});
        const auto next = makePattern({{4, Snare, 0.9f, 0.0f}});
        const auto r = renderPatterns({late, next}, m_kit, options(true));
        QCOMPARE(r.musicFrames, std::int64_t(192000));
        QCOMPARE(r.hitsPlayed, std::uint64_t(2));
        const auto expected = renderPatterns({makePattern({{16, Kick, 0.9f, 0.0f}, {20, Snare, 0.9f, 0.0f}}, 2)},
                                             m_kit, options(true));
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void lateHitOfARepeatedGroovePlaysOnce()
    {
        // The same groove twice in a row (two loops of a path): its late kick of loop 1 sounds once,
        // at the start of loop 2; loop 2's own falls on the end of the music and is not rendered.
        RenderOptions o = options(true);
        o.loops = 2;
        const auto r = renderPatterns({makePattern({{15, Kick, 0.9f, 1.0f}})}, m_kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(1));
        const auto expected = renderPatterns({makePattern({{16, Kick, 0.9f, 0.0f}}, 2)}, m_kit, options(true));
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void nextBarChangeAtTheLoopEndPlaysItsEarlyHitEarly()
    {
        // One-bar snare groove looping; during bar 1 a groove with a kick 0.4 of a half step early on
        // step 0 is asked for at the next bar: its kick sounds 1,200 frames before bar 2, not on it.
        RenderOptions o = options(false);
        o.loops = 2;
        const auto early = makePattern({{0, Kick, 0.9f, -0.4f}});
        bool asked = false;
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame >= 30000 && !asked) {
                asked = true;
                QVERIFY(engine.setPattern(early, PatternChange::NextBar));
            }
        };
        const auto r = renderPatterns({makePattern({{4, Snare, 0.9f, 0.0f}})}, m_kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(2));
        const auto expected = renderPatterns({makePattern({{4, Snare, 0.9f, 0.0f}, {16, Kick, 0.9f, -0.4f}}, 2)},
                                             m_kit, options(false));
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void nextBarChangeInsideTheLoopHandsOverByStep()
    {
        // Two-bar grooves, the change asked for in bar 1 and made at bar 2's line (96,000):
        //  old: kick on step 15 late onto the bar line (plays: it belongs to bar 1),
        //       snare on step 16 early (does not: step 16 is the new groove's);
        //  new: hat on step 15 late onto the bar line (does not: its bar 1 never played),
        //       low tom on step 16 early (plays, 1,200 frames before the bar line), snare on step 20.
        RenderOptions o = options(true);
        const auto old = makePattern({{15, Kick, 0.9f, 1.0f}, {16, Snare, 0.9f, -0.4f}}, 2);
        const auto next = makePattern({{15, ClosedHat, 0.9f, 1.0f}, {16, LowTom, 0.9f, -0.4f}, {20, Snare, 0.9f, 0.0f}}, 2);
        bool asked = false;
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame >= 30000 && !asked) {
                asked = true;
                QVERIFY(engine.setPattern(next, PatternChange::NextBar));
            }
        };
        const auto r = renderPatterns({old}, m_kit, o);
        QCOMPARE(r.musicFrames, std::int64_t(192000));
        QCOMPARE(r.hitsPlayed, std::uint64_t(3));
        const auto expected = renderPatterns(
            {makePattern({{16, Kick, 0.9f, 0.0f}, {16, LowTom, 0.9f, -0.4f}, {20, Snare, 0.9f, 0.0f}}, 2)}, m_kit,
            options(true));
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void changeAskedForOnTheBarLinePlaysItsEarlyHitsThere()
    {
        // Asked for in the very block that starts on bar 2's line: too late to sound early, the new
        // groove's early tom plays on the line rather than not at all.
        RenderOptions o = options(false);
        const auto next = makePattern({{16, LowTom, 0.9f, -0.4f}}, 2);
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame == 96000)
                QVERIFY(engine.setPattern(next, PatternChange::NextBar));
        };
        const auto r = renderPatterns({makePattern({{4, Snare, 0.9f, 0.0f}}, 2)}, m_kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(2));
        const auto expected = renderPatterns({makePattern({{4, Snare, 0.9f, 0.0f}, {16, LowTom, 0.9f, 0.0f}}, 2)},
                                             m_kit, options(false));
        QCOMPARE(firstDifference(r.audio, expected.audio), std::int64_t(-1));
    }

    void seamlessLoopIsTheMiddleOfALoopingPerformance()
    {
        // A WAV that loops: kick 0.4 of a half step early on step 0, hat on step 15 late onto the
        // bar line, snare on step 4. The file must equal a bar from the middle of the groove looping.
        const auto groove = makePattern({{0, Kick, 0.9f, -0.4f}, {4, Snare, 0.9f, 0.0f}, {15, ClosedHat, 0.9f, 1.0f}});
        RenderOptions seamless = options(true);
        seamless.seamlessLoop = true;
        const auto file = renderPatterns({groove}, m_kit, seamless);
        QCOMPARE(file.frames, std::int64_t(96000));
        QCOMPARE(file.hitsPlayed, std::uint64_t(3));
        RenderOptions looping = options(true);
        looping.loops = 4;
        looping.tailSeconds = 0.0;
        const auto performance = renderPatterns({groove}, m_kit, looping);
        const std::vector<float> bar2(performance.audio.begin() + 2 * 96000, performance.audio.begin() + 2 * 192000);
        QCOMPARE(firstDifference(file.audio, bar2), std::int64_t(-1));
        // The next pass's early kick sounds at the end of the file (its onset after 94,800 by at most
        // the kick samples' own attack delay); at the very start the previous pass already sounds.
        const auto noKick = renderPatterns(
            {makePattern({{4, Snare, 0.9f, 0.0f}, {15, ClosedHat, 0.9f, 1.0f}})}, m_kit, seamless);
        int attack = 0;
        for (const auto& sample : m_kit->instrument(m_kit->instrumentForNote(36)).layerFor(114)->samples)
            attack = std::max(attack, sampleOnset(*sample, 0.0f));
        const std::int64_t endKick = firstDifference(file.audio, noKick.audio, 48000);
        QVERIFY2(endKick >= 94800 && endKick <= 94800 + attack, std::to_string(endKick).c_str());
        QVERIFY(firstAbove(file.audio, 0, 0.0f) == 0);
        // A plain render of one pass is different: nothing before its first beat, nothing after its end.
        RenderOptions once = options(true);
        once.tailSeconds = 0.0;
        QVERIFY(firstDifference(renderPatterns({groove}, m_kit, once).audio, file.audio) >= 0);
    }
};

QTEST_GUILESS_MAIN(TestGrooveSwitch)
#include "tst_grooveswitch.moc"
