// Finite, bounded output whatever a kit says (issue 18, finding 4): a kit
// tuned +400 semitones with a gain of 1e308 plays a short, bounded sound and
// its voices end; a voice given a wild rate or gain is tamed or never starts;
// samples holding NaN and infinities come out as silence, never as noise.
#include "audiotest.h"
#include "audio/limiter.h"

#include <QtTest/QtTest>

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

constexpr double kRate = 48000.0;
constexpr int kSnare = 1;  // GrooVAE voice 1 plays note 38
constexpr int kKick = 0;

bool allFinite(const std::vector<float>& stereo)
{
    return std::all_of(stereo.begin(), stereo.end(), [](float x) { return std::isfinite(x); });
}

float peakOf(const std::vector<float>& stereo)
{
    float peak = 0.0f;
    for (float x : stereo)
        peak = std::max(peak, std::abs(x));
    return peak;
}

std::int64_t soundingFrames(const std::vector<float>& stereo)
{
    std::int64_t n = 0;
    for (std::size_t i = 0; i + 1 < stereo.size(); i += 2)
        n += stereo[i] != 0.0f || stereo[i + 1] != 0.0f ? 1 : 0;
    return n;
}

// The last frame that is not silence (-1 if none).
std::int64_t lastSound(const std::vector<float>& stereo)
{
    for (std::int64_t f = std::int64_t(stereo.size() / 2) - 1; f >= 0; --f)
        if (stereo[std::size_t(2 * f)] != 0.0f || stereo[std::size_t(2 * f + 1)] != 0.0f)
            return f;
    return -1;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// Snare hits on the four beats of a bar, at full velocity.
std::shared_ptr<const Pattern> fourSnares()
{
    return makePattern({{0, kSnare, 1.0f, 0.0f}, {4, kSnare, 1.0f, 0.0f}, {8, kSnare, 1.0f, 0.0f}, {12, kSnare, 1.0f, 0.0f}});
}

RenderOptions options()
{
    RenderOptions o;
    o.sampleRate = kRate;
    o.tailSeconds = 5.0;  // a voice that never ended would keep the tail going for all of it
    return o;
}

} // namespace

class TestFiniteOutput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hydrogenKitWithHugePitchAndGain()
    {
        // The test Hydrogen kit with its snare at pitchOffset 400 and volume 1e308 (as in issue 18).
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path source = sourceDir() / "tests/audio/data/hydrogen-kit";
        const fs::path kitDir = fs::path(dir.path().toStdString()) / "hostile";
        fs::copy(source, kitDir);
        std::string xml = readText(kitDir / "drumkit.xml");
        const std::string volume = "<volume>0.8</volume>";
        const auto at = xml.find(volume);
        QVERIFY(at != std::string::npos);
        xml.replace(at, volume.size(), "<volume>1e308</volume>\n      <pitchOffset>400</pitchOffset>");
        writeText(kitDir / "drumkit.xml", xml);

        auto kit = loadKit(kitDir.string(), kRate);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        const KitInstrument& snare = (*kit)->instrument((*kit)->instrumentForNote(38));
        QCOMPARE(snare.tune, Kit::kMaxTune);  // finalised in range, whatever the loader read
        QVERIFY2(snare.gain >= 0.0f && snare.gain <= Kit::kMaxGain, qPrintable(QString::number(snare.gain)));
        const int sampleLength = snare.layerFor(127)->samples[0]->length;

        const RenderResult r = renderPatterns({fourSnares()}, *kit, options());
        QCOMPARE(r.hitsPlayed, std::uint64_t(4));
        QVERIFY(allFinite(r.audio));
        QCOMPARE(r.nonFiniteSamples, std::uint64_t(0));
        QVERIFY2(peakOf(r.audio) <= Limiter::kCeiling + 1e-6f, qPrintable(QString::number(peakOf(r.audio))));
        QVERIFY(peakOf(r.audio) > 0.5f);  // it does play, loud
        // Each hit rings for the sample's length at 4x speed (+24 semitones) and then ends.
        const std::int64_t perHit = sampleLength / 4 + 2;
        QVERIFY2(soundingFrames(r.audio) <= 4 * perHit,
            qPrintable(QStringLiteral("%1 frames sound, at most %2").arg(soundingFrames(r.audio)).arg(4 * perHit)));
        QCOMPARE(r.frames, r.musicFrames);  // the tail found silence at once: every voice had ended
        QVERIFY2(lastSound(r.audio) <= 12 * 6000 + perHit, qPrintable(QString::number(lastSound(r.audio))));
    }

    void jsonKitWithHugeGainAndTune()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path kitDir(dir.path().toStdString());
        fs::copy_file(sourceDir() / "assets/kits/acoustic/samples/drum_snare_hard.flac", kitDir / "snare.flac");
        writeText(kitDir / "kit.json",
            R"({"name": "hostile", "instruments": [{"name": "Snare", "notes": [38], "gain": 1e30, "tune": 400,
                "layers": [{"velocity": [0, 127], "gain": 1e6, "samples": ["snare.flac"]}]}]})");
        auto kit = loadKit(kitDir.string(), kRate);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        const KitInstrument& snare = (*kit)->instrument(0);
        QCOMPARE(snare.gain, Kit::kMaxGain);
        QCOMPARE(snare.layers[0].gain, Kit::kMaxGain);
        QVERIFY(snare.tune <= Kit::kMaxTune);
        const RenderResult r = renderPatterns({fourSnares()}, *kit, options());
        QCOMPARE(r.hitsPlayed, std::uint64_t(4));
        QVERIFY(allFinite(r.audio));
        QVERIFY(peakOf(r.audio) <= Limiter::kCeiling + 1e-6f);
        QVERIFY(r.framesLimited > 0);  // 64x gain (+36 dB): the limiter holds it
        QVERIFY(r.frames < r.musicFrames + std::int64_t(kRate));  // every voice ended
    }

    void voiceRateAndGainAreGuarded()
    {
        auto kit = loadAssetKit("acoustic", kRate);
        QVERIFY(kit);
        const SampleData& sample = *kit->instrument(kit->instrumentForNote(38)).layerFor(127)->samples[0];
        const int length = sample.length;
        // One voice of `sample` at `rate` and `gain`: whether it started, and the voices left after `frames`.
        std::vector<float> out;
        struct Played {
            bool started = false;
            int left = 0;
        };
        auto play = [&](double rate, float gain, int frames) {
            VoicePool pool;
            pool.reset();
            VoiceStart start;
            start.sample = &sample;
            start.rate = rate;
            start.gainLeft = start.gainRight = gain;
            pool.start(start);
            Played p;
            p.started = pool.sounding() == 1;
            out.assign(std::size_t(frames) * 2, 0.0f);
            for (int at = 0; at < frames; at += 512)
                pool.render(out.data() + 2 * at, std::min(512, frames - at));
            p.left = pool.sounding();
            return p;
        };
        // +400 semitones asks for a rate of 1e10: played at the top rate (16), it ends after length/16 frames.
        Played p = play(std::exp2(400.0 / 12.0), 1e30f, length / 16 + 2);
        QVERIFY(p.started);
        QCOMPARE(p.left, 0);
        QVERIFY(allFinite(out));
        QVERIFY(peakOf(out) > 0.0f);
        QVERIFY(peakOf(out) <= VoicePool::kMaxGain * float(sample.peak) * 1.5f);  // cubic overshoot at most
        // -400 semitones: the bottom rate (1/16), sixteen times the length.
        p = play(std::exp2(-400.0 / 12.0), 1.0f, 15 * length);
        QVERIFY(p.started);
        QCOMPARE(p.left, 1);
        QCOMPARE(play(std::exp2(-400.0 / 12.0), 1.0f, 16 * length + 2).left, 0);
        // Not a number or infinite: the voice never starts.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const float inf = std::numeric_limits<float>::infinity();
        QVERIFY(!play(nan, 1.0f, 64).started);
        QVERIFY(!play(double(inf), 1.0f, 64).started);
        QVERIFY(!play(1.0, inf, 64).started);
        QVERIFY(!play(1.0, float(nan), 64).started);
        QCOMPARE(soundingFrames(out), std::int64_t(0));
    }

    void nonFiniteSamplesBecomeSilence()
    {
        // A 32-bit float WAV may hold NaN and infinities (and huge numbers): a kit made of one.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path kitDir(dir.path().toStdString());
        std::vector<float> bad(2 * 2000);
        for (std::size_t i = 0; i < bad.size(); ++i) {
            const float v = std::sin(float(i) * 0.05f);
            bad[i] = i % 7 == 0 ? std::numeric_limits<float>::quiet_NaN()
                     : i % 11 == 0 ? std::numeric_limits<float>::infinity()
                     : i % 13 == 0 ? 1e30f : v;
        }
        SF_INFO info{};
        info.samplerate = int(kRate);
        info.channels = 2;
        info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
        SNDFILE* file = sf_open((kitDir / "bad.wav").c_str(), SFM_WRITE, &info);
        QVERIFY(file);
        sf_command(file, SFC_SET_NORM_FLOAT, nullptr, SF_FALSE);
        QCOMPARE(sf_writef_float(file, bad.data(), 2000), sf_count_t(2000));
        sf_close(file);
        fs::copy_file(sourceDir() / "assets/kits/acoustic/samples/drum_bass_hard.flac", kitDir / "kick.flac");
        writeText(kitDir / "kit.json",
            R"({"name": "nan", "instruments": [
                {"name": "Bad", "notes": [38], "layers": [{"velocity": [0, 127], "samples": ["bad.wav"]}]},
                {"name": "Kick", "notes": [36], "layers": [{"velocity": [0, 127], "samples": ["kick.flac"]}]}]})");
        auto kit = loadKit(kitDir.string(), kRate);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());

        // The bad sample on beat 1, a kick on beat 3 (1 s later at 120 BPM).
        RenderOptions o = options();
        const RenderResult r = renderPatterns(
            {makePattern({{0, kSnare, 1.0f, 0.0f}, {8, kKick, 0.9f, 0.0f}})}, *kit, o);
        const RenderResult kickOnly = renderPatterns({makePattern({{8, kKick, 0.9f, 0.0f}})}, *kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(2));
        QVERIFY(allFinite(r.audio));
        QVERIFY2(r.nonFiniteSamples > 100, qPrintable(QString::number(r.nonFiniteSamples)));
        QVERIFY(peakOf(r.audio) <= Limiter::kCeiling + 1e-6f);
        // After the bad sample the engine sounds exactly as it would have without it.
        QCOMPARE(r.frames, kickOnly.frames);
        QCOMPARE(firstDifference(r.audio, kickOnly.audio, 24000), std::int64_t(-1));
        QVERIFY(firstAbove(r.audio, 24000, 0.1f) >= 48000);  // and the kick is there
    }
};

QTEST_GUILESS_MAIN(TestFiniteOutput)
#include "tst_finiteoutput.moc"
