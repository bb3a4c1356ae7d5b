#include "core/groove.h"

#include <QtTest/QtTest>

using namespace gs;

class TestGroove : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepsFollowMeterAndResolution_data()
    {
        QTest::addColumn<int>("num");
        QTest::addColumn<int>("den");
        QTest::addColumn<int>("bars");
        QTest::addColumn<int>("spb");
        QTest::addColumn<int>("steps");
        QTest::newRow("4/4 2 bars 16ths") << 4 << 4 << 2 << 4 << 32;
        QTest::newRow("4/4 2 bars triplets") << 4 << 4 << 2 << 12 << 96;
        QTest::newRow("3/4 1 bar") << 3 << 4 << 1 << 4 << 12;
        QTest::newRow("6/8 2 bars") << 6 << 8 << 2 << 4 << 24;
        QTest::newRow("7/8 4 bars") << 7 << 8 << 4 << 4 << 56;
        QTest::newRow("5/4 1 bar triplets") << 5 << 4 << 1 << 12 << 60;
    }
    void stepsFollowMeterAndResolution()
    {
        QFETCH(int, num);
        QFETCH(int, den);
        QFETCH(int, bars);
        QFETCH(int, spb);
        QFETCH(int, steps);
        Grid grid{bars, spb, Meter{num, den}};
        QVERIFY(grid.valid());
        QCOMPARE(grid.steps(), steps);
        Groove g(grid, 9);
        QCOMPARE(g.steps(), steps);
        QCOMPARE(int(g.hits().size()), steps * 9);
    }
    void invalidGridsAreRejected()
    {
        QVERIFY(!(Grid{0, 4, {4, 4}}.valid()));
        QVERIFY(!(Grid{2, 5, {4, 4}}.valid()));
        QVERIFY(!(Grid{2, 4, {4, 3}}.valid()));
        QVERIFY(!(Grid{2, 1, {7, 8}}.valid()));  // 3.5 quarters at 1 step per quarter is not whole
    }
    void louderHitWins()
    {
        Groove g(Grid{}, 9);
        g.mergeHit(3, 1, 0.4f, 0.2f);
        g.mergeHit(3, 1, 0.9f, -0.5f);
        g.mergeHit(3, 1, 0.5f, 0.7f);
        QVERIFY(g.hit(3, 1));
        QCOMPARE(g.velocity(3, 1), 0.9f);
        QCOMPARE(g.offset(3, 1), -0.5f);
        QCOMPARE(g.hitCount(), 1);
        QCOMPARE(g.hitCount(1), 1);
        QCOMPARE(g.hitCount(0), 0);
    }
    void valuesAreClamped()
    {
        Groove g(Grid{}, 9);
        g.setHit(0, 0, 1.7f, -3.0f);
        QCOMPARE(g.velocity(0, 0), 1.0f);
        QCOMPARE(g.offset(0, 0), -1.0f);
        g.clearHit(0, 0);
        QVERIFY(!g.hit(0, 0));
        QCOMPARE(g.hitCount(), 0);
    }
    void comparison()
    {
        Groove a(Grid{}, 9), b(Grid{}, 9);
        a.setHit(5, 2, 0.5f, 0.1f);
        b.setHit(5, 2, 0.5f, 0.1f);
        QVERIFY(a.sameAs(b));
        b.setHit(5, 2, 0.6f, 0.1f);
        QVERIFY(!a.sameAs(b));
        QVERIFY(a.sameHits(b));
        b.setHit(6, 2, 0.6f, 0.1f);
        QVERIFY(!a.sameHits(b));
    }
};

QTEST_APPLESS_MAIN(TestGroove)
#include "tst_groove.moc"
