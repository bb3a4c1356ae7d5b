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
