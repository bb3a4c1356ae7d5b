// The master limiter (src/audio/limiter.h) and what it makes of the engine's
// output: dense real songs at the default kit and volume never reach full
// scale (and would without it), a quiet groove passes untouched, and the
// clip light's figures add up.
#include "audiotest.h"
#include "audio/limiter.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

constexpr double kRate = 48000.0;
constexpr float kCeilingSlack = 1e-6f;  // float rounding of ceiling / peak * peak

// Drum tracks of the shared data that clip without the limiter: the loudest OpenMSX songs at the defaults
// (samples at full scale in a render before the limiter existed) and the densest ones (hits per second on
// channel 10), and the densest Groove MIDI Dataset grooves.
const char* const kDenseSongs[] = {
    "openmsx/careless_perc_redfarn.mid",  // 106,081 samples at full scale
    "openmsx/the_hobo_redfarn.mid",  // 30,966
    "openmsx/ttsong_iv_imuh3.mid",  // 24,174; 10.4 hits/s
    "openmsx/linns_basket.mid",  // 21,554
    "openmsx/boogi_marabi_redfarn.mid",  // 11,550; 12.1 hits/s
    "openmsx/say_what_redfarn.mid",  // 11,030
    "openmsx/flying_scotsman.mid",  // 10,636; 10.6 hits/s
    "openmsx/ttsong_iii_imuh3.mid",  // 14.9 hits/s
    "openmsx/the_fast_route.mid",  // 14.8 hits/s
    "openmsx/no_work_song_redfarn.mid",  // 14.5 hits/s
    "gmd/drummer5/session2/22_latin-brazilian-frevo_133_beat_4-4.mid",  // 16.7 hits/s
    "gmd/drummer8/session2/42_highlife_126_beat_4-4.mid",  // 15.0
    "gmd/drummer8/session2/35_latin-brazilian-songo_120_beat_4-4.mid",  // 14.8
    "gmd/drummer5/session2/17_latin-brazilian-samba_110_beat_4-4.mid",  // 14.8
};

struct Song {
    std::vector<std::shared_ptr<const Pattern>> patterns;
    double bpm = 120.0;
};

// A drum MIDI file as `groovescape-cli render` reads it: one-bar grooves on the GrooVAE map, the file's tempo.
Song readSong(const fs::path& path)
{
    Song song;
    auto midi = readMidiFile(path.string());
    const DrumMap map = DrumMap::groovae();
    auto grooves = readGrooveMidi(path.string(), map, 1, 4);
    if (!midi || !grooves)
        return song;
    song.bpm = midi->tempos.empty() ? 120.0 : std::clamp(midi->tempos.front().bpm(), 30.0, 300.0);
    for (const Groove& g : *grooves)
        if (auto p = Pattern::fromGroove(g, Pattern::notesOf(map)))
            song.patterns.push_back(*p);
    return song;
}

// Rendered at the CLI's defaults: default settings, the default (acoustic) kit, 256-frame blocks.
RenderResult renderSong(const Song& song, const std::shared_ptr<const Kit>& kit, bool limiter)
{
    RenderOptions o;
    o.sampleRate = kRate;
    o.settings.bpm = song.bpm;
    o.settings.limiter = limiter;
    return renderPatterns(song.patterns, kit, o);
}

float peakOf(const std::vector<float>& stereo)
{
    float peak = 0.0f;
    for (float x : stereo)
        peak = std::max(peak, std::abs(x));
    return peak;
}

std::int64_t countFullScale(const std::vector<float>& stereo)
{
    return std::count_if(stereo.begin(), stereo.end(), [](float x) { return std::abs(x) >= 1.0f; });
}

bool allFinite(const std::vector<float>& stereo)
{
    return std::all_of(stereo.begin(), stereo.end(), [](float x) { return std::isfinite(x); });
}

// A cosine of `amplitude` at `hz` on the left, a tenth of it on the right; its last frame is a peak.
std::vector<float> cosine(int frames, double hz, float amplitude)
{
    std::vector<float> x(std::size_t(frames) * 2);
    for (int i = 0; i < frames; ++i) {
        const float v = amplitude * float(std::cos(6.283185307179586 * hz * double(i - frames + 1) / kRate));
        x[std::size_t(2 * i)] = v;
        x[std::size_t(2 * i + 1)] = 0.1f * v;
    }
    return x;
}

} // namespace

class TestLimiter : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Kit> m_kit;

private Q_SLOTS:
    void initTestCase()
    {
        m_kit = loadAssetKit("acoustic", kRate);  // the default kit of the app and the CLI
        QVERIFY(m_kit);
    }

    void holdsTheCeilingThenReleases()
    {
        Limiter limiter;
        limiter.prepare(kRate);
        // 0.5 s of a 60 Hz sine at 4x full scale, then 1.5 s at a quarter of full scale.
        const std::vector<float> loud = cosine(24000, 60.0, 4.0f);
        const std::vector<float> quiet = cosine(72000, 60.0, 0.25f);
        std::vector<float> x = loud;
        LimiterReport total;
        for (int at = 0; at < 24000; at += 256) {
            const LimiterReport r = limiter.process(x.data() + 2 * at, std::min(256, 24000 - at));
            total.overFrames += r.overFrames;
            total.minGain = std::min(total.minGain, r.minGain);
            total.inputPeakLeft = std::max(total.inputPeakLeft, r.inputPeakLeft);
        }
        QVERIFY2(peakOf(x) <= Limiter::kCeiling + kCeilingSlack, qPrintable(QString::number(peakOf(x))));
        QVERIFY(peakOf(x) > Limiter::kCeiling * 0.999f);  // it reaches the ceiling: a limiter, not a fader
        QCOMPARE(total.inputPeakLeft, peakOf(loud));
        QVERIFY(total.overFrames > 10000);  // a 4x sine is above full scale 84% of the time
        QVERIFY(std::abs(total.minGain - Limiter::kCeiling / 4.0f) < 1e-3f);
        // Stereo-linked: the quiet right channel is turned down by the left's gain (the image stays).
        for (int i = 100; i < 24000; i += 997)
            QVERIFY(std::abs(x[std::size_t(2 * i + 1)] - 0.1f * x[std::size_t(2 * i)]) < 1e-6f);

        // The last reduction came from the last half cycle's peak, 400 frames before the end: of the 480
        // frames of hold, 80 are left.
        std::vector<float> y = quiet;
        limiter.process(y.data(), 48);  // 1 ms: still held
        QCOMPARE(limiter.gain(), total.minGain);
        limiter.process(y.data() + 96, 4800 - 48);  // 100 ms: releasing, not back yet
        QVERIFY2(limiter.gain() > 0.3f && limiter.gain() < 0.9f, qPrintable(QString::number(limiter.gain())));
        limiter.process(y.data() + 9600, 72000 - 4800);
        QCOMPARE(limiter.gain(), 1.0f);  // back at unity (the last 0.001 dB within 0.9 s)...
        for (std::size_t i = 2 * 48000; i < y.size(); ++i)
            QCOMPARE(y[i], quiet[i]);  // ...and the signal passes bit for bit
    }

    void quietGroovePassesUnchanged()
    {
        // A real, lightly played groove (GMD funk at 80 BPM, mean velocity 39) sounds the same with or without it.
        const fs::path path = sharedPath("gmd/drummer1/session1/2_funk_80_beat_4-4.mid");
        if (path.empty())
            QSKIP("shared data missing: gmd/ (set GS_SHARED_DATA to the folder of /work/shared/data)");
        const Song song = readSong(path);
        QVERIFY(song.patterns.size() > 8);
        const RenderResult on = renderSong(song, m_kit, true);
        const RenderResult off = renderSong(song, m_kit, false);
        QVERIFY(on.hitsPlayed > 100);
        QCOMPARE(on.frames, off.frames);
        // Quiet, yet not silence: the comparison means something.
        QVERIFY2(peakOf(off.audio) > 0.2f && peakOf(off.audio) < Limiter::kCeiling, qPrintable(QString::number(peakOf(off.audio))));
        float diff = 0.0f;
        for (std::size_t i = 0; i < on.audio.size(); ++i)
            diff = std::max(diff, std::abs(on.audio[i] - off.audio[i]));
        QVERIFY2(diff < 1e-4f, qPrintable(QString::number(diff)));
        QCOMPARE(on.framesLimited, std::uint64_t(0));
        QCOMPARE(on.framesOver, std::uint64_t(0));
        QCOMPARE(on.peakBeforeLimiter, peakOf(off.audio));
    }

    void denseSongsNeverReachFullScale()
    {
        std::int64_t fullScaleWithout = 0;
        std::uint64_t limited = 0, frames = 0;
        int songs = 0;
        for (const char* name : kDenseSongs) {
            const fs::path path = sharedPath(name);
            if (path.empty())
                QSKIP(qPrintable(QStringLiteral("shared data missing: %1 (set GS_SHARED_DATA to the folder of "
                                                "/work/shared/data)").arg(QString::fromLatin1(name))));
            const Song song = readSong(path);
            QVERIFY2(!song.patterns.empty(), name);
            const RenderResult on = renderSong(song, m_kit, true);
            const RenderResult off = renderSong(song, m_kit, false);
            QVERIFY2(on.hitsPlayed > 200, name);
            QVERIFY2(allFinite(on.audio), name);
            const float peak = peakOf(on.audio);
            const std::int64_t over = countFullScale(off.audio);
            qInfo("%-66s %6.1f s  peak %.3f (%.3f without limiter, %lld samples at full scale)  limited %.2f%% of frames",
                name, on.seconds(), double(peak), double(on.peakBeforeLimiter), static_cast<long long>(over),
                100.0 * double(on.framesLimited) / double(std::max<std::int64_t>(1, on.frames)));
            QVERIFY2(peak < 1.0f && peak <= Limiter::kCeiling + kCeilingSlack,
                qPrintable(QStringLiteral("%1: peak %2").arg(QString::fromLatin1(name)).arg(double(peak))));
            QCOMPARE(countFullScale(on.audio), std::int64_t(0));
            QCOMPARE(on.peakBeforeLimiter, peakOf(off.audio));  // the clip light's figure is the real mix
            QCOMPARE(on.framesOver, off.framesOver);
            fullScaleWithout += over;
            limited += on.framesLimited;
            frames += std::uint64_t(on.frames);
            ++songs;
        }
        // Without the limiter these songs do clip: else this test could not fail.
        QVERIFY2(fullScaleWithout > 1000, qPrintable(QString::number(fullScaleWithout)));
        // Gain staging: the defaults only touch the limiter on the loudest moments.
        const double share = double(limited) / double(frames);
        qInfo("%d songs: %lld samples at full scale without the limiter, 0 with it; limiter down by more than 1 dB on %.2f%% of frames",
            songs, static_cast<long long>(fullScaleWithout), 100.0 * share);
        QVERIFY2(share < 0.02, qPrintable(QString::number(share)));  // 0.24% measured (acoustic kit, 14 songs)
    }

    void clipLightCountsWhatWouldHaveClipped()
    {
        // Every voice hit hard on every step: the mix goes far past full scale; the events say so.
        std::vector<TestHit> hits;
        for (int s = 0; s < 16; s += 2)
            for (int v = 0; v < 9; ++v)
                hits.push_back({s, v, 1.0f, 0.0f});
        Engine engine;
        engine.prepare(kRate);
        EngineSettings settings;
        settings.masterGain = 2.0f;
        QVERIFY(engine.setSettings(settings));
        QVERIFY(engine.setKit(m_kit));
        QVERIFY(engine.setPattern(makePattern(hits)));
        QVERIFY(engine.start());
        std::vector<float> block(512);
        std::uint64_t overSeen = 0, lastTotal = 0;
        float inputPeak = 0.0f, outputPeak = 0.0f, reduction = 0.0f;
        for (int b = 0; b < 400; ++b) {
            engine.process(block.data(), 256);
            outputPeak = std::max(outputPeak, peakOf(block));
            PositionEvent e;
            while (engine.popPosition(e)) {
                overSeen += std::uint64_t(e.overFrames);
                lastTotal = e.overFramesTotal;
                inputPeak = std::max({inputPeak, e.inputPeakLeft, e.inputPeakRight});
                reduction = std::max(reduction, e.gainReductionDb);
                QVERIFY(e.peakLeft <= Limiter::kCeiling + kCeilingSlack);
                QVERIFY(e.peakRight <= Limiter::kCeiling + kCeilingSlack);
            }
        }
        QVERIFY2(inputPeak > 2.0f, qPrintable(QString::number(inputPeak)));
        QVERIFY(outputPeak <= Limiter::kCeiling + kCeilingSlack);
        QVERIFY(overSeen > 1000);
        QCOMPARE(lastTotal, overSeen);  // the running total holds every block's count
        QCOMPARE(engine.stats().framesOver, overSeen);
        QVERIFY(reduction > 6.0f);  // in dB
    }
};

QTEST_GUILESS_MAIN(TestLimiter)
#include "tst_limiter.moc"
