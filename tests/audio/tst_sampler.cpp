// The sampler's voices with the real kits: hi-hat choke, velocity layers,
// round robin, no clicks at pattern swaps and kit changes, voice stealing,
// mute and solo.
#include "audiotest.h"

#include <QtTest/QtTest>

#include <algorithm>

using namespace gs;
using namespace gs::test;

namespace {

constexpr double kRate = 48000.0;
constexpr int kClosedHat = 2;  // GrooVAE voices: 0 kick, 1 snare, 2 closed hat, 3 open hat, ...
constexpr int kOpenHat = 3;

double energy(const std::vector<float>& stereo, std::int64_t from, std::int64_t to)
{
    double e = 0.0;
    for (std::int64_t i = from * 2; i < to * 2 && i < std::int64_t(stereo.size()); ++i)
        e += double(stereo[std::size_t(i)]) * stereo[std::size_t(i)];
    return e;
}

float maxJump(const std::vector<float>& stereo, std::int64_t from, std::int64_t to)
{
    float jump = 0.0f;
    for (std::int64_t f = std::max<std::int64_t>(1, from); f < to && f * 2 + 1 < std::int64_t(stereo.size()); ++f)
        for (int c = 0; c < 2; ++c)
            jump = std::max(jump, std::abs(stereo[std::size_t(f * 2 + c)] - stereo[std::size_t((f - 1) * 2 + c)]));
    return jump;
}

RenderOptions baseOptions(int block = 256)
{
    RenderOptions o;
    o.sampleRate = kRate;
    o.blockSize = block;
    o.tailSeconds = 1.0;
    o.settings.bpm = 120.0;
    return o;
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Kit> m_acoustic;
    std::shared_ptr<const Kit> m_gm;

private Q_SLOTS:
    void initTestCase()
    {
        m_acoustic = loadAssetKit("acoustic", kRate);
        m_gm = loadAssetKit("gm-standard", kRate);
        QVERIFY(m_acoustic);
        QVERIFY(m_gm);
    }

    void closedHatChokesOpenHat_data()
    {
        QTest::addColumn<QString>("kit");
        QTest::newRow("acoustic") << "acoustic";
        QTest::newRow("gm-standard (Fluid R3, no choke in the samples)") << "gm-standard";
    }
    void closedHatChokesOpenHat()
    {
        QFETCH(QString, kit);
        auto k = kit == "acoustic" ? m_acoustic : m_gm;
        RenderOptions o = baseOptions();
        o.settings.chokeFadeMs = 5.0f;
        // Open hat on step 0, and in the choked version a closed hat on step 2 (12000 frames).
        auto openOnly = renderPatterns({makePattern({{0, kOpenHat, 0.9f, 0.0f}})}, k, o);
        auto choked = renderPatterns({makePattern({{0, kOpenHat, 0.9f, 0.0f}, {2, kClosedHat, 0.9f, 0.0f}})}, k, o);
        auto closedOnly = renderPatterns({makePattern({{2, kClosedHat, 0.9f, 0.0f}})}, k, o);
        // The open hat still rings at step 2 when nothing cuts it.
        const std::int64_t at = 12000;
        const std::int64_t fade = 240;  // 5 ms at 48 kHz
        const double openLater = energy(openOnly.audio, at + fade, at + fade + 9600);
        QVERIFY2(openLater > 1e-3, qPrintable(QString("open hat has died by itself: %1").arg(openLater)));
        // Choked: the open hat's part (choked minus closed alone) is silent after the fade.
        std::vector<float> openPart(choked.audio.size());
        for (std::size_t i = 0; i < openPart.size(); ++i)
            openPart[i] = choked.audio[i] - (i < closedOnly.audio.size() ? closedOnly.audio[i] : 0.0f);
        QCOMPARE(energy(openPart, at + fade + 1, at + fade + 9600), 0.0);
        // ... and it faded, not cut: no jump at the choke bigger than the open hat's own largest step.
        QVERIFY(maxJump(openPart, at, at + fade + 2) <= maxJump(openOnly.audio, 0, at) + 1e-6f);
        // Before the closed hat, the two renders agree.
        QCOMPARE(firstDifference(openOnly.audio, choked.audio) >= at, true);
    }

    void velocityLayersSwitch()
    {
        RenderOptions o = baseOptions();
        o.settings.velocityCurve = 1.0f;
        auto soft = renderPatterns({makePattern({{0, 1, 0.3f, 0.0f}})}, m_acoustic, o);  // snare, MIDI 38
        auto hard = renderPatterns({makePattern({{0, 1, 1.0f, 0.0f}})}, m_acoustic, o);
        const int snare = m_acoustic->instrumentForNote(38);
        const SampleData* softSample = m_acoustic->instrument(snare).layerFor(38)->samples[0].get();
        const SampleData* hardSample = m_acoustic->instrument(snare).layerFor(127)->samples[0].get();
        QVERIFY(softSample != hardSample);
        QVERIFY(softSample->path.find("soft") != std::string::npos);
        QVERIFY(hardSample->path.find("hard") != std::string::npos);
        // The rendered sound is each layer's sample, scaled by its gain (velocity * master * instrument).
        auto matches = [](const std::vector<float>& audio, const SampleData& s, float gain) {
            for (int i = 0; i < std::min(s.length, 4000); ++i)
                if (std::abs(audio[std::size_t(i) * 2] - s.frames[std::size_t(i) * 2] * gain) > 1e-5f)
                    return false;
            return true;
        };
        const float g = 0.7f * m_acoustic->instrument(snare).gain;
        QVERIFY(matches(soft.audio, *softSample, 0.3f * g));
        QVERIFY(matches(hard.audio, *hardSample, 1.0f * g));
        QVERIFY(!matches(hard.audio, *softSample, 1.0f * g));
    }

    void roundRobinAlternates()
    {
        // A kit whose snare layer has two samples: hits alternate between them.
        KitInstrument snare;
        snare.name = "Snare";
        snare.notes = {38};
        KitLayer layer;
        layer.samples = m_acoustic->instrument(m_acoustic->instrumentForNote(38)).layers[0].samples;
        layer.samples.push_back(m_acoustic->instrument(m_acoustic->instrumentForNote(36)).layers[0].samples[0]);
        snare.layers.push_back(layer);
        auto kit = std::make_shared<const Kit>("rr", "", kRate, std::vector<KitInstrument>{snare});
        RenderOptions o = baseOptions();
        auto two = renderPatterns({makePattern({{0, 1, 0.5f, 0.0f}, {8, 1, 0.5f, 0.0f}})}, kit, o);
        auto first = renderPatterns({makePattern({{0, 1, 0.5f, 0.0f}})}, kit, o);
        // The second hit (48000) is the kick sample, not the snare again.
        const SampleData& kick = *layer.samples[1];
        std::vector<float> second(two.audio.size());
        for (std::size_t i = 0; i < second.size(); ++i)
            second[i] = two.audio[i] - (i < first.audio.size() ? first.audio[i] : 0.0f);
        const float gain = std::pow(0.5f, 1.5f) * 0.7f;
        for (int i = 0; i < 2000; ++i)
            QVERIFY(std::abs(second[std::size_t(48000 + i) * 2] - kick.frames[std::size_t(i) * 2] * gain) < 1e-5f);
    }

    void patternSwapsDoNotClick()
    {
        // Two different busy grooves swapped immediately at every block boundary.
        std::vector<TestHit> a, b;
        for (int s = 0; s < 16; ++s) {
            a.push_back({s, s % 2 ? kClosedHat : 0, 0.8f, 0.0f});
            b.push_back({s, s % 3 ? 1 : kOpenHat, 0.7f, 0.1f});
        }
        auto pa = makePattern(a);
        auto pb = makePattern(b);
        RenderOptions o = baseOptions(256);
        o.tailSeconds = 0.0;
        o.loops = 2;
        const auto plainA = renderPatterns({pa}, m_acoustic, o);
        const auto plainB = renderPatterns({pb}, m_acoustic, o);
        const float bound = std::max(maxJump(plainA.audio, 0, plainA.frames), maxJump(plainB.audio, 0, plainB.frames));
        QVERIFY(bound > 0.0f);
        int swaps = 0;
        o.beforeBlock = [&](Engine& engine, std::int64_t) {
            QVERIFY(engine.setPattern(swaps++ % 2 ? pa : pb, PatternChange::Immediate));
        };
        const auto swapped = renderPatterns({pa}, m_acoustic, o);
        QVERIFY(swaps > 300);
        float worstAtSwap = 0.0f;
        for (std::int64_t f = 256; f < swapped.frames; f += 256)
            worstAtSwap = std::max(worstAtSwap, maxJump(swapped.audio, f, f + 1));
        QVERIFY2(worstAtSwap <= bound, qPrintable(QString("jump %1 at a swap, bound %2").arg(worstAtSwap).arg(bound)));

        // Swapping to an identical snapshot changes nothing at all.
        auto pa2 = makePattern(a);
        o.beforeBlock = [&](Engine& engine, std::int64_t) { engine.setPattern(swaps++ % 2 ? pa : pa2, PatternChange::Immediate); };
        const auto same = renderPatterns({pa}, m_acoustic, o);
        QCOMPARE(firstDifference(same.audio, plainA.audio), std::int64_t(-1));
    }

    void kitChangeFadesOutOldVoices()
    {
        RenderOptions o = baseOptions(256);
        o.tailSeconds = 0.5;
        auto p = makePattern({{0, 0, 1.0f, 0.0f}, {0, kOpenHat, 1.0f, 0.0f}});
        const auto plain = renderPatterns({p}, m_acoustic, o);
        o.beforeBlock = [&](Engine& engine, std::int64_t frame) {
            if (frame == 2048)
                QVERIFY(engine.setKit(m_gm ? loadAssetKit("gm-standard", kRate) : nullptr));
        };
        const auto changed = renderPatterns({p}, m_acoustic, o);
        const std::int64_t change = firstDifference(plain.audio, changed.audio);
        QVERIFY2(change == 2048 || change == 2049, qPrintable(QString::number(change)));  // the fade's first step
        const float bound = maxJump(plain.audio, 0, 4096);
        QVERIFY(maxJump(changed.audio, 2040, 2048 + 260) <= bound);
        // After the fade the old kit is silent (nothing new plays until the next loop).
        QCOMPARE(energy(changed.audio, 2048 + 241, 90000), 0.0);
    }

    void polyphonyStealsQuietestOldest()
    {
        RenderOptions o = baseOptions(64);
        o.settings.polyphony = 2;
        o.settings.bpm = 300.0;
        std::vector<TestHit> hits;
        for (int s = 0; s < 16; ++s)
            hits.push_back({s, kOpenHat + 4 + (s % 2), 0.9f, 0.0f});  // crash (7) and ride (8): long rings
        const auto r = renderPatterns({makePattern(hits)}, m_acoustic, o);
        const int maxVoices = r.maxVoices;
        QCOMPARE(r.hitsPlayed, std::uint64_t(16));
        // 2 sounding plus at most the ones still fading out after being stolen.
        QVERIFY2(maxVoices >= 2 && maxVoices <= 4, qPrintable(QString::number(maxVoices)));
        // Stolen voices fade: no jump bigger than the unlimited render's largest.
        RenderOptions unlimited = baseOptions(64);
        unlimited.settings.bpm = 300.0;
        const auto free = renderPatterns({makePattern(hits)}, m_acoustic, unlimited);
        QVERIFY(maxJump(r.audio, 0, r.frames) <= maxJump(free.audio, 0, free.frames) * 1.01f);
    }

    void tuneResamplesOnTheFly()
    {
        // An octave up plays the sample twice as fast: half as long; an octave down twice as long.
        auto p = makePattern({{0, 1, 0.9f, 0.0f}});
        RenderOptions o = baseOptions();
        o.tailSeconds = 5.0;
        const auto plain = renderPatterns({p}, m_acoustic, o);
        o.settings.mix[1].tune = 12.0f;
        const auto up = renderPatterns({p}, m_acoustic, o);
        o.settings.mix[1].tune = -12.0f;
        const auto down = renderPatterns({p}, m_acoustic, o);
        const SampleData& s = *m_acoustic->instrument(m_acoustic->instrumentForNote(38)).layerFor(115)->samples[0];
        auto soundEnd = [](const RenderResult& r) {
            std::int64_t end = r.frames;
            while (end > 0 && r.audio[std::size_t(end) * 2 - 1] == 0.0f && r.audio[std::size_t(end) * 2 - 2] == 0.0f)
                --end;
            return end;
        };
        QVERIFY(std::abs(soundEnd(plain) - s.length) <= 1);
        QVERIFY2(std::abs(soundEnd(up) - s.length / 2) <= 2, qPrintable(QString::number(soundEnd(up))));
        QVERIFY2(std::abs(soundEnd(down) - 2 * s.length) <= 2, qPrintable(QString::number(soundEnd(down))));
        // Cubic interpolation: frame 1 of the octave-down render lies halfway between the sample's
        // frames 0 and 1, by Catmull-Rom weights (-1, 9, 9, -1) / 16 with silence before frame 0.
        const float g = std::pow(0.9f, 1.5f) * 0.7f * m_acoustic->instrument(m_acoustic->instrumentForNote(38)).gain;
        QVERIFY(std::abs(down.audio[2] - g * (9.0f * s.frames[0] + 9.0f * s.frames[2] - s.frames[4]) / 16.0f) < 1e-6f);
    }

    void tunedToneStaysClean()
    {
        // A 5 kHz sine at 48 kHz tuned down 7 semitones must come out as the same sine read at the new
        // rate. A straight line between frames is off by 2.7% of the amplitude (RMS) at this pitch,
        // the cubic by 0.3%.
        constexpr double kPi = 3.14159265358979323846;
        const double w = 2.0 * kPi * 5000.0 / 48000.0;
        SampleData tone;
        tone.length = 4800;
        tone.frames.assign(std::size_t(tone.length + 2) * 2, 0.0f);
        for (int i = 0; i < tone.length; ++i)
            tone.frames[std::size_t(2 * i)] = tone.frames[std::size_t(2 * i + 1)] = float(std::sin(w * i));
        VoicePool pool;
        pool.reset();
        VoiceStart start;
        start.sample = &tone;
        start.rate = std::exp2(-7.0 / 12.0);
        pool.start(start);
        std::vector<float> out(2 * 6000, 0.0f);
        pool.render(out.data(), 6000);
        double error = 0.0;
        int n = 0;
        for (int i = 10; i < 6000 && double(i) * start.rate < tone.length - 10; ++i, ++n) {
            const double want = std::sin(w * double(i) * start.rate);
            error += (out[std::size_t(2 * i)] - want) * (out[std::size_t(2 * i)] - want);
            QCOMPARE(out[std::size_t(2 * i + 1)], out[std::size_t(2 * i)]);
        }
        QVERIFY(n > 5000);
        const double rms = std::sqrt(error / n);
        QVERIFY2(rms < 0.01, qPrintable(QString::number(rms)));
    }

    void muteAndSolo()
    {
        auto p = makePattern({{0, 0, 0.9f, 0.0f}, {4, 1, 0.9f, 0.0f}});
        RenderOptions o = baseOptions();
        o.settings.mix[1].mute = true;
        auto muted = renderPatterns({p}, m_acoustic, o);
        QCOMPARE(muted.hitsPlayed, std::uint64_t(1));
        QCOMPARE(muted.hitsSilent, std::uint64_t(1));
        RenderOptions s = baseOptions();
        s.settings.mix[1].solo = true;
        auto solo = renderPatterns({p}, m_acoustic, s);
        QCOMPARE(solo.hitsPlayed, std::uint64_t(1));
        QCOMPARE(firstAbove(solo.audio, 0, 0.0f) >= 24000, true);  // the kick on step 0 is silent
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
