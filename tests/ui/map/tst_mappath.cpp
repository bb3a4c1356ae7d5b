// Bookmarks and the interpolation tool on a real tiny model, each list model
// under QAbstractItemModelTester; "Play path" hands the decoded steps to a real
// Transport as one sequence; both paths export as MIDI and as WAV (steps x bars
// long); the freehand path records, replays, exports;
// both paths survive a project save and open; the 3D instancing's picking.
#include "project/projectpart.h"
#include "audio/pattern.h"
#include "audio/samplefile.h"
#include "map/blendsurface.h"
#include "map/bookmarkmodel.h"
#include "dataset/dataset.h"
#include "map/freehandpath.h"
#include "map/interpolationmodel.h"
#include "latent/latentspace.h"
#include "map/mapinstancing.h"
#include "midi/groovemidi.h"
#include "tinymodel.h"

#include "project/project.h"
#include "transport/transport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

class TestMapPath : public QObject {
    Q_OBJECT

    Session m_session{nullptr};
    std::shared_ptr<const Dataset> m_dataset;
    std::unique_ptr<MapController> m_controller;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // the project's recent list stays out of the user's settings
        m_dataset = test::tinyGmdDataset();
        QVERIFY2(m_dataset, "could not import the GMD files (is ../shared/data there?)");
        std::shared_ptr<Model> model = test::tinyModel(*m_dataset, 4);
        QVERIFY(model);
        m_session.setDataset(m_dataset, QStringLiteral("tiny"));
        m_controller = std::make_unique<MapController>();
        m_controller->setSession(&m_session);
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
        QCOMPARE(m_session.source(), GrooveSource::Map);
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

    // A bookmark keeps its groove and the model it was pinned on (first-hour report, finding 12): on another
    // model the same z is another place, so recall plays the pinned groove and places it by encoding.
    void bookmarksFromAnotherModelPlayTheirGroove()
    {
        BookmarkModel bookmarks;
        bookmarks.setController(m_controller.get());
        m_controller->jumpToPoint(3);
        const Groove pinned = m_session.groove();
        QCOMPARE(bookmarks.pin(QStringLiteral("here")), 0);
        QVERIFY(bookmarks.bookmarks()[0].groove.sameAs(pinned));
        QCOMPARE(bookmarks.bookmarks()[0].model, QStringLiteral("tiny"));  // no file: the model's name
        QVERIFY(bookmarks.onCurrentModel(0));

        // Saved and read back: groove and model come along.
        BookmarkModel reread;
        reread.setController(m_controller.get());
        reread.fromJson(bookmarks.toJson());
        QCOMPARE(reread.bookmarks(), bookmarks.bookmarks());

        // The same bookmark as if pinned on another model, with another groove.
        auto other = bookmarks.bookmarks();
        other[0].model = QStringLiteral("/models/someone-elses.gsmodel");
        m_controller->jumpToPoint(9);
        other[0].groove = m_session.groove();
        QVERIFY(!other[0].groove.sameAs(pinned));
        bookmarks.setBookmarks(other);
        QVERIFY(!bookmarks.onCurrentModel(0));
        QVERIFY(bookmarks.data(bookmarks.index(0), BookmarkModel::OtherModelRole).toBool());
        m_controller->jumpToPoint(1);
        const QPointF before = m_controller->map()->cursor();
        QSignalSpy placed(m_controller.get(), &MapController::placedOnMap);
        QVERIFY(bookmarks.recall(0));
        QVERIFY(m_session.groove().sameAs(other[0].groove));  // its groove, not a decode of its z here
        QVERIFY2(bookmarks.message().contains(QStringLiteral("someone-elses")), qPrintable(bookmarks.message()));
        QTRY_COMPARE_WITH_TIMEOUT(placed.count(), 1, 10000);
        QVERIFY(m_controller->map()->cursor() != before);  // placed where this model encodes it
        QVERIFY(m_session.groove().sameAs(other[0].groove));  // placing does not decode over it

        // A hostile groove in a project is dropped, the bookmark kept (it then recalls by its z as before).
        QJsonArray json = bookmarks.toJson().toArray();
        QJsonObject entry = json[0].toObject();
        entry.insert(QStringLiteral("groove"), QJsonObject{{QStringLiteral("bars"), 1e308}, {QStringLiteral("hits"), 7}});
        entry.insert(QStringLiteral("model"), 42);
        json[0] = entry;
        reread.fromJson(json);
        QCOMPARE(reread.count(), 1);
        QCOMPARE(reread.bookmarks()[0].groove.steps(), 0);
        QCOMPARE(reread.bookmarks()[0].model, QString());
    }

    // The blend surface (personal-maps issue): at a corner, exactly that bookmark's groove; between them the
    // bilinear blend of their latents; a bookmark of another model cannot be pinned.
    void blendSurfaceCornersAndMiddle()
    {
        BookmarkModel bookmarks;
        bookmarks.setController(m_controller.get());
        BlendSurface blend;
        blend.setController(m_controller.get());
        blend.setBookmarks(&bookmarks);
        QSignalSpy corners(&blend, &BlendSurface::cornersChanged);
        const int points[4] = {1, 4, 6, 9};
        for (int i = 0; i < 4; ++i) {
            m_controller->jumpToPoint(points[i]);
            QCOMPARE(bookmarks.pin(QStringLiteral("corner %1").arg(i)), i);
        }
        QVERIFY(!blend.ready());
        for (int i = 0; i < 3; ++i)
            QVERIFY(blend.setCorner(i, i));
        QVERIFY(!blend.ready());
        QVERIFY(blend.setCorner(3, 3));
        QVERIFY(blend.ready());
        QCOMPARE(corners.count(), 4);

        // At the bottom-right corner: that bookmark's latent, and its decoded groove on the grid.
        const int decodes = m_controller->decodeCount();
        blend.moveTo(1.0, 1.0);
        QCOMPARE(m_controller->currentZ(), bookmarks.latent(3));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->decodeCount() > decodes, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_session.groove().sameAs(m_controller->space()->generate(bookmarks.latent(3),
                                     m_controller->sampling())), 10000);
        blend.moveTo(0.0, 0.0);
        QCOMPARE(m_controller->currentZ(), bookmarks.latent(0));
        // The middle: the mean of the four.
        blend.moveTo(0.5, 0.5);
        const LatentVector& z = m_controller->currentZ();
        for (std::size_t d = 0; d < z.size(); ++d) {
            const float mean = (bookmarks.latent(0)[d] + bookmarks.latent(1)[d] + bookmarks.latent(2)[d] + bookmarks.latent(3)[d]) / 4;
            QVERIFY(std::fabs(z[d] - mean) < 1e-5f);
        }
        QCOMPARE(blend.position(), QPointF(0.5, 0.5));
        blend.moveTo(7.0, std::nan(""));  // clamped, never NaN
        QCOMPARE(blend.position(), QPointF(1.0, 0.5));

        // A bookmark from another model cannot be a corner; removing a bookmark empties the corners.
        auto list = bookmarks.bookmarks();
        list.push_back({QStringLiteral("elsewhere"), {0.1f, 0.2f, 0.3f}, {}, {}, QStringLiteral("other.gsmodel")});
        bookmarks.setBookmarks(list);  // a reset: the corners are forgotten
        QVERIFY(!blend.ready());
        QVERIFY(!blend.setCorner(0, 4));
        QVERIFY(!blend.message().isEmpty());
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
        QSignalSpy exported(path.player(), &PathPlayer::exportFinished);
        QVERIFY2(path.exportMidi(QUrl::fromLocalFile(file).toString()), qPrintable(path.message()));
        QVERIFY(path.player()->exporting());  // decoded and written on the worker
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
        QVERIFY(!path.player()->exporting());
        QCOMPARE(exported.at(0).at(0).toBool(), true);
        QVERIFY(path.message().startsWith(QStringLiteral("Exported 4 grooves")));
        Result<std::vector<Groove>> back = readGrooveMidi(file.toStdString(), m_controller->space()->config().drumMap);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QCOMPARE(back->size(), std::size_t(4));
        const Groove step3 = m_controller->space()->generate(path.points()[3], m_controller->sampling());
        QCOMPARE((*back)[3].hitCount(), step3.hitCount());
        // An unwritable place gives a message naming it, and no file.
        exported.clear();
        QVERIFY(path.exportMidi(QStringLiteral("/nonexistent-dir/x.mid")));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
        QCOMPARE(exported.at(0).at(0).toBool(), false);
        QVERIFY(path.message().contains(QStringLiteral("/nonexistent-dir/x.mid")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/nonexistent-dir/x.mid")));

        // WAV: the 4 steps rendered one after another, each 2 bars at the tempo, no tail.
        const double bpm = m_session.bpm();
        m_session.setBpm(120);
        exported.clear();
        QSignalSpy exporting(path.player(), &PathPlayer::exportingChanged);
        QVERIFY2(path.exportWav(dir.filePath(QStringLiteral("path"))), qPrintable(path.message()));  // ".wav" added
        QVERIFY(path.player()->exporting());
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        m_session.setBpm(bpm);
        QCOMPARE(exporting.count(), 2);
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(path.message()));
        auto wav = readSampleFile(dir.filePath(QStringLiteral("path.wav")).toStdString(), 48000.0);
        QVERIFY(wav.ok());
        QCOMPARE(wav.value()->length, 4 * 4 * 48000);  // 4 steps x 2 bars of 4/4 at 120 BPM (4 s) x 48 kHz
        int decodedHits = 0;
        for (const LatentVector& z : path.points())
            decodedHits += m_controller->space()->generate(z, m_controller->sampling()).hitCount();
        QCOMPARE(wav.value()->peak > 0.01, decodedHits > 0);
        exported.clear();
        QVERIFY(path.exportWav(QStringLiteral("/nonexistent-dir/x.wav")));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QCOMPARE(exported.at(0).at(0).toBool(), false);
        QVERIFY2(path.message().contains(QStringLiteral("/nonexistent-dir/x.wav")), qPrintable(path.message()));

        path.clear();
        QCOMPARE(path.rowCount(), 0);
        QVERIFY(!path.hasA());
    }

    void abFromBookmarks()
    {
        BookmarkModel bookmarks;
        bookmarks.setController(m_controller.get());
        m_controller->jumpToPoint(1);
        QCOMPARE(bookmarks.pin(QStringLiteral("one")), 0);
        m_controller->jumpToPoint(6);
        QCOMPARE(bookmarks.pin(QStringLiteral("six")), 1);
        m_controller->jumpToPoint(3);  // the cursor elsewhere: A and B must not come from it
        InterpolationModel path;
        path.setController(m_controller.get());
        QVERIFY(path.setAFromBookmark(&bookmarks, 1));
        QVERIFY(path.setBFromBookmark(&bookmarks, 0));
        QVERIFY(!path.setBFromBookmark(&bookmarks, 2));
        QVERIFY(!path.setAFromBookmark(nullptr, 0));
        QCOMPARE(path.points().front(), m_controller->pointZ(6));
        QCOMPARE(path.points().back(), m_controller->pointZ(1));
        QCOMPARE(m_controller->currentZ(), m_controller->pointZ(3));
        // The export dialogs suggest a name from the ends: the bookmarks' names, a point's style.
        QCOMPARE(path.suggestedName(), QStringLiteral("six-to-one-path"));
        path.setBFromPoint(2);
        const QString style = m_controller->map()->pointStyle(2).toLower();
        QVERIFY(!style.isEmpty());
        QCOMPARE(path.suggestedName(), QStringLiteral("six-to-%1-path").arg(style));
        path.clear();
        QCOMPARE(path.suggestedName(), QStringLiteral("path"));
    }

    void playPathHandsEveryStepToTheTransport()
    {
        Transport transport(&m_session, nullptr);  // no AudioLink in tests: the transport holds the patterns
        InterpolationModel path;
        path.setController(m_controller.get());
        path.player()->setTransport(&transport);  // as the app's composition root does
        QVERIFY(!path.playPath());  // no path yet
        path.setAFromPoint(2);
        path.setBFromPoint(10);
        path.setSteps(6);
        QSignalSpy handed(path.player(), &PathPlayer::handed);
        QSignalSpy playing(path.player(), &PathPlayer::playingChanged);
        QSignalSpy stepSpy(path.player(), &PathPlayer::playingStepChanged);
        const Groove before = m_session.groove();
        QVERIFY(path.playPath());
        QVERIFY(path.player()->decoding());  // the batch decode runs on the worker
        QCOMPARE(transport.sequenceLength(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(handed.count(), 1, 10000);
        QCOMPARE(handed.at(0).at(0).toInt(), 6);
        QCOMPARE(transport.sequenceLength(), 6);
        QVERIFY(transport.sequenceLoops());
        QVERIFY(transport.playing());
        QVERIFY(path.player()->playing());
        QCOMPARE(playing.count(), 1);
        QCOMPARE(path.player()->playingStep(), 0);
        // Each pattern is the decode of its step, in order (sparse steps topped up to the ends' floor).
        const PathRealisation expected = realisePath(m_controller->space()->decode(path.points()), m_controller->sampling());
        for (int i = 0; i < 6; ++i)
            QCOMPARE(int(transport.sequence().patterns[std::size_t(i)]->hits.size()), expected.grooves[std::size_t(i)].hitCount());
        // The grid shows what plays: the first step now.
        QVERIFY(m_session.groove().sameAs(expected.grooves[0]));
        QCOMPARE(transport.patternHits(), int(transport.sequence().patterns.front()->hits.size()));
        // The engine reports the third pattern playing: the highlighted step follows.
        stepSpy.clear();
        transport.setPlayingPattern(transport.sequence().patterns[2]->id);
        QCOMPARE(path.player()->playingStep(), 2);
        QVERIFY(stepSpy.count() >= 1);
        QVERIFY(m_session.groove().sameAs(expected.grooves[2]));  // ... and then the step being heard
        QCOMPARE(transport.sequenceLength(), 6);  // showing it did not replace the sequence
        // Stop: back to the Session groove, on the grid too.
        path.stopPath();
        QVERIFY(m_session.groove().sameAs(before));
        QVERIFY(!path.player()->playing());
        QCOMPARE(transport.sequenceLength(), 0);
        QCOMPARE(path.player()->playingStep(), -1);
        // A user edit while a path plays ends it: the player notices.
        QVERIFY(path.playPath());
        QTRY_COMPARE_WITH_TIMEOUT(handed.count(), 2, 10000);
        QVERIFY(path.player()->playing());
        m_session.setGroove(m_session.groove(), GrooveSource::Edit);
        QCOMPARE(transport.sequenceLength(), 0);
        QVERIFY(!path.player()->playing());
    }

    void freehandRecordsReplaysAndExports()
    {
        Transport transport(&m_session, nullptr);
        FreehandPath freehand;
        freehand.player()->setTransport(&transport);  // as the app's composition root does
        QSignalSpy recordingSpy(&freehand, &FreehandPath::recordingChanged);
        QSignalSpy pathSpy(&freehand, &FreehandPath::pathChanged);
        freehand.startRecording();  // no controller: refused with a message
        QVERIFY(!freehand.recording());
        QVERIFY(!freehand.message().isEmpty());
        freehand.setController(m_controller.get());

        // Record a drag: the first sample is where it started, the last where it ended.
        m_controller->jumpToPoint(0);
        const LatentVector start = m_controller->currentZ();
        freehand.startRecording();
        QVERIFY(freehand.recording());
        const QRectF bounds = m_controller->map()->bounds();
        for (int i = 1; i <= 20; ++i)
            m_controller->map()->moveCursor(bounds.topLeft() + QPointF(bounds.width() * i / 20.0, bounds.height() * i / 40.0));
        freehand.stopRecording();
        QCOMPARE(recordingSpy.count(), 2);
        QVERIFY(freehand.count() >= 1 && freehand.count() <= 21);
        QCOMPARE(freehand.samples().front().step, 0);
        QCOMPARE(freehand.samples().back().z, m_controller->currentZ());
        if (freehand.count() > 1)
            QCOMPARE(freehand.samples().front().z, start);
        QCOMPARE(freehand.path().size(), freehand.count());
        QVERIFY(pathSpy.count() >= 2);
        QVERIFY(freehand.lengthSteps() >= 1);
        // Moves after the recording stopped are not recorded.
        const int recorded = freehand.count();
        m_controller->map()->moveCursor(bounds.center());
        QCOMPARE(freehand.count(), recorded);

        // A known recording (four places, steps 0, 2, 3, 7 of 8) at 300 BPM: replay
        // visits them in order (a late tick may skip one, never reorders) and ends on the last.
        std::vector<FreehandSample> samples;
        const int points[] = {1, 4, 8, 11};
        const int steps[] = {0, 2, 3, 7};
        for (int i = 0; i < 4; ++i)
            samples.push_back({steps[i], m_controller->pointZ(points[i])});
        freehand.setSamples(samples, 8);
        QCOMPARE(freehand.count(), 4);
        QCOMPARE(freehand.lengthSteps(), 8);
        const double bpm = m_session.bpm();
        m_session.setBpm(300);
        std::vector<LatentVector> visited;
        QMetaObject::Connection c = connect(m_controller.get(), &MapController::cursorMoved, this,
                                            [&] { visited.push_back(m_controller->currentZ()); });
        QSignalSpy finished(&freehand, &FreehandPath::replayFinished);
        QVERIFY(freehand.replay());
        QVERIFY(freehand.replaying());
        QCOMPARE(freehand.replayIndex(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        disconnect(c);
        m_session.setBpm(bpm);
        QVERIFY(!freehand.replaying());
        QCOMPARE(freehand.replayIndex(), -1);
        QVERIFY(!visited.empty());
        QCOMPARE(visited.front(), samples.front().z);
        QCOMPARE(visited.back(), samples.back().z);
        std::size_t next = 0;
        for (const LatentVector& z : visited) {
            while (next < samples.size() && samples[next].z != z)
                ++next;
            QVERIFY2(next < samples.size(), "replay visits the samples in recorded order");
        }
        // The decoded sound follows the replay: the last decode is the last sample's.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_session.groove().sameAs(m_controller->space()->generate(samples.back().z, m_controller->sampling())), 10000);

        // Export: one groove per recorded position, or N grooves over the recording.
        QCOMPARE(freehand.exportPoints(0).size(), std::size_t(4));
        const std::vector<LatentVector> two = freehand.exportPoints(2);  // steps 0 and 4
        QCOMPARE(two.size(), std::size_t(2));
        QCOMPARE(two[0], samples[0].z);
        QCOMPARE(two[1], samples[2].z);
        QTemporaryDir dir;
        QSignalSpy exported(freehand.player(), &PathPlayer::exportFinished);
        const QString file = dir.filePath(QStringLiteral("freehand.mid"));
        QVERIFY(freehand.exportMidi(file, 0));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(freehand.message()));
        Result<std::vector<Groove>> back = readGrooveMidi(file.toStdString(), m_controller->space()->config().drumMap);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(4));
        QCOMPARE((*back)[1].hitCount(), m_controller->space()->generate(samples[1].z, m_controller->sampling()).hitCount());
        QVERIFY(freehand.exportMidi(file, 6));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 10000);
        back = readGrooveMidi(file.toStdString(), m_controller->space()->config().drumMap);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(6));
        // The same 6 grooves as WAV at 90 BPM: 6 x 2 bars x (60/90 s per beat) at 48 kHz.
        const double tempo = m_session.bpm();
        m_session.setBpm(90);
        const QString wavFile = dir.filePath(QStringLiteral("freehand.wav"));
        QVERIFY(freehand.exportWav(wavFile, 6));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 3, 30000);
        m_session.setBpm(tempo);
        QVERIFY2(exported.at(2).at(0).toBool(), qPrintable(freehand.message()));
        auto wav = readSampleFile(wavFile.toStdString(), 48000.0);
        QVERIFY(wav.ok());
        QCOMPARE(wav.value()->length, 6 * int(std::lround(8 * 60.0 / 90.0 * 48000.0)));

        // As a sequence on the transport.
        QSignalSpy handed(freehand.player(), &PathPlayer::handed);
        QVERIFY(freehand.playAsSequence());
        QTRY_COMPARE_WITH_TIMEOUT(handed.count(), 1, 10000);
        QCOMPARE(transport.sequenceLength(), 4);

        freehand.clear();
        QCOMPARE(freehand.count(), 0);
        QCOMPARE(transport.sequenceLength(), 0);
        QVERIFY(!freehand.replay());
        QVERIFY(!freehand.exportMidi(file));
        QVERIFY(!freehand.exportWav(wavFile));
    }

    void pathsAreSavedWithTheProject()
    {
        QTemporaryDir dir;
        Project project(nullptr);
        project.setDataDir(dir.filePath(QStringLiteral("data")));
        InterpolationModel path;
        FreehandPath freehand;
        path.setController(m_controller.get());
        freehand.setController(m_controller.get());
        ProjectPart::add(&project, QStringLiteral("interpolation"), &path, &path);
        ProjectPart::add(&project, QStringLiteral("freehandPath"), &freehand, &freehand);
        QVERIFY(project.hasPart(QStringLiteral("interpolation")));
        QVERIFY(project.hasPart(QStringLiteral("freehandPath")));
        path.setAFromPoint(3);
        path.setBFromPoint(9);
        path.setSteps(5);
        path.setSpherical(true);
        freehand.setSamples({{0, m_controller->pointZ(1)}, {3, m_controller->pointZ(2)}}, 6);
        freehand.setLoop(true);
        const std::vector<LatentVector> points = path.points();

        const QString file = dir.filePath(QStringLiteral("paths.gsproj"));
        QSignalSpy saved(&project, &Project::saved);
        QSignalSpy failed(&project, &Project::failed);
        QVERIFY(project.saveAs(file));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count() + failed.count(), 1, 10000);
        QCOMPARE(saved.count(), 1);

        path.clear();
        path.setSteps(8);
        path.setSpherical(false);
        freehand.clear();
        freehand.setLoop(false);
        QSignalSpy opened(&project, &Project::opened);
        QVERIFY(project.open(file));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count() + failed.count(), 1, 10000);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(path.steps(), 5);
        QVERIFY(path.spherical());
        QCOMPARE(path.rowCount(), 5);
        for (std::size_t i = 0; i < points.size(); ++i)
            for (std::size_t d = 0; d < points[i].size(); ++d)
                QVERIFY(std::abs(path.points()[i][d] - points[i][d]) < 1e-5f);
        QCOMPARE(freehand.count(), 2);
        QCOMPARE(freehand.lengthSteps(), 6);
        QCOMPARE(freehand.samples()[1].step, 3);
        QVERIFY(freehand.loop());
        for (std::size_t d = 0; d < freehand.samples()[1].z.size(); ++d)
            QVERIFY(std::abs(freehand.samples()[1].z[d] - m_controller->pointZ(2)[d]) < 1e-5f);

        // A new project: both paths empty.
        project.newProject();
        QCOMPARE(path.rowCount(), 0);
        QCOMPARE(freehand.count(), 0);
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
