// `groovescape-cli drumify` with the bundled groove-transformer on real music: the bass line of an
// OpenMSX song becomes drums that play on its onsets; --without toms gives no toms; bad input is a
// clear error and writes nothing. Also `train --model transformer --input full` on a few real files.
#include "midi/midifile.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <map>
#include <set>

using namespace gs;

class TestDrumify : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    QString m_song;
    int m_bassChannel = -1;  // 0-based

    struct Run {
        int code = -1;
        QJsonObject json;
        QString err;
    };
    Run cli(const QStringList& args)
    {
        QProcess p;
        p.start(GS_CLI_PATH, args);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // 16th-note steps at which notes of `channel` start.
    static std::set<long> onsetSteps(const MidiFile& file, int channel)
    {
        std::set<long> steps;
        const double step = file.ticksPerQuarter / 4.0;
        for (const MidiNote& n : file.notes)
            if (n.channel == channel)
                steps.insert(long(std::llround(double(n.tick) / step)));
        return steps;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = QString::fromStdString((test::sourceDir() / "models/groove-transformer.gsmodel").string());
        QVERIFY(QFileInfo::exists(m_model));
        GS_REQUIRE_SHARED(song, "openmsx/city_blues_redfarn.mid");
        m_song = QString::fromStdString(song.string());
        // The bass: the channel (not 10) with the lowest mean pitch among those with many notes.
        auto file = readMidiFile(song.string());
        QVERIFY(file.ok());
        std::map<int, std::pair<double, int>> pitch;  // channel -> (sum, count)
        for (const MidiNote& n : file->notes)
            if (n.channel != 9) {
                pitch[n.channel].first += n.note;
                ++pitch[n.channel].second;
            }
        double lowest = 1e9;
        for (const auto& [channel, p] : pitch)
            if (p.second >= 64 && p.first / p.second < lowest) {
                lowest = p.first / p.second;
                m_bassChannel = channel;
            }
        QVERIFY(m_bassChannel >= 0);
        QVERIFY(lowest < 55);  // a bass register
    }
    void drumsFollowTheBassLine()
    {
        const QString out = path("bass-drums.mid");
        const Run r = cli({"drumify", m_model, m_song, "--out", out, "--channels", QString::number(m_bassChannel + 1), "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.json["windows"].toInt() > 8);
        QVERIFY(r.json["hits"].toInt() > r.json["windows"].toInt());
        int perVoice = 0;
        for (const auto& v : r.json["hits_per_voice"].toObject())
            perVoice += v.toInt();
        QCOMPARE(perVoice, r.json["hits"].toInt());
        QVERIFY(r.json.contains("seconds"));

        auto song = readMidiFile(m_song.toStdString());
        auto drums = readMidiFile(out.toStdString());
        QVERIFY(drums.ok());
        QCOMPARE(drums->ticksPerQuarter, song->ticksPerQuarter);
        QCOMPARE(drums->tempos.size(), song->tempos.size());  // the tempo map kept
        const std::set<long> bass = onsetSteps(*song, m_bassChannel), hits = onsetSteps(*drums, 9);
        QVERIFY(!hits.empty());
        long onBass = 0;
        for (long s : hits)
            onBass += bass.count(s);
        // Drum hits land on bass onsets far more often than steps do by chance.
        const long lastStep = *hits.rbegin();
        long bassSteps = 0;
        for (long s : bass)
            bassSteps += s <= lastStep ? 1 : 0;
        const double precision = double(onBass) / double(hits.size()), chance = double(bassSteps) / double(lastStep + 1);
        QVERIFY2(precision > 0.6 && precision > 1.5 * chance,
            qPrintable(QStringLiteral("%1 of drum steps on bass onsets, chance %2").arg(precision).arg(chance)));
        long covered = 0;
        for (long s : bass)
            covered += (s <= lastStep && hits.count(s)) ? 1 : 0;
        QVERIFY2(double(covered) / double(bassSteps) > 0.5, qPrintable(QString::number(double(covered) / double(bassSteps))));
    }
    void withoutTomsGivesNoToms()
    {
        const QString out = path("no-toms.mid");
        const Run r = cli({"drumify", m_model, m_song, "--out", out, "--without", "toms", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto drums = readMidiFile(out.toStdString());
        QVERIFY(drums.ok());
        int notes = 0;
        for (const MidiNote& n : drums->notes) {
            ++notes;
            QVERIFY2(n.note != 43 && n.note != 47 && n.note != 50, qPrintable(QString::number(n.note)));
        }
        QVERIFY(notes > r.json["windows"].toInt());
        QCOMPARE(r.json["hits"].toInt(), notes);
    }
    void badInputWritesNothing()
    {
        const QString out = path("never.mid");
        GS_REQUIRE_SHARED(notMidi, "bad-midi/jazz-soft");
        const QString text = path("text.mid");
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a MIDI file\n");
        }
        const QString rhythmvae = QString::fromStdString((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        const QList<QStringList> cases = {
            {"drumify", m_model, text, "--out", out},  // not MIDI
            {"drumify", m_model, m_song, "--out", out, "--channels", "16"},  // no notes there
            {"drumify", m_model, m_song, "--out", out, "--channels", "17"},
            {"drumify", m_model, m_song, "--out", out, "--temperature", "nan"},
            {"drumify", m_model, m_song, "--out", out, "--temperature", "0"},
            {"drumify", m_model, m_song, "--out", out, "--threshold", "1.5"},
            {"drumify", m_model, m_song, "--out", out, "--without", "cowbell"},
            {"drumify", m_model, m_song, "--out", out, "--style", "polka"},
            {"drumify", m_model, m_song, "--out", out, "--bars", "4"},
            {"drumify", rhythmvae, m_song, "--out", out},  // not a transformer
            {"drumify", m_song, m_song, "--out", out},  // not a model
        };
        for (const QStringList& args : cases) {
            const Run r = cli(args + QStringList{"--json"});
            QVERIFY2(r.code == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.code) + " " + r.err));
            // A usage error (CLI11's check) is told on stderr; a bad file or model also as JSON.
            QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(args.join(' ')));
            if (args[1] != m_model || args[2] != m_song || args.contains("--style") || args.contains("--channels")
                || args.contains("--without") || args.contains("--bars"))
                QVERIFY2(!r.json["error"].toString().isEmpty(), qPrintable(args.join(' ') + " " + r.err));
            QVERIFY2(!QFileInfo::exists(out), qPrintable(args.join(' ')));
        }
    }
    void fullModeTransformerTrainsAndIsRefused()
    {
        GS_REQUIRE_SHARED(session, "gmd/drummer1/session2");
        const QString dataset = path("tiny.gsd");
        const Run imported = cli({"import", QString::fromStdString(session.string()), "--out", dataset, "--json"});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        const QString full = path("full.gsmodel");
        const Run trained = cli({"train", dataset, "--out", full, "--model", "transformer", "--input", "full",
            "--latent", "4", "--d-model", "16", "--heads", "2", "--layers", "1", "--feed-forward", "16",
            "--decoder-d-model", "16", "--decoder-heads", "2", "--decoder-layers", "1", "--decoder-feed-forward", "16",
            "--epochs", "2", "--threads", "1", "--json"});
        QVERIFY2(trained.code == 0, qPrintable(trained.err));
        QCOMPARE(trained.json["type"].toString(), QStringLiteral("transformer"));
        QCOMPARE(trained.json["transformer"].toObject()["input_mode"].toString(), QStringLiteral("full"));
        const QString out = path("never.mid");
        const Run r = cli({"drumify", full, m_song, "--out", out, "--json"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.json["error"].toString().contains("input mode full"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestDrumify)
#include "tst_drumify.moc"
