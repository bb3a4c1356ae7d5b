// The map's t-SNE view through the real parts: the bundled 32D recurrent
// model, a few Groove MIDI Dataset files imported with the real importer.
// The embedding worker runs off the GUI thread and stops when cancelled;
// choosing t-SNE puts the points at their layout positions (the PCA map
// stays until then); a cursor on a point decodes that point's own latent,
// between points a blend; PCA comes back as it was.
#include "dataset/dataset.h"
#include "latent/latentspace.h"
#include "map/embeddingworker.h"
#include "map/mapcontroller.h"
#include "model/model.h"
#include "testdata.h"
#include "tinydataset.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

#include <cmath>
#include <thread>

using namespace gs;

class TestMapEmbedding : public QObject {
    Q_OBJECT

    Session m_session{nullptr};
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<Model> m_model;

    static bool sameZ(const LatentVector& a, const LatentVector& b)
    {
        if (a.size() != b.size() || a.empty())
            return false;
        for (std::size_t d = 0; d < a.size(); ++d)
            if (std::abs(a[d] - b[d]) > 1e-6f)
                return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dataset = test::tinyGmdDataset();
        QVERIFY2(m_dataset, "could not import the GMD files (is ../shared/data there?)");
        auto model = Model::load((test::sourceDir() / "models/recurrent-32d-flat.gsmodel").string());
        QVERIFY2(model.ok(), model ? "" : model.error().describe().c_str());
        m_model = std::make_shared<Model>(std::move(model.value()));
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
    }

    void workerRunsOffTheGuiThreadAndCancels()
    {
        m_session.setModel(m_model, QStringLiteral("32D"));
        MapController controller;
        controller.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        std::vector<LatentVector> means;
        for (int i = 0; i < controller.map()->count(); ++i)
            means.push_back(controller.pointZ(i));
        QVERIFY(means.size() >= 100);

        const std::thread::id gui = std::this_thread::get_id();
        std::atomic<bool> onGui{false};
        std::atomic<int> reports{0};
        std::atomic<int> finished{0};
        std::vector<float> layout;
        EmbeddingWorker worker;
        TsneOptions options;
        options.iterations = 300;
        worker.start(means, options,
            [&](int, int) {
                onGui = onGui || std::this_thread::get_id() == gui;
                ++reports;
            },
            [&](Result<std::vector<float>> result) {
                onGui = onGui || std::this_thread::get_id() == gui;
                if (result.ok())
                    layout = *result;
                ++finished;
            });
        QVERIFY(worker.running());
        QTRY_COMPARE_WITH_TIMEOUT(finished.load(), 1, 30000);
        worker.join();
        QVERIFY(!onGui);
        QCOMPARE(reports.load(), 300);
        QCOMPARE(layout.size(), 2 * means.size());

        // Cancelled mid-run: it stops at once (no more reports after the join) and delivers nothing.
        finished = 0;
        reports = 0;
        options.iterations = 100000;  // would run for minutes
        worker.start(means, options, [&](int, int) { ++reports; }, [&](Result<std::vector<float>>) { ++finished; });
        QTRY_VERIFY_WITH_TIMEOUT(reports.load() >= 5, 30000);
        worker.cancel();
        QVERIFY(!worker.running());
        worker.join();
        const int after = reports.load();
        QVERIFY(after < 100000);
        QTest::qWait(50);
        QCOMPARE(reports.load(), after);
        QCOMPARE(finished.load(), 0);

        // A new run replaces the one under way: only the newest reports its layout.
        std::atomic<int> first{0}, second{0};
        worker.start(means, options, {}, [&](Result<std::vector<float>>) { ++first; });
        options.iterations = 50;
        worker.start(means, options, {}, [&](Result<std::vector<float>> r) { second += r.ok() ? 1 : 0; });
        QTRY_COMPARE_WITH_TIMEOUT(second.load(), 1, 30000);
        worker.join();
        QCOMPARE(first.load(), 0);
    }

    void tsneLayoutDecodesThePointsLatents()
    {
        m_session.setModel(m_model, QStringLiteral("32D"));
        MapController controller;
        controller.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QVERIFY(controller.embeddingAvailable());
        QCOMPARE(controller.layout(), QStringLiteral("pca"));
        const int n = controller.map()->count();
        std::vector<QPointF> pca;
        for (int i = 0; i < n; ++i)
            pca.push_back(controller.map()->pointPosition(i));
        QVERIFY(!controller.directions().isEmpty());

        QSignalSpy layoutSpy(&controller, &MapController::layoutChanged);
        QSignalSpy embeddingSpy(&controller, &MapController::embeddingChanged);
        QSignalSpy progressSpy(&controller, &MapController::embeddingProgressChanged);
        controller.setLayout(QStringLiteral("tsne"));
        QCOMPARE(controller.layout(), QStringLiteral("tsne"));
        QCOMPARE(layoutSpy.count(), 1);
        QVERIFY(controller.embeddingRunning());
        QVERIFY(!controller.showingEmbedding());
        QCOMPARE(controller.map()->pointPosition(0), pca[0]);  // the PCA map stays while it computes
        QTRY_VERIFY_WITH_TIMEOUT(controller.showingEmbedding(), 60000);
        QVERIFY(!controller.embeddingRunning());
        QVERIFY(progressSpy.count() >= 10);
        QCOMPARE(controller.embeddingProgress(), 1.0);
        QVERIFY(embeddingSpy.count() >= 2);
        QVERIFY(controller.projectionInfo().startsWith(QStringLiteral("t-SNE")));
        QVERIFY(controller.directions().isEmpty());  // no arrows on a t-SNE layout
        QVERIFY(!controller.map()->hasBackground());

        // The points sit at their layout positions.
        const EmbeddingLayout& embedding = controller.embedding();
        QCOMPARE(embedding.count(), n);
        int moved = 0;
        for (int i = 0; i < n; ++i) {
            const QPointF p = controller.map()->pointPosition(i);
            QCOMPARE(float(p.x()), embedding.x(i));
            QCOMPARE(float(p.y()), embedding.y(i));
            moved += p != pca[std::size_t(i)] ? 1 : 0;
        }
        QCOMPARE(moved, n);

        // The cursor dragged onto a point decodes exactly that point's latent, on the decode worker.
        QSignalSpy decoded(&controller, &MapController::decoded);
        const int target = n / 2;
        controller.map()->moveCursor(controller.map()->pointPosition(target));
        QVERIFY(sameZ(controller.currentZ(), controller.pointZ(target)));
        QTRY_VERIFY_WITH_TIMEOUT(decoded.count() >= 1, 10000);
        QCOMPARE(m_session.source(), GrooveSource::Map);
        QCOMPARE(m_session.groove().steps(), controller.space()->config().steps());

        // Between two points: a blend, neither one's latent.
        const QPointF a = controller.map()->pointPosition(0), b = controller.map()->pointPosition(1);
        controller.map()->moveCursor((a + b) / 2);
        QVERIFY(!sameZ(controller.currentZ(), controller.pointZ(0)));
        QVERIFY(!sameZ(controller.currentZ(), controller.pointZ(1)));
        QCOMPARE(int(controller.currentZ().size()), 32);

        // A jump to a point puts the cursor on it in the layout too.
        controller.jumpToPoint(3);
        QCOMPARE(controller.map()->cursor(), controller.map()->pointPosition(3));

        // Back to PCA: the points as they were, the arrows back; t-SNE again needs no new run.
        controller.setLayout(QStringLiteral("pca"));
        QVERIFY(!controller.showingEmbedding());
        for (int i = 0; i < n; ++i)
            QCOMPARE(controller.map()->pointPosition(i), pca[std::size_t(i)]);
        QVERIFY(controller.map()->hasBackground());
        controller.setLayout(QStringLiteral("tsne"));
        QVERIFY(controller.showingEmbedding());
        QVERIFY(!controller.embeddingRunning());
        m_session.setModel(nullptr, QString());
    }

    void cancelAndANewModelStopTheRun()
    {
        m_session.setModel(m_model, QStringLiteral("32D"));
        MapController controller;
        controller.setSession(&m_session);
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        controller.setLayout(QStringLiteral("tsne"));
        QVERIFY(controller.embeddingRunning());
        controller.cancelEmbedding();
        QVERIFY(!controller.embeddingRunning());
        QCOMPARE(controller.layout(), QStringLiteral("pca"));  // nothing to show: back to PCA
        QTest::qWait(300);  // a report still queued from the cancelled run changes nothing
        QVERIFY(!controller.showingEmbedding());
        QCOMPARE(controller.layout(), QStringLiteral("pca"));

        // A new model while it runs: the old run is dropped, the new map is laid out in its turn.
        controller.setLayout(QStringLiteral("tsne"));
        QVERIFY(controller.embeddingRunning());
        m_session.setModel(m_model, QStringLiteral("32D again"));
        QVERIFY(!controller.embeddingRunning());
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(controller.showingEmbedding(), 60000);
        QCOMPARE(controller.embedding().count(), controller.map()->count());

        // A 2D model has no t-SNE view: the choice falls back to PCA.
        auto small = Model::load((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        QVERIFY(small.ok());
        m_session.setModel(std::make_shared<Model>(std::move(small.value())), QStringLiteral("2D"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.ready(), 30000);
        QVERIFY(!controller.embeddingAvailable());
        QCOMPARE(controller.layout(), QStringLiteral("pca"));
        controller.setLayout(QStringLiteral("tsne"));
        QCOMPARE(controller.layout(), QStringLiteral("pca"));
        m_session.setModel(nullptr, QString());
    }
};

QTEST_MAIN(TestMapEmbedding)
#include "tst_mapembedding.moc"
