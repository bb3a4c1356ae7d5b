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
