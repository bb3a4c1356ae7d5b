// Kit loading: the shipped kits, a Hydrogen drumkit.xml, a plain folder of
// one-shots, rates, and kits that cannot load (each error names the file;
// the engine keeps the previous kit).
#include "audio/samplefile.h"
#include "audio/xmlreader.h"
#include "audiotest.h"

#include <QtTest/QtTest>

#include <sndfile.h>

#include <filesystem>
#include <fstream>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string oneInstrumentKit(const std::string& samplePath)
{
    return R"({"name": "t", "instruments": [{"name": "Kick", "notes": [36], "layers": [{"samples": [")" + samplePath +
           R"("]}]}]})";
}

// Hydrogen 1.x: two components per instrument, <pan>, notes all 60.
const char* const kComponentsKit = R"(<?xml version='1.0' encoding='UTF-8'?>
<drumkit_info><name>Components</name>
 <componentList><drumkitComponent><id>0</id><name>Main</name></drumkitComponent>
  <drumkitComponent><id>1</id><name>Room</name></drumkitComponent></componentList>
 <instrumentList><instrument><id>0</id><name>BassDrum</name><volume>1</volume><pan>-0.4</pan><midiOutNote>60</midiOutNote>
  <instrumentComponent><component_id>0</component_id><gain>0.5</gain>
   <layer><filename>kick.flac</filename><min>0</min><max>1</max><gain>0.8</gain><pitch>0</pitch></layer></instrumentComponent>
  <instrumentComponent><component_id>1</component_id><gain>1</gain>
   <layer><filename>room.flac</filename><min>0</min><max>1</max><gain>1</gain><pitch>0</pitch></layer></instrumentComponent>
 </instrument>
 <instrument><id>1</id><name>Hi Hat Closed</name><pan>0</pan><midiOutNote>60</midiOutNote><muteGroup>2</muteGroup>
  <instrumentComponent><component_id>0</component_id>
   <layer><filename>kick.flac</filename><min>0</min><max>1</max></layer></instrumentComponent></instrument>
</instrumentList></drumkit_info>)";

} // namespace

class TestKitLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acousticKitMapsTheNineVoices()
    {
        auto kit = loadKit(kitPath("acoustic"), 48000.0);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        const DrumMap map = DrumMap::groovae();
        QCOMPARE(map.voiceCount(), 9);
        for (int v = 0; v < map.voiceCount(); ++v) {
            const int index = (*kit)->instrumentForNote(map.outputNote(v));
            QVERIFY2(index >= 0, map.voice(v).name.c_str());
            for (const auto& layer : (*kit)->instrument(index).layers)
                for (const auto& sample : layer.samples)
                    QVERIFY(sample->length > 1000);
        }
        // The Roland TD-11 hi-hat edges of the Groove MIDI Dataset play the hi-hats.
        QCOMPARE((*kit)->instrumentForNote(22), (*kit)->instrumentForNote(42));
        QCOMPARE((*kit)->instrumentForNote(26), (*kit)->instrumentForNote(46));
        const int closed = (*kit)->instrumentForNote(42);
        const int open = (*kit)->instrumentForNote(46);
        QVERIFY((*kit)->instrument(closed).chokeGroup > 0);
        QCOMPARE((*kit)->instrument(closed).chokeGroup, (*kit)->instrument(open).chokeGroup);
        QVERIFY(fs::exists(kitPath("acoustic") + "/CC0-1.0.txt"));
    }

    void gmKitHasEveryKey()
    {
        auto kit = loadKit(kitPath("gm-standard"), 44100.0);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        for (int note = 27; note <= 87; ++note)
            QVERIFY((*kit)->instrumentForNote(note) >= 0);
        QCOMPARE((*kit)->sampleCount(), 61);
        QVERIFY(fs::exists(kitPath("gm-standard") + "/debian-copyright"));
    }

    void samplesAreResampledToTheEngineRate()
    {
        const std::string file = kitPath("acoustic") + "/samples/drum_snare_hard.flac";
        auto at44 = readSampleFile(file, 44100.0);  // the file's own rate
        auto at48 = readSampleFile(file, 48000.0);
        auto at96 = readSampleFile(file, 96000.0);
        QVERIFY(at44 && at48 && at96);
        QVERIFY(std::abs(double((*at48)->length) - (*at44)->length * 48000.0 / 44100.0) <= 2.0);
        QVERIFY(std::abs(double((*at96)->length) - (*at44)->length * 96000.0 / 44100.0) <= 2.0);
        // A resampler, not a stretch: the level stays.
        QVERIFY(std::abs((*at48)->peak - (*at44)->peak) < 0.15 * (*at44)->peak);
        auto kit = loadKit(kitPath("acoustic"), 96000.0);
        QVERIFY(kit);
        QCOMPARE((*kit)->sampleRate(), 96000.0);
    }

    void readsEveryFormatAndDepth()
    {
        // The acoustic snare written as WAV 8/16/24/32-bit and float, AIFF, OGG Vorbis and FLAC, mono and stereo.
        auto source = readSampleFile(kitPath("acoustic") + "/samples/drum_snare_hard.flac", 44100.0);
        QVERIFY(source);
        const SampleData& s = **source;
        QTemporaryDir tmp;
        struct Variant {
            const char* name;
            int format;
            int channels;
        };
        const Variant variants[] = {
            {"u8.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 1},
            {"s16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2},
            {"s24.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 2},
            {"s32.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 1},
            {"float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2},
            {"s16.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 2},
            {"vorbis.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 2},
            {"mono.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1},
        };
        for (const Variant& v : variants) {
            const std::string path = (fs::path(tmp.path().toStdString()) / v.name).string();
            SF_INFO info{};
            info.samplerate = 44100;
            info.channels = v.channels;
            info.format = v.format;
            SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
            QVERIFY2(f, v.name);
            std::vector<float> data;
            for (int i = 0; i < s.length; ++i)
                for (int c = 0; c < v.channels; ++c)
                    data.push_back(s.frames[std::size_t(i) * 2 + std::size_t(c)]);
            sf_writef_float(f, data.data(), s.length);
            sf_close(f);
            auto back = readSampleFile(path, 48000.0);
            QVERIFY2(back, v.name);
            QVERIFY2(std::abs(double((*back)->length) - s.length * 48000.0 / 44100.0) <= 3.0, v.name);
            // Vorbis is lossy: its peaks move more than a PCM round trip's.
            const double tolerance = (v.format & SF_FORMAT_SUBMASK) == SF_FORMAT_VORBIS ? 0.35 : 0.1;
            QVERIFY2(std::abs((*back)->peak - s.peak) < tolerance * s.peak,
                qPrintable(QString("%1: peak %2, source %3").arg(v.name).arg((*back)->peak).arg(s.peak)));
        }
    }

    void hydrogenDrumkitLoads()
    {
        const std::string dir = (sourceDir() / "tests/audio/data/hydrogen-kit").string();
        QCOMPARE(int(*detectKitFormat(dir)), int(KitFormat::Hydrogen));
        auto kit = loadKit(dir, 48000.0);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        QCOMPARE((*kit)->name(), std::string("Test & Kit"));
        QCOMPARE((*kit)->instrumentCount(), 3);
        const KitInstrument& snare = (*kit)->instrument((*kit)->instrumentForNote(38));
        QCOMPARE(snare.name, std::string("Snare"));
        QCOMPARE(int(snare.layers.size()), 2);
        QCOMPARE(snare.layers[0].maxVelocity, 64);  // 0.5 of 127, rounded
        QVERIFY(snare.layerFor(20)->samples[0]->path.find("soft") != std::string::npos);
        QVERIFY(snare.layerFor(120)->samples[0]->path.find("hard") != std::string::npos);
        QCOMPARE(snare.gain, 0.8f);
        QCOMPARE(snare.pan, -0.5f);  // pan_R - pan_L
        QCOMPARE(snare.chokeGroup, 0);
        const KitInstrument& closed = (*kit)->instrument((*kit)->instrumentForNote(42));
        const KitInstrument& open = (*kit)->instrument((*kit)->instrumentForNote(46));
        QCOMPARE(closed.chokeGroup, 1);  // Hydrogen mute group 0
        QCOMPARE(open.chokeGroup, 1);
        QCOMPARE(open.tune, -1.5f);
        QCOMPARE(closed.pan, 0.25f);
        // And it plays: the closed hat chokes the open one in a render.
        RenderOptions o;
        o.tailSeconds = 0.2;
        auto r = renderPatterns({makePattern({{0, 3, 0.9f, 0.0f}, {4, 2, 0.9f, 0.0f}, {8, 1, 0.9f, 0.0f}})}, *kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(3));
    }

    void hydrogenComponentsAndNewPan()
    {
        // Hydrogen 1.x: layers inside <instrumentComponent> (with its own gain), pan as <pan>; a second
        // component (another mix) is reported, not mixed into round robin; names map the notes.
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        fs::copy_file(kitPath("acoustic") + "/samples/drum_bass_soft.flac", dir / "kick.flac");
        fs::copy_file(kitPath("acoustic") + "/samples/drum_snare_soft.flac", dir / "room.flac");
        writeText(dir / "drumkit.xml", kComponentsKit);
        auto kit = loadKit(dir.string(), 48000.0);
        QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
        const KitInstrument& kick = (*kit)->instrument((*kit)->instrumentForNote(36));
        QCOMPARE(kick.name, std::string("BassDrum"));
        QCOMPARE(int(kick.layers.size()), 1);
        QCOMPARE(int(kick.layers[0].samples.size()), 1);  // the room component is not a round-robin partner
        QVERIFY(kick.layers[0].samples[0]->path.find("kick.flac") != std::string::npos);
        QCOMPARE(kick.layers[0].gain, 0.4f);  // layer gain x component gain
        QCOMPARE(kick.pan, -0.4f);
        QCOMPARE((*kit)->report().noteSource[36], NoteSource::Name);
        QCOMPARE((*kit)->instrumentForNote(60), -1);  // a note every instrument shares says nothing
        QCOMPARE((*kit)->instrument((*kit)->instrumentForNote(42)).chokeGroup, 3);  // mute group 2
        bool reported = false;
        for (const std::string& w : (*kit)->report().warnings)
            reported = reported || (w.find("BassDrum") != std::string::npos && w.find("2 components") != std::string::npos);
        QVERIFY(reported);
    }

    void plainFolderIsAssignedByName()
    {
        GS_REQUIRE_SHARED(oneShots, "kits/sonic-pi-cc0/drums/one-shots");
        auto kit = loadKit(oneShots.string(), 48000.0);
        QVERIFY2(kit.ok(), kit.ok() ? "" : kit.error().describe().c_str());
        QCOMPARE(int(*detectKitFormat(oneShots.string())), int(KitFormat::Folder));
        for (int note : {36, 38, 42, 44, 46, 43, 47, 50, 49})
            QVERIFY2((*kit)->instrumentForNote(note) >= 0, qPrintable(QString::number(note)));
        const KitInstrument& open = (*kit)->instrument((*kit)->instrumentForNote(46));
        QVERIFY(open.layers[0].samples[0]->path.find("open") != std::string::npos);
        const KitInstrument& lowTom = (*kit)->instrument((*kit)->instrumentForNote(43));
        QCOMPARE(int(lowTom.layers.size()), 2);  // soft and hard
        QVERIFY(lowTom.layerFor(10)->samples[0]->path.find("soft") != std::string::npos);
    }

    void badKitsNameTheFile()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        // A missing sample.
        writeText(dir / "kit.json", oneInstrumentKit("nothere.wav"));
        auto missing = loadKit(dir.string(), 48000.0);
        QVERIFY(!missing);
        QVERIFY(missing.error().file.find("nothere.wav") != std::string::npos);
        QVERIFY(missing.error().message.find("missing") != std::string::npos);
        // A file that is not audio.
        writeText(dir / "text.wav", "this is not a wave file");
        writeText(dir / "kit.json", oneInstrumentKit("text.wav"));
        auto unreadable = loadKit(dir.string(), 48000.0);
        QVERIFY(!unreadable);
        QVERIFY(unreadable.error().file.find("text.wav") != std::string::npos);
        // A path that leaves the kit folder.
        fs::create_directories(dir / "kit");
        fs::copy_file(kitPath("acoustic") + "/samples/drum_bass_soft.flac", dir / "outside.flac");
        writeText(dir / "kit" / "kit.json", oneInstrumentKit("../outside.flac"));
        auto escaping = loadKit((dir / "kit").string(), 48000.0);
        QVERIFY(!escaping);
        QVERIFY(escaping.error().message.find("escapes the kit folder") != std::string::npos);
        writeText(dir / "kit" / "kit.json", oneInstrumentKit("/etc/passwd"));
        QVERIFY(!loadKit((dir / "kit").string(), 48000.0));
        // A map that is not JSON, and no kit at all.
        writeText(dir / "kit" / "kit.json", "{\"instruments\": [");
        auto broken = loadKit((dir / "kit").string(), 48000.0);
        QVERIFY(!broken);
        QVERIFY(broken.error().file.find("kit.json") != std::string::npos);
        QVERIFY(!loadKit((dir / "nope").string(), 48000.0));
        // Broken XML names the line.
        fs::create_directories(dir / "h2");
        writeText(dir / "h2" / "drumkit.xml", "<drumkit_info>\n<name>x</name>\n<instrumentList>\n</drumkit_info>");
        auto xml = loadKit((dir / "h2").string(), 48000.0);
        QVERIFY(!xml);
        QVERIFY2(xml.error().message.find("line 4") != std::string::npos, xml.error().describe().c_str());
    }

    void failedKitKeepsThePreviousOnePlaying()
    {
        auto good = loadAssetKit("acoustic", 48000.0);
        QVERIFY(good);
        Engine engine;
        engine.prepare(48000.0);
        QVERIFY(engine.setKit(good));
        QVERIFY(engine.setPattern(makePattern({{0, 0, 0.9f, 0.0f}, {8, 1, 0.9f, 0.0f}})));
        QVERIFY(engine.start());
        // A kit that fails to load never reaches the engine; one at the wrong rate is refused.
        QTemporaryDir tmp;
        writeText(fs::path(tmp.path().toStdString()) / "kit.json", oneInstrumentKit("gone.flac"));
        QVERIFY(!loadKit(tmp.path().toStdString(), 48000.0));
        auto wrongRate = loadAssetKit("acoustic", 44100.0);
        QVERIFY(!engine.setKit(wrongRate));
        std::vector<float> out(2 * 48000 * 2);
        for (int b = 0; b < 2 * 48000 / 500; ++b)
            engine.process(out.data() + b * 1000, 500);
        QCOMPARE(engine.stats().hitsPlayed, std::uint64_t(2));
        QVERIFY(firstAbove(out, 0, 0.01f) >= 0);
        QVERIFY(firstAbove(out, 48000, 0.01f) >= 48000);  // the snare on step 8 sounds too
    }

    void xmlReaderHandlesTheBasics()
    {
        auto doc = parseXml("<?xml version='1.0'?><!-- c --><a x=\"1 &lt; 2\"><b>t&#65;&#x42;</b><c/><![CDATA[<raw>]]></a>", "t.xml");
        QVERIFY(doc);
        QCOMPARE(doc->attributes[0].second, std::string("1 < 2"));
        QCOMPARE(doc->childText("b"), std::string("tAB"));
        QVERIFY(doc->child("c"));
        QCOMPARE(doc->text, std::string("<raw>"));
        QVERIFY(!parseXml("<a><b></a>", "t.xml"));
        QVERIFY(!parseXml("<a>", "t.xml"));
        QVERIFY(!parseXml("", "t.xml"));
        std::string deep;
        for (int i = 0; i < 1000; ++i)
            deep += "<a>";
        QVERIFY(!parseXml(deep, "deep.xml"));  // refused, not a stack overflow
    }
};

QTEST_GUILESS_MAIN(TestKitLoader)
#include "tst_kitloader.moc"
