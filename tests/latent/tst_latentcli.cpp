// The latent-space commands of the real groovescape-cli: generate -> encode
// round trip, interpolate between a real GMD clip and a z, eval --save, and
// clear errors on bad input. The model is created by `train` on a tiny
// dataset imported from real GMD files.
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
