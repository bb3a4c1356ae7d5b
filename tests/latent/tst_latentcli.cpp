// The latent-space commands of the real groovescape-cli: generate -> encode
// round trip, interpolate between a real GMD clip and a z, eval --save, and
// clear errors on bad input. The model is created by `train` on a tiny
// dataset imported from real GMD files.
#include "midi/midifile.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>

class TestLatentCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model, m_dataset;

    struct Run {
        int code = -1;
        QJsonObject json;
        QString err;
    };
    Run cli(const QStringList& args, int timeoutMs = 60000)
    {
        QProcess p;
        p.start(GS_CLI_PATH, args);
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitCode();
        r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        GS_REQUIRE_SHARED(session, "gmd/drummer7/session2");
        m_dataset = path("d.gsd");
        m_model = path("m.gsm");
        Run imported = cli({"import", QString::fromStdString(session.string()), "--out", m_dataset, "--json"});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        Run trained = cli({"train", m_dataset, "--out", m_model, "--latent", "2", "--hidden", "64", "--epochs", "2",
                           "--threads", "1", "--json"}, 120000);
        QVERIFY2(trained.code == 0, qPrintable(trained.err));
    }
    void generateThenEncodeRoundTrip()
    {
        const QString clip = path("g.mid");
        Run gen = cli({"generate", m_model, "--z", "0.5,-0.25", "--threshold", "0.3", "--out", clip, "--json"});
        QVERIFY2(gen.code == 0, qPrintable(gen.err));
        QCOMPARE(gen.json["out"].toString(), clip);
        QCOMPARE(gen.json["steps"].toInt(), 32);
        const int hits = gen.json["hits"].toInt();
        QVERIFY(hits > 0);
        QVERIFY(QFileInfo::exists(clip));
        Run enc = cli({"encode", m_model, clip, "--json"});
        QVERIFY2(enc.code == 0, qPrintable(enc.err));
        const QJsonArray windows = enc.json["windows"].toArray();
        QCOMPARE(windows.size(), 1);
        QCOMPARE(windows[0].toObject()["hits"].toInt(), hits);  // every generated hit survives the MIDI round trip
        QCOMPARE(windows[0].toObject()["z"].toArray().size(), 2);
        // Deterministic: the same command writes the same bytes.
        const QString clip2 = path("g2.mid");
        QCOMPARE(cli({"generate", m_model, "--z", "0.5,-0.25", "--threshold", "0.3", "--out", clip2}).code, 0);
        QFile a(clip), b(clip2);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }
    // Per-voice controls on the command line, as the map's sliders: closed hi-hat (voice 2) on every plausible
    // hit, kick almost never, snare at half velocity; bad lists name the option and change nothing.
    void generatePerVoice()
    {
        Run plain = cli({"generate", m_model, "--z", "0.5,-0.25", "--out", path("pv0.mid"), "--json"});
        QVERIFY2(plain.code == 0, qPrintable(plain.err));
        Run tuned = cli({"generate", m_model, "--z", "0.5,-0.25", "--voice-density", "-1,0,1,0,0,0,0,0,0",
                         "--voice-velocity", "1,0.5,1,1,1,1,1,1,1", "--out", path("pv1.mid"), "--json"});
        QVERIFY2(tuned.code == 0, qPrintable(tuned.err));
        QCOMPARE(tuned.json["voice_velocity"].toArray().at(1).toDouble(), 0.5);
        QCOMPARE(plain.json["voice_density"].toArray().size(), 0);
        const QJsonArray before = plain.json["hits_per_voice"].toArray(), after = tuned.json["hits_per_voice"].toArray();
        qInfo("kick %d -> %d, snare %d -> %d, closed hi-hat %d -> %d", before[0].toInt(), after[0].toInt(),
              before[1].toInt(), after[1].toInt(), before[2].toInt(), after[2].toInt());
        QVERIFY(after[0].toInt() <= before[0].toInt());
        QCOMPARE(after[1].toInt(), before[1].toInt());  // velocity only
        QVERIFY(after[2].toInt() > before[2].toInt());
        for (int v = 3; v < 9; ++v)
            QCOMPARE(after[v].toInt(), before[v].toInt());
        // In the clips: the snare (GM note 38) at half velocity (MIDI rounding aside), every other voice's notes
        // that both clips have unchanged.
        auto a = gs::readMidiFile(path("pv0.mid").toStdString()), b = gs::readMidiFile(path("pv1.mid").toStdString());
        QVERIFY(a.ok() && b.ok());
        int snares = 0;
        for (const gs::MidiNote& n : a.value().notes) {
            for (const gs::MidiNote& m : b.value().notes) {
                if (m.note != n.note || m.tick != n.tick)
                    continue;
                if (n.note == 38) {
                    QVERIFY2(std::abs(m.velocity - std::max(1, int(std::lround(n.velocity * 0.5)))) <= 1,
                             qPrintable(QStringLiteral("%1 -> %2").arg(n.velocity).arg(m.velocity)));
                    ++snares;
                } else if (n.note != 36) {
                    QCOMPARE(m.velocity, n.velocity);
                }
            }
        }
        QCOMPARE(snares, before[1].toInt());
        Run shortList = cli({"generate", m_model, "--z", "0,0", "--voice-density", "1,1", "--out", path("pv2.mid"), "--json"});
        QCOMPARE(shortList.code, 2);
        QVERIFY(shortList.json["error"].toString().contains("--voice-density '1,1' must be 9 numbers, one per voice"));
        Run outOfRange = cli({"generate", m_model, "--z", "0,0", "--voice-velocity", "1,1,1,1,1,1,1,1,3", "--out",
                              path("pv3.mid"), "--json"});
        QCOMPARE(outOfRange.code, 2);
        QVERIFY2(outOfRange.json["error"].toString().contains("between 0.0 and 2.0"), qPrintable(outOfRange.json["error"].toString()));
        QVERIFY(!QFileInfo::exists(path("pv2.mid")) && !QFileInfo::exists(path("pv3.mid")));
    }
    void interpolateFromAClipToAPoint()
    {
        GS_REQUIRE_SHARED(clip, "gmd/drummer7/session2/15_rock_118_beat_4-4.mid");
        const QString out = path("path.mid");
        Run r = cli({"interpolate", m_model, "--from", QString::fromStdString(clip.string()), "--to", "1,1", "--steps",
                     "5", "--out", out, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json["points"].toArray().size(), 5);
        QCOMPARE(r.json["bars"].toInt(), 10);
        const QJsonArray last = r.json["points"].toArray().last().toObject()["z"].toArray();
        QCOMPARE(last[0].toDouble(), 1.0);
        Run enc = cli({"encode", m_model, out, "--json"});
        QVERIFY2(enc.code == 0, qPrintable(enc.err));
        QCOMPARE(enc.json["windows"].toArray().size(), 5);
        Run slerped = cli({"interpolate", m_model, "--from", "-1,0", "--to", "0,1", "--steps", "3", "--slerp", "--out",
                           path("s.mid"), "--json"});
        QVERIFY2(slerped.code == 0, qPrintable(slerped.err));
        QCOMPARE(slerped.json["mode"].toString(), QString("slerp"));
    }
    void evalPrintsTheFiguresAndSaves()
    {
        Run r = cli({"eval", m_model, m_dataset, "--split", "all", "--pairs", "20", "--samples", "200", "--save", "--json"},
                    120000);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char* key : {"hit_f1", "hit_precision", "hit_recall", "velocity_mse", "offset_mse", "smoothness_mean",
                                "smoothness_max", "windows"})
            QVERIFY2(r.json.contains(key), key);
        QVERIFY(r.json["windows"].toInt() > 10);
        QVERIFY(r.json["hit_f1"].toDouble() >= 0.0 && r.json["hit_f1"].toDouble() <= 1.0);
        const QJsonObject attributes = r.json["attribute_correlation"].toObject();
        QVERIFY(attributes.contains("density") && attributes.contains("velocity") && attributes.contains("offset"));
        const QJsonObject changes = r.json["attribute_change_correlation"].toObject();
        for (const char* key : {"density", "velocity", "offset"})
            QVERIFY2(std::abs(changes[key].toDouble(2.0)) <= 1.0, key);
        QCOMPARE(r.json["kl_per_dim"].toArray().size(), 2);
        Run inspected = cli({"inspect", m_model, "--json"});
        QVERIFY2(inspected.code == 0, qPrintable(inspected.err));
        QCOMPARE(inspected.json["metrics"].toObject()["hit_f1"].toDouble(), r.json["hit_f1"].toDouble());

        // The global feature comparison: reconstructions and prior samples against the windows, stored overlaps.
        const QJsonObject features = r.json["features"].toObject();
        for (const char* source : {"reconstruction", "prior"}) {
            const QJsonObject set = features[source].toObject();
            QCOMPARE(set["real"].toInt(), r.json["windows"].toInt());
            QCOMPARE(set["generated"].toInt(), r.json["windows"].toInt());
            const QJsonObject overall = set["overall"].toObject();
            QCOMPARE(overall.size(), 9 + 10);
            for (const QString& name : overall.keys()) {
                const QJsonObject f = overall[name].toObject();
                QVERIFY2(f["overlap"].toDouble(-1) >= 0.0 && f["overlap"].toDouble() <= 1.0 + 1e-9, qPrintable(name));
                QVERIFY2(f["kl"].toDouble(-1) >= 0.0 && f["kl"].toDouble() < 10.0, qPrintable(name));
            }
            QVERIFY(overall.contains("hits_kick") && overall.contains("syncopation") && overall.contains("level_odd_16th"));
        }
        // Reconstructions keep their window's style (drummer7/session2 has several); prior samples have none.
        const QJsonObject perStyle = features["reconstruction"].toObject()["per_style_counts"].toObject();
        QVERIFY(perStyle.size() >= 2);
        int styled = 0;
        for (const QString& style : perStyle.keys()) {
            QCOMPARE(perStyle[style].toObject()["generated"].toInt(), perStyle[style].toObject()["real"].toInt());
            styled += perStyle[style].toObject()["real"].toInt();
        }
        QVERIFY(styled <= r.json["windows"].toInt() && styled > 0);
        QVERIFY(features["prior"].toObject()["per_style"].toObject().isEmpty());
        const QJsonObject metrics = inspected.json["metrics"].toObject();
        QCOMPARE(metrics["feature_overlap_density"].toDouble(-1),
                 features["prior"].toObject()["overall"].toObject()["density"].toObject()["overlap"].toDouble());
        QCOMPARE(metrics["feature_recon_overlap_hits_kick"].toDouble(-1),
                 features["reconstruction"].toObject()["overall"].toObject()["hits_kick"].toObject()["overlap"].toDouble());
    }
    void evalCeilingScoresTheValidationSplitAgainstTheTrainSplit()
    {
        Run r = cli({"eval", m_model, m_dataset, "--pairs", "20", "--samples", "200", "--ceiling", "--json"}, 120000);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject ceiling = r.json["ceiling"].toObject();
        QVERIFY(ceiling["train_windows"].toInt() > r.json["windows"].toInt());
        const QJsonObject nearest = ceiling["nearest_training_groove"].toObject();
        QCOMPARE(nearest["windows"].toInt(), r.json["windows"].toInt());
        const QJsonObject lookup = ceiling["nearest_in_latent"].toObject()["groove"].toObject();
        QCOMPARE(lookup["windows"].toInt(), r.json["windows"].toInt());
        QVERIFY(nearest["hit_f1"].toDouble() > 0.0 && nearest["hit_f1"].toDouble() <= 1.0);
        QVERIFY(lookup["hit_f1"].toDouble() > 0.0 && lookup["hit_f1"].toDouble() <= 1.0);
        QVERIFY(ceiling["same_rhythm"].toObject().contains("vote"));

        Run all = cli({"eval", m_model, m_dataset, "--split", "all", "--ceiling", "--json"});
        QCOMPARE(all.code, 2);
        QVERIFY(all.json["error"].toString().contains("--ceiling"));
    }
    void badInputGivesClearErrors()
    {
        Run wrongSize = cli({"generate", m_model, "--z", "1,2,3", "--out", path("x.mid"), "--json"});
        QCOMPARE(wrongSize.code, 2);
        QVERIFY(wrongSize.json["error"].toString().contains("3 values"));
        QVERIFY(!QFileInfo::exists(path("x.mid")));
        Run notNumbers = cli({"generate", m_model, "--z", "a,b", "--out", path("x.mid")});
        QCOMPARE(notNumbers.code, 2);
        QVERIFY(notNumbers.err.contains("not a list of numbers"));
        Run notAModel = cli({"encode", m_dataset, path("g.mid"), "--json"});
        QCOMPARE(notAModel.code, 2);
        QVERIFY(notAModel.json["error"].toString().contains(m_dataset));
        Run missing = cli({"interpolate", m_model, "--from", path("none.mid"), "--to", "0,0", "--out", path("y.mid")});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("none.mid"));
        QVERIFY(!QFileInfo::exists(path("y.mid")));
    }
};

QTEST_GUILESS_MAIN(TestLatentCli)
#include "tst_latentcli.moc"
