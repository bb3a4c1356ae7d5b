// groovescape-cli as a user runs it: the real binary, real files, exit codes and JSON.
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(GS_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;  // -2: crashed
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

int entriesIn(const fs::path& dir)
{
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
        ++n;
    return n;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importFolderAsJsonThenInspect()
    {
        GS_REQUIRE_SHARED(folder, "gmd/drummer4");
        QTemporaryDir tmp;
        const fs::path out = fs::path(tmp.path().toStdString()) / "d4.gsd";
        const Run r = runCli({"import", q(folder), "--out", q(out), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        for (const char* key : {"files", "files_failed", "failures", "files_without_drums", "windows",
                                "duplicates_dropped", "hits", "unmapped", "styles", "seconds", "train", "validation"})
            QVERIFY2(j.contains(QLatin1String(key)), key);
        QCOMPARE(j["files"].toInt(), 9);
        QCOMPARE(j["files_failed"].toInt(), 0);
        QCOMPARE(j["failures"].toArray().size(), 0);
        QCOMPARE(j["files_without_drums"].toInt(), 0);
        const int windows = j["windows"].toInt();
        QVERIFY(windows > 50);
        QCOMPARE(j["train"].toInt() + j["validation"].toInt(), windows);
        QVERIFY(j["validation"].toInt() > 0);
        QVERIFY(j["hits"].toInt() > windows * 6 - 1);
        QVERIFY(j["seconds"].toDouble() > 0.0);
        const QJsonObject styles = j["styles"].toObject();
        QCOMPARE(styles.keys(), (QStringList{"blues", "jazz", "latin", "rock"}));
        int sum = 0;
        for (const auto& v : styles)
            sum += v.toInt();
        QCOMPARE(sum, windows);
        QVERIFY(fs::file_size(out) > 100);
        QCOMPARE(entriesIn(out.parent_path()), 1);

        const Run inspect = runCli({"inspect", q(out), "--json"});
        QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
        const QJsonObject ij = inspect.json();
        QCOMPARE(ij["kind"].toString(), QStringLiteral("dataset"));
        QCOMPARE(ij["windows"].toInt(), windows);
        QCOMPARE(ij["styles"].toObject(), styles);
        QCOMPARE(ij["settings"].toObject()["map"].toString(), QStringLiteral("groovae"));

        const Run text = runCli({"inspect", q(out)});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("blues"));
    }
    void songsReportTheirOtherChannelsAndTakeAChosenDrumChannel()
    {
        // OpenMSX songs: full arrangements, drums on channel 10 (chemistry_lab.mid has none there).
        GS_REQUIRE_SHARED(folder, "openmsx");
        QTemporaryDir tmp;
        const fs::path out = fs::path(tmp.path().toStdString()) / "songs.gsd";
        const Run r = runCli({"import", q(folder), "--out", q(out), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["settings"].toObject()["drum_channel"].toInt(), 10);
        QVERIFY(j["other_channel_notes"].toInt() > 10000);
        const QJsonArray files = j["other_channel_files"].toArray();
        QCOMPARE(files.size(), 31);
        int sum = 0;
        QJsonObject chemistry;
        for (const auto& f : files) {
            sum += f.toObject()["ignored_notes"].toInt();
            if (f.toObject()["file"].toString().endsWith("chemistry_lab.mid"))
                chemistry = f.toObject();
        }
        QCOMPARE(sum, j["other_channel_notes"].toInt());
        QCOMPARE(chemistry["channels"].toObject().keys(), (QStringList{"1", "12", "3", "5", "7", "9"}));
        const QJsonArray noDrums = j["without_drums"].toArray();
        QCOMPARE(noDrums.size(), 1);
        QVERIFY(noDrums[0].toObject()["reason"].toString().contains("channels 1, 3, 5, 7, 9, 12"));

        // inspect shows the same counts, in JSON and as text.
        const Run inspect = runCli({"inspect", q(out), "--json"});
        QCOMPARE(inspect.exitCode, 0);
        QCOMPARE(inspect.json()["other_channel_notes"].toInt(), j["other_channel_notes"].toInt());
        QVERIFY(runCli({"inspect", q(out)}).out.contains("chemistry_lab.mid: 1310 on channels 1, 3, 5, 7, 9, 12"));

        // Channel 12 read as drums, for the import and for one file by its name.
        const Run twelve = runCli({"import", q(folder / "chemistry_lab.mid"), "--drum-channel", "12", "--out",
            q(out.parent_path() / "ch12.gsd"), "--json"});
        QVERIFY2(twelve.exitCode == 0, twelve.err.constData());
        QCOMPARE(twelve.json()["settings"].toObject()["drum_channel"].toInt(), 12);
        QCOMPARE(twelve.json()["files_without_drums"].toInt(), 0);
        QVERIFY(!twelve.json()["other_channel_files"].toArray()[0].toObject()["channels"].toObject().contains("12"));
        const Run one = runCli({"import", q(folder), "--file-drum-channel", "chemistry_lab.mid=12", "--out",
            q(out.parent_path() / "one.gsd"), "--json"});
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QCOMPARE(one.json()["files_without_drums"].toInt(), 0);
        QCOMPARE(one.json()["settings"].toObject()["drum_channel"].toInt(), 10);
        const Run midi = runCli({"inspect", q(folder / "chemistry_lab.mid"), "--drum-channel", "12", "--json"});
        QCOMPARE(midi.json()["drum_channel"].toInt(), 12);
        QCOMPARE(midi.json()["other_channel_notes"].toObject().keys(), (QStringList{"1", "3", "5", "7", "9"}));

        // Channels that are not MIDI channels, and a file choice naming no imported file.
        QCOMPARE(runCli({"import", q(folder), "--drum-channel", "17", "--out", q(out)}).exitCode, 2);
        QCOMPARE(runCli({"import", q(folder), "--file-drum-channel", "chemistry_lab.mid=0", "--out", q(out)}).exitCode, 2);
        const Run none = runCli({"import", q(folder), "--file-drum-channel", "nope.mid=12", "--out", q(out)});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains("nope.mid"));
    }
    void specialFilesInAFolderAreListedInTheReport()
    {
        GS_REQUIRE_SHARED(beat, "gmd/drummer4/session1/1_rock_87_beat_4-4.mid");
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "in";
        fs::create_directories(dir);
        fs::copy_file(beat, dir / "beat.mid");
        QVERIFY(QProcess::execute("mkfifo", {q(dir / "pipe.mid")}) == 0);
        fs::create_symlink("b.mid", dir / "a.mid");
        fs::create_symlink("a.mid", dir / "b.mid");
        const fs::path out = dir.parent_path() / "out.gsd";
        const Run r = runCli({"import", q(dir), "--out", q(out), "--json"});  // a FIFO opened would hang here
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList listed;
        for (const auto& f : r.json()["failures"].toArray())
            listed << fs::path(f.toObject()["file"].toString().toStdString()).filename().c_str()
                    + QStringLiteral(": ") + f.toObject()["reason"].toString();
        listed.sort();
        QCOMPARE(listed.size(), 3);
        QVERIFY2(listed[0].startsWith("a.mid: skipped: a symbolic link that leads nowhere"), qPrintable(listed[0]));
        QVERIFY2(listed[1].startsWith("b.mid: skipped: a symbolic link that leads nowhere"), qPrintable(listed[1]));
        QCOMPARE(listed[2], QStringLiteral("pipe.mid: skipped: a FIFO (named pipe), not a regular file"));
        QVERIFY(r.json()["windows"].toInt() > 0);
        const Run text = runCli({"import", q(dir), "--out", q(out)});
        QVERIFY(text.out.contains("pipe.mid: skipped: a FIFO"));
    }
    void renderPlaysADrumMapOfUpTo64Voices()
    {
        // A drum map may have 1..64 voices (docs/file-formats.md); a 48-voice map (one voice per GM
        // drum note 35..82) once failed in render with "at most 32", naming the MIDI file.
        GS_REQUIRE_SHARED(clip, "bad-midi/jazz-soft/test-all-gm-percussion.mid");
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        for (int voices : {48, 64}) {
            QJsonArray list;
            for (int v = 0; v < voices; ++v)
                list.append(QJsonObject{{"name", QStringLiteral("note %1").arg(27 + v)}, {"notes", QJsonArray{27 + v}}});
            const fs::path map = dir / ("wide" + std::to_string(voices) + ".json");
            std::ofstream(map) << QJsonDocument(QJsonObject{{"name", "wide"}, {"voices", list}}).toJson().constData();
            const fs::path out = dir / ("wide" + std::to_string(voices) + ".wav");
            // The GM kit has a sample for every note 27..87: each voice's hits sound.
            const Run r = runCli({"render", q(clip), "--map", q(map), "--kit",
                q(gs::test::sourceDir() / "assets/kits/gm-standard"), "--out", q(out), "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(fs::file_size(out) > 1000);
            QVERIFY2(r.json()["hits"].toInt() >= 144, r.out.constData());  // notes 27..74 at least, 3 hits each
            QCOMPARE(r.json()["hits_without_sample"].toInt(), 0);
        }
    }
    void userMapAndKeptDuplicates()
    {
        GS_REQUIRE_SHARED(folder, "gmd/drummer4");
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        std::ofstream(dir / "two.json")
            << R"({"name":"kick and snare","voices":[{"name":"Kick","notes":[36]},{"name":"Snare","notes":[38,40]}]})";
        const Run r = runCli({"import", q(folder), "--out", q(dir / "ks.gsd"), "--map", q(dir / "two.json"),
                              "--min-hits", "1", "--keep-duplicates", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["settings"].toObject()["voices"].toInt(), 2);
        QCOMPARE(j["settings"].toObject()["map"].toString(), QStringLiteral("kick and snare"));
        QCOMPARE(j["duplicates_dropped"].toInt(), 0);
        QVERIFY(j["unmapped"].toObject().contains(QStringLiteral("42")));  // closed hi-hat has no voice here
        QCOMPARE(j["hits_per_voice"].toObject().keys(), (QStringList{"Kick", "Snare"}));

        std::ofstream(dir / "broken.json") << "{\"voices\": [";
        const Run bad = runCli({"import", q(folder), "--out", q(dir / "x.gsd"), "--map", q(dir / "broken.json")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("broken.json"));
        QVERIFY(!fs::exists(dir / "x.gsd"));
    }
    void inspectMidiFile()
    {
        GS_REQUIRE_SHARED(file, "gmd/drummer4/session1/1_rock_87_beat_4-4.mid");
        const Run r = runCli({"inspect", q(file), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["kind"].toString(), QStringLiteral("midi"));
        QCOMPARE(j["format"].toInt(), 0);
        QCOMPARE(j["tracks"].toInt(), 1);
        QCOMPARE(j["ticks_per_quarter"].toInt(), 480);
        QCOMPARE(qRound(j["tempos"].toArray()[0].toObject()["bpm"].toDouble()), 87);
        QCOMPARE(j["meters"].toArray()[0].toObject()["meter"].toString(), QStringLiteral("4/4"));
        QVERIFY(j["drum_notes"].toInt() > 100);
        QCOMPARE(j["mapped_notes"].toInt(), j["drum_notes"].toInt());  // groovae takes every TD-11 pitch
        QVERIFY(j["windows"].toInt() > 0);
        QVERIFY(j["bars"].toInt() >= j["windows"].toInt());
    }
    void badMidiFileFailsWithReasonAndNoOutput()
    {
        GS_REQUIRE_SHARED(bad, "bad-midi/jazz-soft/test-not-a-midi-file.mid");
        QTemporaryDir tmp;
        const fs::path out = fs::path(tmp.path().toStdString()) / "bad.gsd";
        const Run r = runCli({"import", q(bad), "--out", q(out), "--json"});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(j["files"].toInt(), 1);
        QCOMPARE(j["files_failed"].toInt(), 1);
        const QJsonObject failure = j["failures"].toArray()[0].toObject();
        QCOMPARE(failure["file"].toString(), q(bad));
        QVERIFY(!failure["reason"].toString().isEmpty());
        QVERIFY(j["error"].toString().contains(QLatin1String("no groove windows")));
        QVERIFY(!fs::exists(out));
        QCOMPARE(entriesIn(out.parent_path()), 0);

        const Run inspect = runCli({"inspect", q(bad), "--json"});
        QCOMPARE(inspect.exitCode, 2);
        QVERIFY(inspect.json()["error"].toString().contains(q(bad)));
    }
    void badUsageAndMissingFilesExitTwo()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const fs::path out = dir / "x.gsd";
        QCOMPARE(runCli({"import", "/no/such/folder", "--out", q(out)}).exitCode, 2);
        QCOMPARE(runCli({"import", q(dir)}).exitCode, 2);  // --out missing
        QCOMPARE(runCli({"import", q(dir), "--out", q(out), "--map", "no-such-map"}).exitCode, 2);
        QCOMPARE(runCli({"import", q(dir), "--out", q(out), "--bars", "3"}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"import", q(dir), "--out", q(out)}).exitCode, 1);  // an empty folder: nothing to do
        QVERIFY(!fs::exists(out));

        std::ofstream(dir / "notes.txt") << "just text";
        const Run other = runCli({"inspect", q(dir / "notes.txt")});
        QCOMPARE(other.exitCode, 2);
        QVERIFY(other.err.contains("not a MIDI file, dataset or model"));
        std::ofstream(dir / "cut.gsd", std::ios::binary) << "GSDS\x01";
        const Run cut = runCli({"inspect", q(dir / "cut.gsd"), "--json"});
        QCOMPARE(cut.exitCode, 2);
        QVERIFY(cut.json()["error"].toString().contains(QLatin1String("truncated")));
        QCOMPARE(runCli({"inspect", q(dir / "missing.mid")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
