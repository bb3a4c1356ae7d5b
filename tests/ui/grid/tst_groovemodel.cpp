// GrooveModel: cells as rows, edits through the undo stack into Session, mute/solo.
#include "grid/groovemodel.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TstGrooveModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rowsAreVoiceMajorCells()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 32 * 9);
        Groove g(Grid{}, 9);
        g.setHit(5, 2, 0.6f, 0.5f);
        session.setGroove(g, GrooveSource::Map);
        const QModelIndex cell = model.index(2 * 32 + 5);
        QCOMPARE(model.data(cell, GrooveModel::StepRole).toInt(), 5);
        QCOMPARE(model.data(cell, GrooveModel::VoiceRole).toInt(), 2);
        QVERIFY(model.data(cell, GrooveModel::HitRole).toBool());
        QCOMPARE(model.data(cell, GrooveModel::VelocityRole).toDouble(), double(0.6f));
        QCOMPARE(model.data(cell, GrooveModel::OffsetRole).toDouble(), 0.5);
        QVERIFY(model.data(model.index(4), GrooveModel::BeatRole).toBool());
        QVERIFY(!model.data(model.index(5), GrooveModel::BeatRole).toBool());
        QVERIFY(model.data(model.index(16), GrooveModel::BarRole).toBool());
        QVERIFY(model.roleNames().values().contains("velocity"));
    }

    void toggleUndoRedo()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &GrooveModel::grooveEdited);
        QSignalSpy undoState(&model, &GrooveModel::undoStateChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.toggle(3, 1);
        QVERIFY(session.groove().hit(3, 1));
        QCOMPARE(session.groove().velocity(3, 1), 0.8f);
        QCOMPARE(session.source(), GrooveSource::Edit);
        QCOMPARE(model.hitCount(), 1);
        QVERIFY(model.canUndo());
        QVERIFY(!model.canRedo());
        QCOMPARE(model.undoText(), QStringLiteral("Add hit"));
        QCOMPARE(edited.count(), 1);
        QVERIFY(undoState.count() >= 1);
        QCOMPARE(changed.count(), 1);

        model.toggle(3, 1);
        QVERIFY(!session.groove().hit(3, 1));
        QCOMPARE(model.undoText(), QStringLiteral("Remove hit"));

        model.undo();
        QVERIFY(session.groove().hit(3, 1));
        model.undo();
        QCOMPARE(session.groove().hitCount(), 0);
        QVERIFY(!model.canUndo());
        QVERIFY(model.canRedo());
        QCOMPARE(model.redoText(), QStringLiteral("Add hit"));
        model.redo();
        QVERIFY(session.groove().hit(3, 1));

        model.toggle(99, 0);  // outside the grid: nothing
        model.toggle(0, -1);
        QCOMPARE(session.groove().hitCount(), 1);
    }

    void aDragIsOneUndoStep()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        model.beginEdit();
        for (double v = 0.2; v <= 0.9; v += 0.1)
            model.setVelocity(7, 0, v);  // creates the hit, then changes it live
        QVERIFY(session.groove().hit(7, 0));
        QVERIFY(std::abs(session.groove().velocity(7, 0) - 0.9f) < 0.02f);
        model.endEdit("Change velocity");
        QCOMPARE(model.undoStack()->count(), 1);
        QCOMPARE(model.undoText(), QStringLiteral("Change velocity"));

        model.beginEdit();
        model.setOffset(7, 0, 0.3);
        model.setOffset(7, 0, 2.0);  // clamped to a half step late
        model.endEdit("Change timing");
        QCOMPARE(session.groove().offset(7, 0), 1.0f);
        QCOMPARE(model.undoStack()->count(), 2);

        model.undo();
        QCOMPARE(session.groove().offset(7, 0), 0.0f);
        model.undo();
        QCOMPARE(session.groove().hitCount(), 0);

        // Timing on an empty cell does nothing, and an edit that changed nothing leaves no undo step.
        model.beginEdit();
        model.setOffset(1, 1, 0.5);
        model.endEdit("Change timing");
        QCOMPARE(session.groove().hitCount(), 0);
        QCOMPARE(model.undoStack()->index(), 0);
    }

    void clearIsUndoable()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        model.toggle(0, 0);
        model.toggle(8, 3);
        model.clear();
        QCOMPARE(session.groove().hitCount(), 0);
        model.undo();
        QCOMPARE(session.groove().hitCount(), 2);
    }

    void muteAndSolo()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        QSignalSpy spy(&model, &GrooveModel::voiceStateChanged);
        model.setMuted(1, true);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(model.muted().at(1), true);
        QList<bool> audible = model.audibleVoices();
        QCOMPARE(audible.at(0), true);
        QCOMPARE(audible.at(1), false);
        model.setSoloed(4, true);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(model.soloed().at(4), true);
        audible = model.audibleVoices();
        QCOMPARE(audible.count(true), 1);
        QCOMPARE(audible.at(4), true);
        model.setSoloed(4, true);  // no change, no signal
        model.setMuted(42, true);  // no such voice
        QCOMPARE(spy.count(), 2);
    }

    void reshapeResetsTheModel()
    {
        Session session(nullptr);
        GrooveModel model(&session, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shape(&model, &GrooveModel::shapeChanged);
        QSignalSpy voiceState(&model, &GrooveModel::voiceStateChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setMuted(0, true);
        Grid oneBarTriplets;
        oneBarTriplets.bars = 1;
        oneBarTriplets.stepsPerBeat = 12;
        session.setGroove(Groove(oneBarTriplets, 4), GrooveSource::Map);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(shape.count(), 1);
        QCOMPARE(model.steps(), 48);
        QCOMPARE(model.voices(), 4);
        QCOMPARE(model.rowCount(), 48 * 4);
        QCOMPARE(model.muted().size(), 4);
        QCOMPARE(model.muted().at(0), false);  // a new voice set starts unmuted
        QCOMPARE(voiceState.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TstGrooveModel)
#include "tst_groovemodel.moc"
