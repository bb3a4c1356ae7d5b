// ClipExporter: WAV export renders the current groove with the real kit and
// writes a file exactly bars x tempo long (read back with libsndfile through
// src/audio's sample reader); a failing write (unwritable folder) reports the
// path and leaves no file (a folder that is a file: fails even as root); the drag file is a real .mid named after the groove.
#include "audio/samplefile.h"
#include "clipexporter.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

class TstClipExporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests")); }

    void wavIsBarsTimesTempoLong()
    {
        Session session(nullptr);
        session.setGroove(realGroove(session), "dataset");
        QVERIFY(session.hitCount() > 0);
        session.setBpm(120);
        ClipExporter exporter(&session, nullptr);
        QSignalSpy busy(&exporter, &ClipExporter::busyChanged);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        QSignalSpy message(&exporter, &ClipExporter::messageChanged);
        QTemporaryDir dir;
        const QString path = dir.filePath("groove");  // ".wav" is added
        exporter.exportWav(QUrl::fromLocalFile(path).toString());
        QVERIFY(exporter.busy());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(exporter.message()));
        QCOMPARE(finished.first().at(1).toString(), path + ".wav");
        QCOMPARE(busy.count(), 2);
        QCOMPARE(message.count(), 1);
        QVERIFY(!exporter.busy());

        auto audio = readSampleFile((path + ".wav").toStdString(), 48000.0);
        QVERIFY(audio.ok());
        // 2 bars of 4/4 at 120 BPM = 4 s at 48 kHz.
        QCOMPARE(audio.value()->length, 4 * 48000);
        QVERIFY(audio.value()->peak > 0.01);  // the kit really played
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({"groove.wav"}));  // no temp left over

        session.setBpm(90);
        finished.clear();
        exporter.exportWav(dir.filePath("slow.wav"));
        QVERIFY(finished.wait(30000));
        auto slow = readSampleFile(dir.filePath("slow.wav").toStdString(), 48000.0);
        QVERIFY(slow.ok());
        QCOMPARE(slow.value()->length, int(std::lround(8 * 60.0 / 90.0 * 48000.0)));
    }

    void failedWriteLeavesNoFile()
    {
        Session session(nullptr);
        session.setGroove(realGroove(session), "dataset");
        ClipExporter exporter(&session, nullptr);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        QTemporaryDir dir;
        // A "folder" that is a file: no write can succeed there, not even as root.
        const QString locked = dir.filePath("locked");
        {
            QFile blocker(locked);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        exporter.exportWav(QDir(locked).filePath("x.wav"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(exporter.message().contains("locked/x.wav"), qPrintable(exporter.message()));
        finished.clear();
        exporter.exportMidi(QDir(locked).filePath("x.mid"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(exporter.message().contains("locked/x.mid"), qPrintable(exporter.message()));
        // Nothing but the blocker: no half-written or temporary file anywhere.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList({"locked"}));
        QCOMPARE(QFileInfo(locked).size(), 0);

        // Nothing to export: an empty name or an empty groove says so.
        finished.clear();
        exporter.exportMidi("");
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        Session empty(nullptr);
        ClipExporter emptyExporter(&empty, nullptr);
        QSignalSpy emptyFinished(&emptyExporter, &ClipExporter::finished);
        empty.setGroove(Groove(), "edit");
        emptyExporter.exportWav(dir.filePath("nothing.wav"));
        QCOMPARE(emptyFinished.count(), 1);
        QVERIFY(!QFileInfo::exists(dir.filePath("nothing.wav")));
    }

    void dragFileIsARealClipNamedAfterTheGroove()
    {
        Session session(nullptr);
        ClipExporter exporter(&session, nullptr);
        QSignalSpy url(&exporter, &ClipExporter::dragUrlChanged);
        QSignalSpy enabled(&exporter, &ClipExporter::dragEnabledChanged);
        QSignalSpy name(&exporter, &ClipExporter::clipNameChanged);
        const Groove groove = realGroove(session);
        session.setGroove(groove, "map");
        session.setBpm(96);
        QCOMPARE(name.count(), 2);
        QCOMPARE(exporter.clipName(), QString("map-96bpm"));
        QVERIFY(exporter.dragUrl().isEmpty());  // off until a tile asks for it
        exporter.setDragEnabled(true);
        QCOMPARE(enabled.count(), 1);
        QVERIFY(url.wait(20000));
        const QString path = exporter.dragUrl().toLocalFile();
        QCOMPARE(QFileInfo(path).fileName(), QString("map-96bpm.mid"));
        const auto back = readGrooveMidi(path.toStdString(), session.drumMap(), 2, 4);
        QVERIFY(back.ok());
        QCOMPARE(back.value().size(), std::size_t(1));
        QVERIFY(back.value().front().sameHits(groove));
    }

private:
    static Groove realGroove(const Session& session)
    {
        const auto path = gs::test::sharedPath("gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        if (path.empty())
            return {};
        auto file = readMidiFile(path.string());
        if (!file.ok())
            return {};
        for (const GrooveWindow& w : extractWindows(file.value(), session.drumMap(), {}).windows)
            if (w.groove.hitCount() > 10)
                return w.groove;
        return {};
    }
};

QTEST_GUILESS_MAIN(TstClipExporter)
#include "tst_clipexporter.moc"
