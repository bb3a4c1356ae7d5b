// MapItem: the view transform, and real mouse input through a QQuickWindow
// (press-drag moves the cursor, a click on a point selects it, right-drag
// pans, the wheel zooms about the mouse, hover finds points). Pixels are
// checked under Xvfb by the bench, not here (offscreen uses the software
// renderer, which skips custom geometry).
#include "map/mapitem.h"

#include <QQuickWindow>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TestMapItem : public QObject {
    Q_OBJECT

    QQuickWindow m_window;
    MapModel m_map;
    MapItem* m_item = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_window.resize(400, 300);
        m_item = new MapItem(m_window.contentItem());
        m_item->setSize(QSizeF(400, 300));
        // A 3 x 3 lattice of points on [-1, 1]^2.
        std::vector<MapPointSource> points;
        for (int i = 0; i < 9; ++i)
            points.push_back({float(i % 3) - 1.0f, float(i / 3) - 1.0f, 0.0f, 0, i, 0, float(i)});
        m_map.setPoints(points, {"groove.mid"}, {"funk"});
        m_window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_window));
    }

    void init()
    {
        m_item->setModel(&m_map);
        m_item->resetView();
        m_map.setCursor(QPointF(0.5, 0.5));
    }

    void propertiesNotify()
    {
        MapItem item;
        QSignalSpy model(&item, &MapItem::modelChanged);
        QSignalSpy view(&item, &MapItem::viewChanged);
        QSignalSpy size(&item, &MapItem::pointSizeChanged);
        QSignalSpy path(&item, &MapItem::pathChanged);
        QSignalSpy cursor(&item, &MapItem::cursorPositionChanged);
        item.setModel(&m_map);
        QCOMPARE(model.count(), 1);
        QVERIFY(cursor.count() >= 1);
        item.setModel(&m_map);
        QCOMPARE(model.count(), 1);
        item.setZoom(2.0);
        QCOMPARE(view.count(), 1);
        item.setZoom(2.0);
        QCOMPARE(view.count(), 1);
        item.setPan(QPointF(5, 5));
        QCOMPARE(view.count(), 2);
        item.setPointSize(7);
        QCOMPARE(size.count(), 1);
        QCOMPARE(item.pointSize(), 7.0);
        item.setPath({QPointF(0, 0), QPointF(1, 1)});
        QCOMPARE(path.count(), 1);
        QCOMPARE(item.path().size(), 2);
        item.setPathHighlight(1);
        QCOMPARE(path.count(), 2);
        item.setPathHighlight(1);
        QCOMPARE(path.count(), 2);
        QSignalSpy freehand(&item, &MapItem::freehandPathChanged);
        item.setFreehandPath({QPointF(0, 0), QPointF(0.5, 0.5), QPointF(1, 0)});
        QCOMPARE(freehand.count(), 1);
        QCOMPARE(item.freehandPath().size(), 3);
        item.setFreehandHighlight(2);
        QCOMPARE(freehand.count(), 2);
        QCOMPARE(item.freehandHighlight(), 2);
        const int before = cursor.count();
        m_map.setCursor(QPointF(-0.25, 0.75));
        QCOMPARE(cursor.count(), before + 1);
    }

    void transformRoundTripsAndFlipsY()
    {
        const QPointF data(0.3, -0.7);
        const QPointF item = m_item->toItem(data);
        QVERIFY(qAbs(m_item->toData(item).x() - data.x()) < 1e-9);
        QVERIFY(qAbs(m_item->toData(item).y() - data.y()) < 1e-9);
        QVERIFY(m_item->toItem(QPointF(0, 1)).y() < m_item->toItem(QPointF(0, -1)).y());  // up is up
        // The data fits inside the item.
        const QPointF corner = m_item->toItem(QPointF(1, 1));
        QVERIFY(corner.x() <= 400 && corner.y() >= 0);
    }

    void pressAndDragMovesTheCursor()
    {
        QSignalSpy user(&m_map, &MapModel::cursorMovedByUser);
        QSignalSpy dragging(m_item, &MapItem::draggingChanged);
        const QPointF start = m_item->toItem(QPointF(-0.5, -0.5));  // between lattice points
        QTest::mousePress(&m_window, Qt::LeftButton, {}, start.toPoint());
        QVERIFY(m_item->dragging());
        QCOMPARE(user.count(), 1);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(&m_window, (start + QPointF(10 * i, -6 * i)).toPoint());
        QTest::mouseRelease(&m_window, Qt::LeftButton, {}, (start + QPointF(50, -30)).toPoint());
        QVERIFY(!m_item->dragging());
        QCOMPARE(dragging.count(), 2);
        QCOMPARE(user.count(), 6);
        const QPointF expected = m_item->toData((start + QPointF(50, -30)).toPoint());
        QVERIFY(qAbs(m_map.cursor().x() - expected.x()) < 1e-6);
        QVERIFY(qAbs(m_map.cursor().y() - expected.y()) < 1e-6);
    }

    void clickOnAPointSelectsItWithoutMovingTheCursor()
    {
        QSignalSpy clicked(m_item, &MapItem::pointClicked);
        QSignalSpy user(&m_map, &MapModel::cursorMovedByUser);
        const QPoint at = m_item->toItem(QPointF(1, -1)).toPoint();  // point 2
        QCOMPARE(m_item->pointAt(at), 2);
        QTest::mouseClick(&m_window, Qt::LeftButton, {}, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 2);
        QCOMPARE(user.count(), 0);
    }

    void rightDragPansAndWheelZoomsAboutTheMouse()
    {
        QSignalSpy view(m_item, &MapItem::viewChanged);
        QTest::mousePress(&m_window, Qt::RightButton, {}, QPoint(100, 100));
        QTest::mouseMove(&m_window, QPoint(130, 90));
        QTest::mouseRelease(&m_window, Qt::RightButton, {}, QPoint(130, 90));
        QCOMPARE(m_item->pan(), QPointF(30, -10));
        QVERIFY(view.count() >= 1);

        const QPointF mouse(220, 120);
        const QPointF anchor = m_item->toData(mouse);
        QWheelEvent wheel(mouse, m_window.mapToGlobal(mouse), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QGuiApplication::sendEvent(&m_window, &wheel);
        QVERIFY(m_item->zoom() > 1.0);
        const QPointF after = m_item->toItem(anchor);
        QVERIFY2(qAbs(after.x() - mouse.x()) < 1e-6 && qAbs(after.y() - mouse.y()) < 1e-6, "zoom keeps the point under the mouse");
    }

    void hoverFindsPoints()
    {
        QSignalSpy hovered(m_item, &MapItem::hoveredIndexChanged);
        const QPoint over = m_item->toItem(QPointF(0, 1)).toPoint();  // point 7
        QTest::mouseMove(&m_window, over);
        QTRY_COMPARE(m_item->hoveredIndex(), 7);
        QVERIFY(hovered.count() >= 1);
        QTest::mouseMove(&m_window, m_item->toItem(QPointF(0.5, 0.5)).toPoint());
        QTRY_COMPARE(m_item->hoveredIndex(), -1);
    }

    void drawsPointsBackgroundAndCursor()
    {
        // Offscreen uses the software renderer: MapItem paints an image there, checked here pixel by pixel.
        m_item->setPointSize(8);
        QImage background(2, 2, QImage::Format_ARGB32_Premultiplied);
        background.fill(QColor(0, 0, 255));
        m_map.setBackground(background, QRectF(-0.9, -0.9, 0.3, 0.3));  // a small square between points
        m_map.setCursor(QPointF(0.5, 0.5));
        QTRY_VERIFY(m_window.grabWindow().width() > 0);
        const QImage image = m_window.grabWindow();
        const QPoint point = m_item->toItem(QPointF(1, 1)).toPoint();  // point 8
        QCOMPARE(image.pixelColor(point).rgb() & 0xffffff, m_map.colours()[8] & 0xffffff);
        const QPoint bg = m_item->toItem(QPointF(-0.75, -0.75)).toPoint();
        QCOMPARE(image.pixelColor(bg).rgb(), QColor(0, 0, 255).rgb());
        const QPoint elsewhere = m_item->toItem(QPointF(-0.5, 0.5)).toPoint();
        QVERIFY(image.pixelColor(elsewhere).rgb() != QColor(0, 0, 255).rgb());
        const QPointF cursor = m_item->cursorPosition();
        const QColor ring = image.pixelColor((cursor + QPointF(8.5, 0)).toPoint());
        QVERIFY2(ring.lightness() > 200, "the cursor ring is drawn in white");
        m_map.setBackground(QImage(), QRectF());
    }

    void drawsTheFreehandPathAndThePlayingStep()
    {
        // Between the lattice's points, on a dark background: an amber freehand line, the white
        // interpolation path and its playing step ringed in cyan.
        QImage dark(2, 2, QImage::Format_ARGB32_Premultiplied);
        dark.fill(QColor(20, 20, 20));
        m_map.setBackground(dark, QRectF(-1, -1, 2, 2));
        m_item->setFreehandPath({QPointF(-0.75, -0.25), QPointF(-0.25, -0.25)});
        m_item->setPath({QPointF(0.25, -0.75), QPointF(0.75, -0.75)});
        m_item->setPathHighlight(1);
        QTRY_VERIFY(m_window.grabWindow().width() > 0);
        const QImage image = m_window.grabWindow();
        // Half a pixel up: the 2-pixel lines are centred on a pixel edge here.
        const auto at = [&](QPointF data, QPointF shift = {}) { return (m_item->toItem(data) + shift - QPointF(0, 0.5)).toPoint(); };
        const QColor amber = image.pixelColor(at(QPointF(-0.5, -0.25)));
        QVERIFY2(amber.red() > 200 && amber.green() > 120 && amber.blue() < 100, "the freehand line is amber");
        const QColor line = image.pixelColor(at(QPointF(0.5, -0.75)));
        QVERIFY2(line.lightness() > 200, "the interpolation path is white");
        const QColor ring = image.pixelColor(at(QPointF(0.75, -0.75), QPointF(0, 7.0)));
        QVERIFY2(ring.blue() > 200 && ring.green() > 160 && ring.red() < 120, "the playing step is ringed in cyan");
        const QColor plain = image.pixelColor(at(QPointF(-0.5, -0.6)));
        QVERIFY2(plain.lightness() < 60, "elsewhere the dark background");
        m_map.setBackground(QImage(), QRectF());
        m_item->setFreehandPath({});
        m_item->setPath({});
        m_item->setPathHighlight(-1);
    }

    void rendersWithoutAModel()
    {
        MapItem* bare = new MapItem(m_window.contentItem());
        bare->setSize(QSizeF(50, 50));
        QTest::mousePress(&m_window, Qt::LeftButton, {}, QPoint(10, 10));  // ignored, no crash
        QTest::mouseRelease(&m_window, Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(bare->pointAt(QPointF(10, 10)), -1);
        delete bare;
    }
};

QTEST_MAIN(TestMapItem)
#include "tst_mapitem.moc"
