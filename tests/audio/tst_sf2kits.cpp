// SoundFont 2 drum kits Debian packages: the drum presets of FluidR3_GM.sf2
// (fluid-soundfont-gm) and the avldrums kits (avldrums.lv2-soundfont) play a
// real Groove MIDI Dataset groove: every voice has an instrument, and at the
// frames where the sequencer put hits the sound rises (onsets where they belong).
#include "audio/kitvoices.h"
#include "audiotest.h"
#include "midi/groovemidi.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <set>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

constexpr double kRate = 48000.0;
constexpr double kFramesPerStep = kRate * 60.0 / 120.0 / 4.0;  // 16ths at 120 BPM
constexpr double kRise = 2.0;  // energy of the 10 ms after a frame over the 10 ms before: a new sound starts

double energy(const std::vector<float>& audio, std::int64_t from, std::int64_t frames)
{
    double sum = 0.0;
    for (std::int64_t f = std::max<std::int64_t>(0, from); f < from + frames && f * 2 + 1 < std::int64_t(audio.size()); ++f)
        sum += double(audio[std::size_t(f * 2)]) * audio[std::size_t(f * 2)] + double(audio[std::size_t(f * 2 + 1)]) * audio[std::size_t(f * 2 + 1)];
    return sum;
}

} // namespace

class TestSf2Kits : public QObject {
    Q_OBJECT
private:
    std::vector<std::shared_ptr<const Pattern>> m_patterns;
    std::set<std::int64_t> m_hitFrames;

    // Loads, checks the nine voices, renders the groove and checks the sound rises at its hit frames.
    void playsTheGroove(const std::string& path, int preset)
    {
        KitLoadOptions options;
        options.preset = preset;
        auto kit = loadKit(path, kRate, options);
        QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
        for (const VoicePlayer& p : voicePlayers(**kit, DrumMap::groovae()))
            QVERIFY2(p.sounds, qPrintable(QString::fromStdString(path + " preset " + std::to_string(preset) + ": " + p.voice + " is silent")));
        RenderOptions o;
        o.sampleRate = kRate;
        o.settings.bpm = 120.0;
        o.settings.humanize = 0.0;
        o.tailSeconds = 0.5;
        const RenderResult r = renderPatterns(m_patterns, *kit, o);
        QCOMPARE(r.hitsSilent, std::uint64_t(0));
        QVERIFY(r.hitsPlayed > 100);
        // 10 ms after each hit frame against the 10 ms before it: the new hit must be heard.
        int rising = 0;
        for (std::int64_t f : m_hitFrames)
            if (energy(r.audio, f, 480) > kRise * energy(r.audio, f - 480, 480) + 1e-6)
                ++rising;
        // And between hits (half a step after one, where nothing starts) it does not rise as sharply.
        int risingBetween = 0;
        for (std::int64_t f : m_hitFrames) {
            const std::int64_t between = f + std::int64_t(kFramesPerStep / 2);
            if (!m_hitFrames.count(between) && energy(r.audio, between, 480) > kRise * energy(r.audio, between - 480, 480) + 1e-6)
                ++risingBetween;
        }
        const double share = double(rising) / double(m_hitFrames.size());
        qInfo("%s preset %d \"%s\": %d instruments, sound rises at %d of %d hit frames, at %d frames between hits",
            fs::path(path).filename().c_str(), preset, (*kit)->name().c_str(), (*kit)->instrumentCount(), rising,
            int(m_hitFrames.size()), risingBetween);
        // Soft hits under a ringing crash or ride do not double the energy, so not every hit frame rises; but
        // most do, and frames half a step away (where nothing starts) rarely do: the hits are where they belong.
        QVERIFY2(share >= 0.65, qPrintable(QString("onsets at only %1 of hit frames").arg(share)));
        QVERIFY2(risingBetween * 5 <= rising, qPrintable(QString("%1 rises between hits").arg(risingBetween)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        GS_REQUIRE_SHARED(clip, "gmd/drummer7/session3/23_pop-soft_83_beat_4-4.mid");
        const DrumMap map = DrumMap::groovae();
        auto grooves = readGrooveMidi(clip.string(), map, 1, 4);
        QVERIFY(grooves);
        for (std::size_t bar = 0; bar < grooves->size(); ++bar) {
            const Groove& g = (*grooves)[bar];
            m_patterns.push_back(*Pattern::fromGroove(g, Pattern::notesOf(map)));
            for (int step = 0; step < 16; ++step)
                for (int v = 0; v < 9; ++v)
                    if (g.hit(step, v))
                        m_hitFrames.insert(std::llround((double(bar) * 16 + step) * kFramesPerStep));
        }
        QVERIFY(m_hitFrames.size() > 50);
    }

    void fluidR3DrumPresets_data()
    {
        QTest::addColumn<int>("preset");
        for (int p : {0, 8, 16, 24, 25, 32, 40, 48})
            QTest::newRow(qPrintable(QString("preset %1").arg(p))) << p;
    }
    void fluidR3DrumPresets()
    {
        QFETCH(int, preset);
        const std::string sf2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        if (!fs::is_regular_file(sf2))
            QSKIP("FluidR3_GM.sf2 is not installed (apt install fluid-soundfont-gm)");
        playsTheGroove(sf2, preset);
    }

    void fluidR3ListsItsKits()
    {
        const std::string sf2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        if (!fs::is_regular_file(sf2))
            QSKIP("FluidR3_GM.sf2 is not installed (apt install fluid-soundfont-gm)");
        auto presets = listSf2DrumPresets(sf2);
        QVERIFY(presets);
        std::set<std::string> names;
        for (const auto& [number, name] : *presets)
            names.insert(name);
        for (const char* kit : {"Standard", "Room", "Power", "Jazz", "Brush", "TR-808"})
            QVERIFY2(names.count(kit), kit);
        // The hi-hats choke each other (exclusive class), as in the file.
        auto kit = loadKit(sf2, kRate);
        QVERIFY(kit);
        const Kit& k = **kit;
        QVERIFY(k.instrument(k.instrumentForNote(42)).chokeGroup > 0);
        QCOMPARE(k.instrument(k.instrumentForNote(42)).chokeGroup, k.instrument(k.instrumentForNote(46)).chokeGroup);
    }

    void avlDrums_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("Black Pearl") << "/usr/share/sounds/sf2/Black_Pearl_4_LV2.sf2";
        QTest::newRow("Red Zeppelin") << "/usr/share/sounds/sf2/Red_Zeppelin_4_LV2.sf2";
    }
    void avlDrums()
    {
        QFETCH(QString, file);
        if (!fs::is_regular_file(file.toStdString()))
            QSKIP(qPrintable(file + " is not installed (apt install avldrums.lv2-soundfont)"));
        playsTheGroove(file.toStdString(), -1);
        // Multi-velocity: the kick has several velocity layers.
        auto kit = loadKit(file.toStdString(), kRate);
        QVERIFY(kit);
        QVERIFY((*kit)->instrument((*kit)->instrumentForNote(36)).layers.size() > 1);
        // These four-piece kits put a crash choke on key 50, General MIDI's high tom: the high tom
        // voice plays the rack tom, found by its name, and says so.
        const Kit& k = **kit;
        const std::string highTom = k.instrument(k.instrumentForNote(50)).name;
        QVERIFY2(highTom.find("Tom") != std::string::npos, highTom.c_str());
        QCOMPARE(k.report().noteSource[50], NoteSource::Name);
        QVERIFY(k.instrument(k.instrumentForNote(49)).name.find("Crash") != std::string::npos);  // the crash keeps its key
    }
};

QTEST_GUILESS_MAIN(TestSf2Kits)
#include "tst_sf2kits.moc"
