// ClipExporter: WAV export renders the current groove with the real kit and
// writes a file exactly bars x tempo long (read back with libsndfile through
// src/audio's sample reader); a failing write (unwritable folder) reports the
// path and leaves no file (a folder that is a file: fails even as root); the drag file is a real .mid named after the groove.
// Sequences: three real GMD windows export as one clip (read back in order at
// 2-bar offsets) and as one WAV exactly 3 x 2 bars long with sound in each
// segment; an empty set and an over-long WAV are refused, naming the file.
#include "audio/samplefile.h"
#include "transport/clipexporter.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "testdata.h"
#include "dataset/importer.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

using namespace gs;

class TstClipExporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests")); }

    void wavIsBarsTimesTempoLong()
    {
        Session session(nullptr);
        session.setGroove(realGroove(session), GrooveSource::Dataset);
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
        session.setGroove(realGroove(session), GrooveSource::Dataset);
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
        empty.setGroove(Groove(), GrooveSource::Edit);
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
        session.setGroove(groove, GrooveSource::Map);
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

    void suggestedNamesSayWhatPlays()
    {
        // The export dialogs suggest clipName: a dataset window by its file and bar, the map by the
        // cursor's position, an edit by what it edited (issue 17: the dialog said "groove.mid" for all).
        GS_REQUIRE_SHARED(file, "gmd/drummer4/session1/1_rock_87_beat_4-4.mid");
        auto imported = Importer(ImportSettings{}).run({file.string()});
        QVERIFY(imported.ok() && imported->windowCount() > 1);
        Session session(nullptr);
        session.setDataset(std::make_shared<const Dataset>(std::move(imported).value()), "d4");
        ClipExporter exporter(&session, nullptr);
        QSignalSpy name(&exporter, &ClipExporter::clipNameChanged);
        QSignalSpy position(&exporter, &ClipExporter::mapPositionChanged);
        session.setCurrentWindow(1);
        const int bar = session.dataset()->windows()[1].firstBar + 1;
        const long bpm = std::lround(session.bpm());
        QCOMPARE(exporter.clipName(), QStringLiteral("1-rock-87-beat-4-4-bar%1-%2bpm").arg(bar).arg(bpm));
        QVERIFY(name.count() > 0);

        const Groove groove = session.groove();
        session.setGroove(groove, GrooveSource::Map);
        QCOMPARE(exporter.clipName(), QStringLiteral("map-%1bpm").arg(bpm));  // no position given yet
        name.clear();
        exporter.setMapPosition(QPointF(0.4219, -1.3711));
        QCOMPARE(position.count(), 1);
        QCOMPARE(name.count(), 1);
        QCOMPARE(exporter.clipName(), QStringLiteral("map-x0.42-y-1.37-%1bpm").arg(bpm));
        session.setGroove(groove, GrooveSource::Edit);
        exporter.setMapPosition(QPointF(3.0, 3.0));  // the cursor moves on, the edit keeps its origin
        QCOMPARE(exporter.clipName(), QStringLiteral("map-x0.42-y-1.37-edit-%1bpm").arg(bpm));
        session.setGroove(groove, GrooveSource::Sequence);
        QCOMPARE(exporter.clipName(), QStringLiteral("sequence-%1bpm").arg(bpm));
        session.setGroove(groove, GrooveSource::Accompaniment);  // drums the Groove tab made (was "groove")
        QCOMPARE(exporter.clipName(), QStringLiteral("accompaniment-%1bpm").arg(bpm));
        session.setGroove(groove, GrooveSource::Edit);
        QCOMPARE(exporter.clipName(), QStringLiteral("accompaniment-edit-%1bpm").arg(bpm));
        session.setCurrentWindow(0);
        session.setGroove(session.groove(), GrooveSource::Edit);
        QVERIFY2(exporter.clipName().startsWith(QStringLiteral("1-rock-87-beat-4-4-bar1-edit-")), qPrintable(exporter.clipName()));
    }

    void sequenceIsOneClipInOrder()
    {
        Session session(nullptr);
        session.setBpm(120);
        const std::vector<Groove> grooves = threeRealGrooves(session);
        QCOMPARE(grooves.size(), std::size_t(3));
        ClipExporter exporter(&session, nullptr);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        QSignalSpy busy(&exporter, &ClipExporter::busyChanged);
        QTemporaryDir dir;
        const QString path = dir.filePath("set");  // ".mid" is added
        exporter.exportSequenceMidi(grooves, QUrl::fromLocalFile(path).toString());
        QVERIFY(exporter.busy());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(exporter.message()));
        QCOMPARE(finished.first().at(1).toString(), path + ".mid");
        QCOMPARE(busy.count(), 2);
        const auto back = readGrooveMidi((path + ".mid").toStdString(), session.drumMap(), 2, 4);
        QVERIFY(back.ok());
        QCOMPARE(back.value().size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY2(back.value()[i].sameHits(grooves[i]), qPrintable(QStringLiteral("segment %1").arg(i + 1)));
        // Every note-on of groove i lies in its own 2 bars (3840 ticks), within half a step of its step.
        auto midi = readMidiFile((path + ".mid").toStdString());
        QVERIFY(midi.ok());
        int hits = 0;
        for (std::size_t i = 0; i < 3; ++i)
            for (int s = 0; s < grooves[i].steps(); ++s)
                for (int v = 0; v < grooves[i].voices(); ++v) {
                    if (!grooves[i].hit(s, v))
                        continue;
                    ++hits;
                    const std::int64_t at = std::int64_t(i) * 3840 + s * 120;
                    QVERIFY(std::any_of(midi.value().notes.begin(), midi.value().notes.end(), [&](const MidiNote& n) {
                        return n.note == session.drumMap().outputNote(v) && std::abs(n.tick - at) <= 60;
                    }));
                }
        QCOMPARE(int(midi.value().notes.size()), hits);
    }

    void sequenceWavIsEverySegmentLongAndSounds()
    {
        Session session(nullptr);
        session.setBpm(100);
        const std::vector<Groove> grooves = threeRealGrooves(session);
        QCOMPARE(grooves.size(), std::size_t(3));
        ClipExporter exporter(&session, nullptr);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        QTemporaryDir dir;
        exporter.exportSequenceWav(grooves, dir.filePath("set.wav"));
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(exporter.message()));
        auto audio = readSampleFile(dir.filePath("set.wav").toStdString(), 48000.0);
        QVERIFY(audio.ok());
        // Each groove: 2 bars of 4/4 at 100 BPM = 4.8 s = 230,400 frames; no tail.
        const int segment = int(std::lround(8 * 60.0 / 100.0 * 48000.0));
        QCOMPARE(segment, 230400);
        QCOMPARE(audio.value()->length, 3 * segment);
        for (int i = 0; i < 3; ++i) {
            float peak = 0.0f;
            for (int f = i * segment; f < (i + 1) * segment; ++f)
                peak = std::max(peak, std::abs(audio.value()->frames[std::size_t(2 * f)]));
            QVERIFY2(peak > 0.01f, qPrintable(QStringLiteral("segment %1 silent").arg(i + 1)));
        }
    }

    void sequenceRefusals()
    {
        Session session(nullptr);
        ClipExporter exporter(&session, nullptr);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        QSignalSpy message(&exporter, &ClipExporter::messageChanged);
        QTemporaryDir dir;
        exporter.exportSequenceMidi({}, dir.filePath("empty.mid"));
        QCOMPARE(finished.count(), 1);  // at once: nothing to start
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(message.count(), 1);
        QVERIFY2(exporter.message().contains("the set is empty"), qPrintable(exporter.message()));
        exporter.exportSequenceWav({}, dir.filePath("empty.wav"));
        QCOMPARE(finished.count(), 2);
        QVERIFY(!exporter.busy());

        // 901 grooves of 2 bars at 30 BPM last 4 hours 0.3 minutes, past what a WAV file holds:
        // refused before rendering.
        session.setBpm(30);
        const Groove one = realGroove(session);
        QVERIFY(one.hitCount() > 0);
        finished.clear();
        exporter.exportSequenceWav(std::vector<Groove>(901, one), dir.filePath("long.wav"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(exporter.message().contains("long.wav") && exporter.message().contains("at most 240 minutes"),
                 qPrintable(exporter.message()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

private:
    // Three busy windows from three real GMD files (funk, jazz-funk, disco).
    static std::vector<Groove> threeRealGrooves(const Session& session)
    {
        std::vector<Groove> out;
        for (const char* name : {"gmd/drummer1/session1/1_funk_80_beat_4-4.mid",
                                 "gmd/drummer1/session1/5_jazz-funk_116_beat_4-4.mid",
                                 "gmd/drummer1/session1/101_dance-disco_120_beat_4-4.mid"}) {
            const auto path = gs::test::sharedPath(name);
            auto file = path.empty() ? Result<MidiFile>(Error{name, "missing"}) : readMidiFile(path.string());
            if (!file.ok())
                return {};
            for (const GrooveWindow& w : extractWindows(file.value(), session.drumMap(), {}).windows)
                if (w.groove.hitCount() > 10) {
                    out.push_back(w.groove);
                    break;
                }
        }
        return out;
    }

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
