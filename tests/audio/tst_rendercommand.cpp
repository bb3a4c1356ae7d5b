// groovescape-cli render on a real Groove MIDI Dataset file: the JSON report,
// the file it writes, --tempo/--loops/--humanize, and bad input.
#include "testdata.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <filesystem>

namespace fs = std::filesystem;

class TestRenderCommand : public QObject {
    Q_OBJECT
private:
    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run cli(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(GS_CLI_PATH), args);
        Run r;
        if (!p.waitForFinished(60000))
            return r;
        r.code = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private Q_SLOTS:
    void rendersAGmdFile()
    {
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        QTemporaryDir tmp;
        const QString out = tmp.filePath("groove.wav");
        const Run r = cli({"render", QString::fromStdString(clip.string()), "--out", out, "--tempo", "120", "--loops", "2",
                           "--humanize", "0", "--swing", "60", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["output"].get<std::string>(), out.toStdString());
        QCOMPARE(report["bpm"].get<double>(), 120.0);
        const int bars = report["bars"].get<int>();
        QVERIFY(bars > 1);
        QVERIFY(report["hits"].get<int>() > 10);
        QCOMPARE(report["hits_without_sample"].get<int>(), 0);
        // Two loops of `bars` bars of 4/4 at 120 BPM = 2 s per bar; then at most 2 s of tail.
        const std::int64_t music = std::int64_t(2) * bars * 96000;
        const std::int64_t frames = report["frames"].get<std::int64_t>();
        QVERIFY(frames >= music && frames <= music + 96000);
        QVERIFY(report["realtime_factor"].get<double>() > 0.0);
        SF_INFO info{};
        SNDFILE* f = sf_open(out.toLocal8Bit().constData(), SFM_READ, &info);
        QVERIFY(f);
        sf_close(f);
        QCOMPARE(std::int64_t(info.frames), frames);
        QCOMPARE(info.samplerate, 48000);
    }

    void seamlessIsTheMiddleOfThreeLoops()
    {
        // --seamless: a file that loops, the music's length to the frame, the same samples as the middle
        // pass of the clip played three times.
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        QTemporaryDir tmp;
        const QString loop = tmp.filePath("loop.wav");
        const QString three = tmp.filePath("three.wav");
        const QStringList common = {QString::fromStdString(clip.string()), "--tempo", "120", "--swing", "60", "--json"};
        const Run r = cli(QStringList{"render", "--out", loop, "--seamless"} + common);
        QVERIFY2(r.code == 0, r.err.constData());
        const Run r3 = cli(QStringList{"render", "--out", three, "--loops", "3", "--tail", "0"} + common);
        QVERIFY2(r3.code == 0, r3.err.constData());
        const std::int64_t music = std::int64_t(nlohmann::json::parse(r.out.toStdString())["bars"].get<int>()) * 96000;
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["frames"].get<std::int64_t>(), music);
        const auto read = [](const QString& path, std::int64_t from, std::int64_t frames) {
            SF_INFO info{};
            std::vector<float> data;
            if (SNDFILE* f = sf_open(path.toLocal8Bit().constData(), SFM_READ, &info)) {
                data.resize(std::size_t(frames) * 2);
                sf_seek(f, from, SEEK_SET);
                data.resize(std::size_t(sf_readf_float(f, data.data(), frames)) * 2);
                sf_close(f);
            }
            return data;
        };
        const std::vector<float> file = read(loop, 0, music + 1);
        QCOMPARE(std::int64_t(file.size() / 2), music);
        const std::vector<float> middle = read(three, music, music);
        QCOMPARE(std::int64_t(middle.size() / 2), music);
        QVERIFY(file == middle);  // (this clip has nothing across its ends; tst_grooveswitch has a groove that does)
    }

    void jsonNamesTheInstrumentEachVoicePlays()
    {
        // ElectricEmpireKit (hydrogen-drumkits) lists 12 kicks before its snares and hats and has no toms or
        // cymbals: the voices play instruments by name, and the silent voices are counted one by one.
        const std::string kitDir = "/usr/share/hydrogen/data/drumkits/ElectricEmpireKit";
        if (!fs::is_directory(kitDir))
            QSKIP("hydrogen-drumkits is not installed (ElectricEmpireKit missing)");
        GS_REQUIRE_SHARED(clip, "gmd/drummer7/session3/23_pop-soft_83_beat_4-4.mid");
        QTemporaryDir tmp;
        const Run r = cli({"render", QString::fromStdString(clip.string()), "--out", tmp.filePath("e.wav"), "--kit",
                           QString::fromStdString(kitDir), "--loops", "2", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["kit_format"].get<std::string>(), std::string("hydrogen"));
        const auto& voices = report["voices"];
        QCOMPARE(int(voices.size()), 9);
        QCOMPARE(voices[0]["instrument"].get<std::string>(), std::string("Kick Lite 1"));
        QCOMPARE(voices[0]["mapped_by"].get<std::string>(), std::string("name"));
        QCOMPARE(voices[1]["instrument"].get<std::string>(), std::string("Snare 1"));
        QVERIFY(voices[2]["instrument"].get<std::string>().find("Hat Closed") == 0);
        QVERIFY(voices[3]["instrument"].get<std::string>().find("Hat Op") == 0);
        int silent = 0, hits = 0;
        for (const auto& v : voices) {
            hits += v["hits"].get<int>();
            silent += v["hits_without_sample"].get<int>();
            const bool none = v["instrument"].is_null();
            QCOMPARE(v["hits_without_sample"].get<int>(), none ? v["hits"].get<int>() : 0);
            QCOMPARE(v["mapped_by"].get<std::string>() == "none", none);
        }
        QVERIFY(voices[4]["instrument"].is_null());  // no tom in this kit
        QCOMPARE(silent, report["hits_without_sample"].get<int>());
        QCOMPARE(hits, report["hits"].get<int>() + silent);
    }

    void voiceOptionPlaysTheChosenInstrument()
    {
        // --voice NOTE=INSTRUMENT: what the app's voice-mapping table saves, given by hand.
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        QTemporaryDir tmp;
        const Run r = cli({"render", QString::fromStdString(clip.string()), "--out", tmp.filePath("v.wav"), "--kit", "acoustic",
                           "--voice", "38=Kick", "--voice", "42=", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto report = nlohmann::json::parse(r.out.toStdString());
        const auto& voices = report["voices"];
        QCOMPARE(voices[1]["note"].get<int>(), 38);
        QCOMPARE(voices[1]["instrument"].get<std::string>(), std::string("Kick"));
        QCOMPARE(voices[1]["mapped_by"].get<std::string>(), std::string("chosen"));
        QVERIFY(voices[2]["instrument"].is_null());  // closed hi-hat: none chosen, silent
        QCOMPARE(voices[2]["hits_without_sample"].get<int>(), voices[2]["hits"].get<int>());
        QVERIFY(voices[2]["hits"].get<int>() > 0);

        const Run bad = cli({"render", QString::fromStdString(clip.string()), "--out", tmp.filePath("b.wav"), "--kit",
                             "acoustic", "--voice", "38=Timpani"});
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains("no instrument \"Timpani\"") && bad.err.contains("Kick"), bad.err.constData());
        QVERIFY(!QFileInfo::exists(tmp.filePath("b.wav")));
        const Run badNote = cli({"render", QString::fromStdString(clip.string()), "--out", tmp.filePath("c.wav"), "--kit",
                                 "acoustic", "--voice", "snare=Kick"});
        QVERIFY(badNote.code != 0);
        QVERIFY2(badNote.err.contains("NOTE=INSTRUMENT"), badNote.err.constData());
    }

    void sf2PresetsAndBadValues()
    {
        const std::string sf2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
        if (!fs::is_regular_file(sf2))
            QSKIP("fluid-soundfont-gm is not installed");
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        QTemporaryDir tmp;
        const QString out = tmp.filePath("s.wav");
        const QString in = QString::fromStdString(clip.string());
        Run r = cli({"render", in, "--out", out, "--kit", QString::fromStdString(sf2), "--preset", "40", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        auto report = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(report["kit"].get<std::string>(), std::string("Brush"));
        QCOMPARE(report["kit_format"].get<std::string>(), std::string("sf2"));
        QCOMPARE(report["hits_without_sample"].get<int>(), 0);
        for (const auto& v : report["voices"])
            QCOMPARE(v["mapped_by"].get<std::string>(), std::string("note"));
        // A preset the file does not have lists the ones it has.
        r = cli({"render", in, "--out", tmp.filePath("t.wav"), "--kit", QString::fromStdString(sf2), "--preset", "99"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("no drum preset 99") && r.err.contains("40 Brush") && r.err.contains("FluidR3_GM.sf2"));
        // Numbers that make no sense name their option and write nothing.
        const QList<QStringList> bad = {{"--tempo", "nan"}, {"--bpm", "-120"}, {"--tempo", "1e308"}, {"--swing", "nan"},
                                        {"--swing", "-3"}, {"--loops", "-1"}, {"--loops", "100000"}, {"--tail", "inf"},
                                        {"--loops", "nan"}, {"--humanize", "nan"}};
        for (const QStringList& option : bad) {
            r = cli(QStringList{"render", in, "--out", tmp.filePath("bad.wav")} + option);
            QVERIFY2(r.code != 0, qPrintable(option.join(' ')));
            const QString name = option[0] == "--bpm" ? "--tempo" : option[0];
            QVERIFY2(r.err.contains(name.toUtf8()), qPrintable(option.join(' ') + ": " + QString::fromUtf8(r.err)));
            QVERIFY(!QFile::exists(tmp.filePath("bad.wav")));
        }
    }

    void badInputIsAClearErrorAndWritesNothing()
    {
        GS_REQUIRE_SHARED(notMidi, "bad-midi/jazz-soft/LICENSE.md");
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        QTemporaryDir tmp;
        const QString out = tmp.filePath("x.wav");
        Run r = cli({"render", QString::fromStdString(notMidi.string()), "--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("LICENSE.md"));
        r = cli({"render", QString::fromStdString(clip.string()), "--out", out, "--kit", tmp.filePath("nokit")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("kit not found"));
        r = cli({"render", QString::fromStdString(clip.string()), "--out", tmp.filePath("x.mp3")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("unsupported audio format"));
        QCOMPARE(int(std::distance(fs::directory_iterator(tmp.path().toStdString()), fs::directory_iterator())), 0);
    }
};

QTEST_GUILESS_MAIN(TestRenderCommand)
#include "tst_rendercommand.moc"
