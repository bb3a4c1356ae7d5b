// How a kit shapes a hit, rendered and measured: SFZ amp_velcurve_N (a region's own gain by velocity,
// in place of the engine's curve) over the bundled samples, and the SF2 volume envelope (decay to a
// sustain level, release after the note's end) on a SoundFont written here with a steady tone.
#include "audio/sf2envelope.h"
#include "audio/sf2reader.h"
#include "audiotest.h"
#include "sf2builder.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

using namespace gs;
using namespace gs::test;
namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// RMS of the left channel over [from, from + seconds).
double rms(const RenderResult& r, double from, double seconds)
{
    const auto a = std::size_t(from * r.sampleRate), n = std::size_t(seconds * r.sampleRate);
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t i = a; i < a + n && i * 2 < r.audio.size(); ++i, ++count)
        sum += double(r.audio[i * 2]) * double(r.audio[i * 2]);
    return count ? std::sqrt(sum / double(count)) : 0.0;
}

double db(double ratio) { return 20.0 * std::log10(std::max(ratio, 1e-12)); }

RenderResult renderHit(std::shared_ptr<const Kit> kit, int voice, float velocity)
{
    RenderOptions o;
    o.tailSeconds = 2.0;
    o.settings.limiter = false;  // measure the kit, not the limiter
    return renderPatterns({makePattern({{0, voice, velocity, 0.0f}}, 2)}, std::move(kit), o);
}

// A steady tone of 1.5 s on key 36 with `gens` on its zone.
std::shared_ptr<const Kit> toneKit(const QTemporaryDir& tmp, const Sf2Builder::Generators& gens)
{
    const fs::path path = fs::path(tmp.path().toStdString()) / "tone.sf2";
    writeBytes(path, Sf2Builder::build({36}, gens, 72000, 0.0));
    auto kit = loadKit(path.string(), 48000.0);
    if (!kit)
        qWarning("%s", kit.error().describe().c_str());
    return kit ? *kit : nullptr;
}

} // namespace

class TstKitShaping : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sfzVelocityCurveReplacesTheEnginesCurve()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        fs::copy(sourceDir() / "assets" / "kits" / "acoustic" / "samples", dir / "samples");
        // Full level from velocity 64 up, a straight line from silence below it (velocity 0 is 0 by default).
        std::ofstream(dir / "curve.sfz") << "<region> sample=samples/drum_bass_hard.flac key=36 amp_velcurve_64=1\n";
        std::ofstream(dir / "plain.sfz") << "<region> sample=samples/drum_bass_hard.flac key=36\n";
        auto curve = loadKit((dir / "curve.sfz").string(), 48000.0);
        auto plain = loadKit((dir / "plain.sfz").string(), 48000.0);
        QVERIFY2(curve && plain, curve ? "" : curve.error().describe().c_str());
        for (const std::string& w : (*curve)->report().warnings)
            QVERIFY2(w.find("velcurve") == std::string::npos, w.c_str());  // no "not applied" any more
        QCOMPARE(int((*curve)->instrument(0).layers.front().velocityGain.size()), 128);
        QVERIFY((*plain)->instrument(0).layers.front().velocityGain.empty());

        // Kick is voice 0. Velocity 0.5 (MIDI 64) and 1.0 (127): both at full level by the curve.
        const double full = rms(renderHit(*curve, 0, 1.0f), 0.0, 0.2);
        const double half = rms(renderHit(*curve, 0, 0.5f), 0.0, 0.2);
        const double quarter = rms(renderHit(*curve, 0, 0.25f), 0.0, 0.2);  // MIDI 32: half way up the line
        QVERIFY(full > 0.01);
        QVERIFY2(std::abs(db(half / full)) < 0.1, qPrintable(QString::number(db(half / full))));
        QVERIFY2(std::abs(quarter / full - 0.5) < 0.01, qPrintable(QString::number(quarter / full)));
        // Without the curve the engine's own (velocity ^ 1.5) plays: 0.5 is about 9 dB down.
        const double plainRatio = rms(renderHit(*plain, 0, 0.5f), 0.0, 0.2) / rms(renderHit(*plain, 0, 1.0f), 0.0, 0.2);
        QVERIFY2(std::abs(db(plainRatio) - db(std::pow(64.0 / 127.0, 1.5))) < 0.2 || std::abs(db(plainRatio) - db(std::pow(0.5, 1.5))) < 0.2,
                 qPrintable(QString::number(db(plainRatio))));
    }

    void sf2DecayAndSustain()
    {
        QTemporaryDir tmp;
        // The reference: held at full level for 100 s, released at 100 dB per 100 s (1 dB/s) after
        // the note's end at 0.05 s. Levels below are the shaped render over it, window by window.
        auto reference = toneKit(tmp, {{sf2::HoldVolEnv, 8000}, {sf2::ReleaseVolEnv, 8000}});
        // As FluidR3's kicks and snares: decay and release both 0 timecents (100 dB per second).
        auto falling = toneKit(tmp, {{sf2::DecayVolEnv, 0}, {sf2::SustainVolEnv, 1000}, {sf2::ReleaseVolEnv, 0}});
        // A quick decay (0.25 s per 100 dB) to a sustain 6 dB down, then the slow release.
        auto sustained = toneKit(tmp, {{sf2::DecayVolEnv, -2400}, {sf2::SustainVolEnv, 60}, {sf2::ReleaseVolEnv, 8000}});
        QVERIFY(reference && falling && sustained);
        const RenderResult ref = renderHit(reference, 0, 1.0f);
        const RenderResult fall = renderHit(falling, 0, 1.0f);
        const RenderResult held = renderHit(sustained, 0, 1.0f);
        const auto level = [&ref](const RenderResult& r, double at) { return db(rms(r, at - 0.005, 0.01) / rms(ref, at - 0.005, 0.01)); };
        // 100 dB per second from 2 ms (after the 1 ms attack and hold): -19.8 dB at 0.2 s, less the
        // reference's own 0.15 dB; -49.8 dB at 0.5 s, less 0.45 dB.
        QVERIFY2(std::abs(level(fall, 0.2) + 19.65) < 1.0, qPrintable(QString::number(level(fall, 0.2))));
        QVERIFY2(std::abs(level(fall, 0.5) + 49.35) < 1.0, qPrintable(QString::number(level(fall, 0.5))));
        // Down 6 dB by 17 ms and held there; the same slow release as the reference after the note.
        QVERIFY2(std::abs(level(held, 0.035) + 6.0) < 0.5, qPrintable(QString::number(level(held, 0.035))));
        QVERIFY2(std::abs(level(held, 0.6) + 6.0) < 0.5, qPrintable(QString::number(level(held, 0.6))));
    }

    void sf2ReleaseEndsTheHitAfterTheNote()
    {
        QTemporaryDir tmp;
        auto reference = toneKit(tmp, {{sf2::HoldVolEnv, 8000}, {sf2::ReleaseVolEnv, 8000}});
        // Held at full level (hold 1 s, sustain 0 dB) until the note ends at 0.05 s, then the
        // release: -1200 timecents = 0.5 s for 100 dB.
        auto kit = toneKit(tmp, {{sf2::HoldVolEnv, 0}, {sf2::ReleaseVolEnv, -1200}});
        QVERIFY(kit && reference);
        const RenderResult ref = renderHit(reference, 0, 1.0f);
        const RenderResult r = renderHit(kit, 0, 1.0f);
        QVERIFY(rms(ref, 0.01, 0.02) > 0.01);
        QVERIFY2(std::abs(db(rms(r, 0.01, 0.02) / rms(ref, 0.01, 0.02))) < 0.1, "full level before the note's end");
        // 0.3 s: 0.25 s into the release, 50 dB down (the reference: 0.25 dB).
        const double at300 = db(rms(r, 0.295, 0.01) / rms(ref, 0.295, 0.01));
        QVERIFY2(std::abs(at300 + 49.75) < 1.0, qPrintable(QString::number(at300)));
        // From 0.56 s on, silence: the shaped sample ends there, though the tone is 1.5 s long.
        QVERIFY(rms(ref, 0.6, 0.5) > 0.01);
        QCOMPARE(rms(r, 0.56, 0.9), 0.0);
        const SampleData& sample = *kit->instrument(0).layers.front().samples.front();
        QVERIFY2(sample.length < int(0.56 * 48000), qPrintable(QString::number(sample.length)));

        // Without envelope generators (all at the spec's 1 ms defaults) the release follows the
        // note's end at once: such a zone is cut just after 0.05 s, as a SoundFont player cuts it.
        auto plain = toneKit(tmp, {});
        QVERIFY(plain);
        QVERIFY(plain->instrument(0).layers.front().samples.front()->length < int(0.06 * 48000));
    }

    void envelopeShape()
    {
        const VolumeEnvelope e = VolumeEnvelope::fromGenerators(-12000, -1200, -12000, 0, 1000, 0);
        QCOMPARE(e.delay, 0.0);  // -12000 timecents of delay: none
        QVERIFY(std::abs(e.attack - 0.5) < 1e-9);
        QVERIFY(std::abs(e.decay - 1.0) < 1e-9);
        QCOMPARE(e.sustainDb, 100.0);
        QVERIFY(std::abs(e.gainAt(0.025) - 0.05) < 1e-3);  // the attack is a straight line in amplitude
        QVERIFY(e.gainAt(0.04) < e.gainAt(0.049));
        // A sample the envelope leaves alone comes back as it is (no copy).
        auto same = std::make_shared<SampleData>();
        same->length = 100;
        same->frames.assign(204, 0.5f);
        VolumeEnvelope flat;  // no attack, held for 10 s, 100 s release: 0.002 dB over the 100 frames
        flat.hold = 10.0;
        flat.decay = flat.release = 100.0;
        QCOMPARE(shapeSample(same, flat, 48000.0).get(), same.get());
    }
};

QTEST_GUILESS_MAIN(TstKitShaping)
#include "tst_kitshaping.moc"
