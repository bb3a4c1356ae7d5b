// Bookmarks and the interpolation tool on a real tiny model, each list model
// under QAbstractItemModelTester; the 3D instancing's picking.
#include "bookmarkmodel.h"
#include "dataset/dataset.h"
#include "interpolationmodel.h"
#include "latent/latentspace.h"
#include "mapinstancing.h"
#include "midi/groovemidi.h"
#include "tinymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

class TestMapPath : public QObject {
    Q_OBJECT

    Session m_session{nullptr};
    std::shared_ptr<const Dataset> m_dataset;
    std::unique_ptr<MapController> m_controller;

private Q_SLOTS:
    void initTestCase()
    {
        Session::setInstance(&m_session);
        m_dataset = test::tinyGmdDataset();
        QVERIFY2(m_dataset, "could not import the GMD files (is ../shared/data there?)");
        std::shared_ptr<Model> model = test::tinyModel(*m_dataset, 4);
        QVERIFY(model);
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
        m_controller = std::make_unique<MapController>();
        m_session.setModel(model, QStringLiteral("tiny"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->ready(), 30000);
    }

    void cleanupTestCase() { m_controller.reset(); }

    void bookmarksPinRecallRenameDelete()
    {
        BookmarkModel bookmarks;
        QAbstractItemModelTester tester(&bookmarks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy controller(&bookmarks, &BookmarkModel::controllerChanged);
        QSignalSpy count(&bookmarks, &BookmarkModel::countChanged);
        QCOMPARE(bookmarks.pin(), -1);  // no controller yet
        bookmarks.setController(m_controller.get());
        QCOMPARE(controller.count(), 1);
        m_controller->jumpToPoint(2);
        QCOMPARE(bookmarks.pin(QStringLiteral("  funky  ")), 0);
        m_controller->jumpToPoint(7);
        QCOMPARE(bookmarks.pin(), 1);
        QCOMPARE(count.count(), 2);
        QCOMPARE(bookmarks.data(bookmarks.index(0), BookmarkModel::NameRole).toString(), QStringLiteral("funky"));
        QCOMPARE(bookmarks.data(bookmarks.index(1), BookmarkModel::NameRole).toString(), QStringLiteral("Bookmark 2"));
        QCOMPARE(bookmarks.data(bookmarks.index(0), BookmarkModel::LatentRole).toList().size(), 4);
        QCOMPARE(bookmarks.latent(0), m_controller->pointZ(2));
        const QPointF p2 = m_controller->map()->pointPosition(2);
        const QPointF at = bookmarks.data(bookmarks.index(0), BookmarkModel::PositionRole).toPointF();
        QVERIFY(qAbs(at.x() - p2.x()) < 1e-4 && qAbs(at.y() - p2.y()) < 1e-4);

        // Recall: the cursor goes back and the groove is decoded there.
        const int decodes = m_controller->decodeCount();
        QVERIFY(bookmarks.recall(0));
        QCOMPARE(m_controller->currentZ(), m_controller->pointZ(2));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->decodeCount() > decodes, 10000);
        QCOMPARE(m_session.grooveSource(), QStringLiteral("map"));
        QVERIFY(!bookmarks.recall(5));

        QSignalSpy changed(&bookmarks, &QAbstractItemModel::dataChanged);
        QVERIFY(bookmarks.rename(1, QStringLiteral("break")));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!bookmarks.rename(1, QStringLiteral("   ")));  // empty names are refused
        QVERIFY(bookmarks.setData(bookmarks.index(1), QStringLiteral("fill"), Qt::EditRole));
        QCOMPARE(bookmarks.data(bookmarks.index(1)).toString(), QStringLiteral("fill"));
        QVERIFY(bookmarks.flags(bookmarks.index(1)) & Qt::ItemIsEditable);
        QVERIFY(bookmarks.remove(0));
        QVERIFY(!bookmarks.remove(3));
        QCOMPARE(bookmarks.count(), 1);
        QCOMPARE(count.count(), 3);
        QCOMPARE(bookmarks.data(bookmarks.index(0)).toString(), QStringLiteral("fill"));
    }

    void interpolationPathAuditionAndExport()
    {
        InterpolationModel path;
        QAbstractItemModelTester tester(&path, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy controller(&path, &InterpolationModel::controllerChanged);
        QSignalSpy steps(&path, &InterpolationModel::stepsChanged);
        QSignalSpy spherical(&path, &InterpolationModel::sphericalChanged);
        QSignalSpy ends(&path, &InterpolationModel::endsChanged);
        QSignalSpy drawn(&path, &InterpolationModel::pathChanged);
        QSignalSpy current(&path, &InterpolationModel::currentChanged);
        QSignalSpy message(&path, &InterpolationModel::messageChanged);
        path.setController(m_controller.get());
        QCOMPARE(controller.count(), 1);
        QVERIFY(!path.exportMidi(QStringLiteral("/tmp/never.mid")));
        QCOMPARE(message.count(), 1);
        path.setAFromPoint(0);
        QVERIFY(path.hasA() && !path.hasB());
        QCOMPARE(path.rowCount(), 0);
        path.setBFromPoint(9);
        QVERIFY(path.hasB());
        QCOMPARE(ends.count(), 2);
        QCOMPARE(path.rowCount(), 8);
        QCOMPARE(path.path().size(), 8);
        QVERIFY(drawn.count() >= 2);
        // The ends are the points' own positions.
        const QPointF first = path.path().first().toPointF(), last = path.path().last().toPointF();
        QVERIFY((first - m_controller->map()->pointPosition(0)).manhattanLength() < 1e-4);
        QVERIFY((last - m_controller->map()->pointPosition(9)).manhattanLength() < 1e-4);
        path.setSteps(5);
        QCOMPARE(steps.count(), 1);
        QCOMPARE(path.rowCount(), 5);
        path.setSteps(1000);
        QCOMPARE(path.steps(), 64);
        path.setSteps(4);
        const std::vector<LatentVector> linear = path.points();
        path.setSpherical(true);
        QCOMPARE(spherical.count(), 1);
        QVERIFY(path.points()[1] != linear[1]);  // a different curve through the middle
        QCOMPARE(path.points().front(), linear.front());

        QVERIFY(path.audition(2));
        QCOMPARE(path.current(), 2);
        QCOMPARE(current.count(), 1);
        QCOMPARE(m_controller->currentZ(), path.points()[2]);
        QVERIFY(!path.audition(4));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("path.mid"));
        QVERIFY2(path.exportMidi(QUrl::fromLocalFile(file).toString()), qPrintable(path.message()));
        Result<std::vector<Groove>> back = readGrooveMidi(file.toStdString(), m_controller->space()->config().drumMap);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QCOMPARE(back->size(), std::size_t(4));
        const Groove step3 = m_controller->space()->generate(path.points()[3], m_controller->sampling());
        QCOMPARE((*back)[3].hitCount(), step3.hitCount());
        // An unwritable place gives a message naming it, and no file.
        QVERIFY(!path.exportMidi(QStringLiteral("/nonexistent-dir/x.mid")));
        QVERIFY(path.message().contains(QStringLiteral("/nonexistent-dir/x.mid")));

        path.clear();
        QCOMPARE(path.rowCount(), 0);
        QVERIFY(!path.hasA());
    }

    void instancingPicksTheNearestPointOnTheRay()
    {
        MapInstancing instancing;
        QSignalSpy model(&instancing, &MapInstancing::modelChanged);
        QSignalSpy spread(&instancing, &MapInstancing::spreadChanged);
        QSignalSpy scale(&instancing, &MapInstancing::pointScaleChanged);
        instancing.setModel(m_controller->map());
        instancing.setSpread(50.0f);
        instancing.setPointScale(0.05f);
        instancing.setSpread(-1.0f);  // refused
        QCOMPARE(model.count(), 1);
        QCOMPARE(spread.count(), 1);
        QCOMPARE(scale.count(), 1);
        for (int i : {0, 5, 11}) {
            const QVector3D target = instancing.toScene(m_controller->map()->pointPosition3D(i));
            const QVector3D origin = target + QVector3D(0, 0, 500);
            const int picked = instancing.pickRay(origin, target, 0.01f);
            QVERIFY(picked >= 0);
            QVERIFY(instancing.toScene(m_controller->map()->pointPosition3D(picked)).distanceToPoint(target) < 1.0f);
        }
        QCOMPARE(instancing.pickRay(QVector3D(1e6f, 1e6f, 500), QVector3D(1e6f, 1e6f, 0), 1.0f), -1);
    }
};

QTEST_MAIN(TestMapPath)
#include "tst_mappath.moc"
