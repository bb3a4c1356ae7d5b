// MapModel: points, bounds, colouring and legend, lookup, and a spy on every NOTIFY.
#include "map/mapmodel.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TestMapModel : public QObject {
    Q_OBJECT

private:
    static std::vector<MapPointSource> samplePoints()
    {
        return {
            {-1.0f, 2.0f, 0.5f, 0, 0, 0, 10.0f},
            {3.0f, -1.0f, 0.0f, 0, 2, 1, 20.0f},
            {0.5f, 0.5f, -0.5f, 1, 4, -1, 30.0f},
        };
    }

private Q_SLOTS:
    void startsEmptyWithNoModelStatus()
    {
        MapModel map;
        QCOMPARE(map.count(), 0);
        QVERIFY(map.empty());
        QCOMPARE(map.status(), QStringLiteral("No model loaded"));
        QVERIFY(!map.hasBackground());
        QCOMPARE(map.nearestPoint(QPointF(0, 0), 100.0), -1);
        QCOMPARE(map.pointLabel(0), QString());
    }

    void setPointsComputesBoundsColoursAndLegend()
    {
        MapModel map;
        QSignalSpy points(&map, &MapModel::pointsChanged);
        QSignalSpy legend(&map, &MapModel::legendChanged);
        map.setPoints(samplePoints(), {"/data/a/one.mid", "/data/b/two.mid"}, {"funk", "rock"});
        QCOMPARE(points.count(), 1);
        QCOMPARE(legend.count(), 1);
        QCOMPARE(map.count(), 3);
        QCOMPARE(map.bounds(), QRectF(QPointF(-1, -1), QPointF(3, 2)));
        QCOMPARE(map.colours().size(), std::size_t(3));
        QVERIFY(map.colours()[0] != map.colours()[1]);  // two styles, two colours
        // funk, rock, and "unknown" for the point without a style.
        QCOMPARE(map.legend().size(), 3);
        QCOMPARE(map.legend()[0].toMap()[QStringLiteral("name")].toString(), QStringLiteral("funk"));
        QCOMPARE(map.legend()[2].toMap()[QStringLiteral("name")].toString(), QStringLiteral("unknown"));
        QCOMPARE(map.pointLabel(1), QStringLiteral("one.mid, bar 3"));
        QCOMPARE(map.pointStyle(1), QStringLiteral("rock"));
        QCOMPARE(map.pointStyle(2), QString());
        QCOMPARE(map.pointFile(2), 1);
        QCOMPARE(map.pointBar(2), 4);
        QCOMPARE(map.pointPosition(1), QPointF(3, -1));
        QCOMPARE(map.pointPosition3D(0), QVector3D(-1, 2, 0.5f));
    }

    void colourByChangesColoursAndIgnoresUnknownModes()
    {
        MapModel map;
        map.setPoints(samplePoints(), {"one.mid", "two.mid"}, {"funk", "rock"});
        QSignalSpy mode(&map, &MapModel::colourByChanged);
        QSignalSpy points(&map, &MapModel::pointsChanged);
        QSignalSpy legend(&map, &MapModel::legendChanged);
        const quint64 before = map.revision();
        map.setColourBy(QStringLiteral("density"));
        QCOMPARE(mode.count(), 1);
        QCOMPARE(points.count(), 1);
        QCOMPARE(legend.count(), 1);
        QVERIFY(map.revision() > before);
        QCOMPARE(map.legend().size(), 3);  // low, middle, high
        QVERIFY(map.colours()[0] != map.colours()[2]);  // 10 hits vs 30 hits
        map.setColourBy(QStringLiteral("file"));
        QCOMPARE(mode.count(), 2);
        QCOMPARE(map.colours()[0], map.colours()[1]);  // same file
        QVERIFY(map.colours()[0] != map.colours()[2]);
        map.setColourBy(QStringLiteral("nonsense"));
        QCOMPARE(mode.count(), 2);
        QCOMPARE(map.colourBy(), QStringLiteral("file"));
        map.setColourBy(QStringLiteral("file"));  // unchanged: no signal
        QCOMPARE(mode.count(), 2);
    }

    void nearestPointHonoursTheRadius()
    {
        MapModel map;
        map.setPoints(samplePoints(), {"one.mid", "two.mid"}, {"funk", "rock"});
        QCOMPARE(map.nearestPoint(QPointF(2.9, -0.9), 0.5), 1);
        QCOMPARE(map.nearestPoint(QPointF(0.4, 0.6), 0.5), 2);
        QCOMPARE(map.nearestPoint(QPointF(10, 10), 0.5), -1);
    }

    void cursorStatusAndBackgroundNotify()
    {
        MapModel map;
        QSignalSpy cursor(&map, &MapModel::cursorChanged);
        QSignalSpy user(&map, &MapModel::cursorMovedByUser);
        QSignalSpy status(&map, &MapModel::statusChanged);
        QSignalSpy background(&map, &MapModel::backgroundChanged);
        map.setCursor(QPointF(1, 2));
        QCOMPARE(cursor.count(), 1);
        QCOMPARE(user.count(), 0);  // a programmatic move does not ask for a decode
        map.setCursor(QPointF(1, 2));
        QCOMPARE(cursor.count(), 1);
        map.moveCursor(QPointF(0.5, 0.25));
        QCOMPARE(cursor.count(), 2);
        QCOMPARE(user.count(), 1);
        QCOMPARE(user.at(0).at(0).toPointF(), QPointF(0.5, 0.25));
        map.setStatus(QString());
        QCOMPARE(status.count(), 1);
        map.setStatus(QString());
        QCOMPARE(status.count(), 1);
        QImage image(4, 4, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::red);
        map.setBackground(image, QRectF(-1, -1, 2, 2));
        QCOMPARE(background.count(), 1);
        QVERIFY(map.hasBackground());
        QCOMPARE(map.backgroundRect(), QRectF(-1, -1, 2, 2));
        map.clear();
        QVERIFY(!map.hasBackground());
        QCOMPARE(map.count(), 0);
        QCOMPARE(background.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMapModel)
#include "tst_mapmodel.moc"
