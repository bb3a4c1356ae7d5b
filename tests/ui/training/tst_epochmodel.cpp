// EpochModel: rows, roles and values under QAbstractItemModelTester.
#include "training/epochmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TestEpochModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appendsAndResets()
    {
        EpochModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &EpochModel::countChanged);
        EpochRecord r;
        r.epoch = 1;
        r.train.total = 120.5;
        r.train.kl = 3.0;
        r.validation.total = 130.25;
        r.validation.hits = 80.0;
        r.learningRate = 1e-3;
        r.samplesPerSecond = 900;
        model.append(r);
        r.epoch = 2;
        r.train.total = 100.0;
        model.append(r);
        QCOMPARE(count.count(), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0), EpochModel::TrainLossRole).toDouble(), 120.5);
        QCOMPARE(model.data(model.index(1), EpochModel::EpochRole).toInt(), 2);
        QCOMPARE(model.value(0, QStringLiteral("validationLoss")), 130.25);
        QCOMPARE(model.value(0, QStringLiteral("validationHits")), 80.0);
        QCOMPARE(model.value(1, QStringLiteral("trainKl")), 3.0);
        QCOMPARE(model.value(1, QStringLiteral("learningRate")), 1e-3);
        QCOMPARE(model.value(5, QStringLiteral("trainLoss")), 0.0);  // out of range
        QCOMPARE(model.value(0, QStringLiteral("nonsense")), 0.0);
        QVERIFY(model.data(model.index(0), Qt::DisplayRole).toString().contains(QStringLiteral("epoch 1")));
        QVERIFY(model.roleNames().values().contains("samplesPerSecond"));
        model.reset({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(count.count(), 3);
    }
};

QTEST_GUILESS_MAIN(TestEpochModel)
#include "tst_epochmodel.moc"
