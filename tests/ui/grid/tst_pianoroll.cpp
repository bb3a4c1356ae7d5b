// PianoRollModel: the notes shown are the notes File > Export writes. A real
// GMD window goes on the Session; the model (under QAbstractItemModelTester)
// must list exactly the note-ons of the MIDI file the exporter wrote, read
// back with src/midi: tick (micro-timing included), note and velocity.
#include "transport/clipexporter.h"
#include "midi/groovemidi.h"
#include "grid/pianorollmodel.h"
#include "session.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <tuple>

using namespace gs;

class TstPianoRoll : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void notesEqualTheExportedFile()
    {
        GS_REQUIRE_SHARED(midi, "gmd/drummer1/session1/102_funk_95_beat_4-4.mid");
        Session session(nullptr);
        PianoRollModel roll(&session, nullptr);
        QAbstractItemModelTester tester(&roll, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&roll, &PianoRollModel::notesChanged);

        auto file = readMidiFile(midi.string());
        QVERIFY(file.ok());
        const auto windows = extractWindows(file.value(), session.drumMap(), {}).windows;
        // The busiest window, so that off-grid hits and several notes are there.
        const auto busiest = std::max_element(windows.begin(), windows.end(),
            [](const GrooveWindow& a, const GrooveWindow& b) { return a.groove.hitCount() < b.groove.hitCount(); });
        QVERIFY(busiest != windows.end() && busiest->groove.hitCount() > 20);
        session.setBpm(95);
        session.setGroove(busiest->groove, GrooveSource::Dataset);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(roll.noteCount(), roll.rowCount());
        QVERIFY(roll.noteCount() > 20);

        QTemporaryDir dir;
        ClipExporter exporter(&session, nullptr);
        QSignalSpy finished(&exporter, &ClipExporter::finished);
        const QString path = dir.filePath("window.mid");
        exporter.exportMidi(path);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        auto written = readMidiFile(path.toStdString());
        QVERIFY(written.ok());
        QCOMPARE(written.value().ticksPerQuarter, roll.ticksPerQuarter());

        using Key = std::tuple<qint64, int, int>;  // tick, note, velocity
        std::vector<Key> fromFile;
        for (const MidiNote& n : written.value().notes)
            fromFile.emplace_back(n.tick, n.note, n.velocity);
        std::vector<Key> shown;
        bool offGrid = false;
        for (int row = 0; row < roll.rowCount(); ++row) {
            const QModelIndex i = roll.index(row);
            const int tick = i.data(PianoRollModel::TickRole).toInt();
            shown.emplace_back(tick, i.data(PianoRollModel::NoteRole).toInt(), i.data(PianoRollModel::VelocityRole).toInt());
            offGrid = offGrid || tick % roll.ticksPerStep() != 0;
            // The note's row is the row of its MIDI note.
            QCOMPARE(roll.rowNotes().at(i.data(PianoRollModel::RowRole).toInt()), i.data(PianoRollModel::NoteRole).toInt());
        }
        std::sort(fromFile.begin(), fromFile.end());
        std::sort(shown.begin(), shown.end());
        QCOMPARE(shown.size(), fromFile.size());
        QVERIFY(shown == fromFile);
        QVERIFY(offGrid);  // micro-timing is in the ticks, not rounded away

        // Rows: each note in use once, highest first, with a GM name.
        QList<int> sorted = roll.rowNotes();
        std::sort(sorted.begin(), sorted.end(), std::greater<int>());
        QCOMPARE(roll.rowNotes(), sorted);
        QVERIFY(roll.rowNotes().contains(36));
        QVERIFY(roll.rowNames().join(',').contains("Bass Drum 1"));
        QCOMPARE(PianoRollModel::gmDrumName(38), QString("Acoustic Snare"));
        QCOMPARE(PianoRollModel::gmDrumName(42), QString("Closed Hi-Hat"));
        QCOMPARE(PianoRollModel::gmDrumName(87), QString("Open Surdo"));
        QCOMPARE(PianoRollModel::gmDrumName(12), QString("Note 12"));
        QCOMPARE(roll.endTick(), 2 * 4 * roll.ticksPerQuarter());
    }

    void followsEditsAndEmptiesCleanly()
    {
        Session session(nullptr);
        PianoRollModel roll(&session, nullptr);
        QAbstractItemModelTester tester(&roll, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&roll, &PianoRollModel::notesChanged);
        QCOMPARE(roll.noteCount(), 0);
        Groove groove(Grid{}, session.voices());
        groove.setHit(4, 1, 1.0f, 0.5f);  // a quarter step late
        session.setGroove(groove, GrooveSource::Edit);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(roll.noteCount(), 1);
        const QVariantMap note = roll.notes().first().toMap();
        QCOMPARE(note["tick"].toInt(), 4 * roll.ticksPerStep() + roll.ticksPerStep() / 4);
        QCOMPARE(note["note"].toInt(), session.drumMap().outputNote(1));
        QCOMPARE(note["velocity"].toInt(), 127);
        session.setGroove(Groove(Grid{}, session.voices()), GrooveSource::Edit);
        QCOMPARE(roll.noteCount(), 0);
        QCOMPARE(roll.rowNotes().size(), 0);
        QCOMPARE(changed.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TstPianoRoll)
#include "tst_pianoroll.moc"
