// Exporting a bookmark set with the bundled 2D model over real GMD windows: the
// MIDI clip reads back as the bookmarks' decoded grooves in list order, each note
// at its step in its own segment; the WAV is exactly bookmarks x bars x tempo
// long with sound in every segment; the selection (ticks or a tag) picks and
// orders what is exported; an empty set, another model's bookmark and an
// unwritable target are refused with a message, leaving no file.
#include "audio/samplefile.h"
#include "map/bookmarkmodel.h"
#include "latent/latentspace.h"
#include "midi/groovemidi.h"
#include "model/model.h"
#include "tinydataset.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

using namespace gs;

namespace {
constexpr int kWait = 30000;
constexpr std::int64_t kSegmentTicks = 2 * 4 * 480;  // a 2-bar 4/4 groove at 480 ticks per quarter
} // namespace

class TstBookmarkExport : public QObject {
    Q_OBJECT

    Session m_session{nullptr};
    std::unique_ptr<MapController> m_controller;
    std::vector<int> m_points;  // map points whose decoded grooves have hits

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY2(dataset, "could not import the GMD files (is ../shared/data there?)");
        const std::string file = (test::sourceDir() / "models/rhythmvae-2d.gsmodel").string();
        Result<Model> model = Model::load(file);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().describe().c_str());
        m_session.setDataset(dataset, QStringLiteral("tiny"));
        m_controller = std::make_unique<MapController>();
        m_controller->setSession(&m_session);
        m_session.setModel(std::make_shared<Model>(std::move(model).value()), QStringLiteral("rhythmvae-2d"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->ready(), kWait);
        // Three places whose grooves differ and are not silent, so every segment must sound.
        std::vector<Groove> seen;
        for (int i = 0; m_points.size() < 3 && !m_controller->pointZ(i).empty(); ++i) {
            const Groove g = decoded(m_controller->pointZ(i));
            if (g.hitCount() >= 4 && std::none_of(seen.begin(), seen.end(), [&](const Groove& s) { return s.sameHits(g); })) {
                m_points.push_back(i);
                seen.push_back(g);
            }
        }
        QCOMPARE(m_points.size(), std::size_t(3));
    }

    void cleanupTestCase() { m_controller.reset(); }

    void setOfThreeIsOneClipInListOrder()
    {
        BookmarkModel bookmarks;
        QAbstractItemModelTester tester(&bookmarks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bookmarks.setController(m_controller.get());
        std::vector<Groove> expected;
        for (int p : m_points) {
            m_controller->jumpToPoint(p);
            QVERIFY(bookmarks.pin() >= 0);
            expected.push_back(decoded(m_controller->pointZ(p)));
        }
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("set"));  // ".mid" is added
        QSignalSpy exported(bookmarks.player(), &PathPlayer::exportFinished);
        QSignalSpy exporting(bookmarks.player(), &PathPlayer::exportingChanged);
        QSignalSpy message(&bookmarks, &BookmarkModel::messageChanged);
        QVERIFY2(bookmarks.exportMidi(QUrl::fromLocalFile(file).toString()), qPrintable(bookmarks.message()));
        QVERIFY(bookmarks.player()->exporting());  // decoded and written on the worker
        QVERIFY(exported.wait(kWait));
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(bookmarks.message()));
        QCOMPARE(exporting.count(), 2);
        QVERIFY(message.count() >= 2);  // "Exporting…", then "Exported…"
        QVERIFY2(bookmarks.message().startsWith(QStringLiteral("Exported 3 grooves")), qPrintable(bookmarks.message()));

        // Read back through src/midi: three windows, each the decode of its bookmark.
        const std::string mid = (file + QStringLiteral(".mid")).toStdString();
        const DrumMap& map = m_controller->space()->config().drumMap;
        Result<std::vector<Groove>> back = readGrooveMidi(mid, map);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QCOMPARE(back->size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY2((*back)[i].sameHits(expected[i]), qPrintable(QStringLiteral("segment %1").arg(i + 1)));
        // The notes themselves: groove i's hits start at i x 2 bars, each at its step (within
        // half a step for micro-timing), with its voice's note and velocity.
        Result<MidiFile> midi = readMidiFile(mid);
        QVERIFY(midi.ok());
        QCOMPARE(midi->ticksPerQuarter, 480);
        int hits = 0;
        for (std::size_t i = 0; i < 3; ++i) {
            const Groove& g = expected[i];
            for (int s = 0; s < g.steps(); ++s)
                for (int v = 0; v < g.voices(); ++v) {
                    if (!g.hit(s, v))
                        continue;
                    ++hits;
                    const std::int64_t at = std::int64_t(i) * kSegmentTicks + s * 120;
                    const int velocity = std::clamp(int(std::lround(g.velocity(s, v) * 127.0f)), 1, 127);
                    const bool found = std::any_of(midi->notes.begin(), midi->notes.end(), [&](const MidiNote& n) {
                        return n.channel == 9 && n.note == map.outputNote(v) && std::abs(n.tick - at) <= 60
                               && std::abs(n.velocity - velocity) <= 1;
                    });
                    QVERIFY2(found, qPrintable(QStringLiteral("groove %1 step %2 voice %3").arg(i + 1).arg(s).arg(v)));
                }
        }
        QCOMPARE(int(midi->notes.size()), hits);
    }

    void wavIsBookmarksTimesBarsLongAndEverySegmentSounds()
    {
        BookmarkModel bookmarks;
        bookmarks.setController(m_controller.get());
        for (int p : m_points) {
            m_controller->jumpToPoint(p);
            QVERIFY(bookmarks.pin() >= 0);
        }
        m_session.setBpm(120);  // after the jumps: a click on a point takes its window's tempo
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("set.wav"));
        QSignalSpy exported(bookmarks.player(), &PathPlayer::exportFinished);
        QVERIFY2(bookmarks.exportWav(file), qPrintable(bookmarks.message()));
        QVERIFY(exported.wait(kWait));
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(bookmarks.message()));
        auto audio = readSampleFile(file.toStdString(), 48000.0);
        QVERIFY(audio.ok());
        // 3 grooves x 2 bars of 4/4 at 120 BPM = 3 x 4 s at 48 kHz, no tail.
        const int segment = 4 * 48000;
        QCOMPARE(audio.value()->length, 3 * segment);
        for (int i = 0; i < 3; ++i) {
            float peak = 0.0f;
            for (int f = i * segment; f < (i + 1) * segment; ++f)
                peak = std::max({peak, std::abs(audio.value()->frames[2 * f]), std::abs(audio.value()->frames[2 * f + 1])});
            QVERIFY2(peak > 0.01f, qPrintable(QStringLiteral("segment %1 is silent (peak %2)").arg(i + 1).arg(peak)));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({"set.wav"}));  // no temp left
    }

    void selectionAndTagsPickWhatIsExported()
    {
        BookmarkModel bookmarks;
        QAbstractItemModelTester tester(&bookmarks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bookmarks.setController(m_controller.get());
        const QStringList tags[] = {{"funk"}, {"fill", "Funk"}, {"jazz"}};
        for (int i = 0; i < 3; ++i) {
            m_controller->jumpToPoint(m_points[std::size_t(i)]);
            QCOMPARE(bookmarks.pin(QString(), tags[i]), i);
        }
        QSignalSpy selection(&bookmarks, &BookmarkModel::selectionChanged);
        QSignalSpy changed(&bookmarks, &QAbstractItemModel::dataChanged);
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({0, 1, 2}));  // nothing selected: all
        bookmarks.setSelected(2, true);
        bookmarks.setSelected(0, true);
        bookmarks.setSelected(0, true);  // no change, no signal
        QCOMPARE(selection.count(), 2);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(bookmarks.selectedCount(), 2);
        QVERIFY(bookmarks.data(bookmarks.index(2), BookmarkModel::SelectedRole).toBool());
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({0, 2}));  // list order, not click order

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("two.mid"));
        QSignalSpy exported(bookmarks.player(), &PathPlayer::exportFinished);
        QVERIFY(bookmarks.exportMidi(file));
        QVERIFY(exported.wait(kWait));
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(bookmarks.message()));
        Result<std::vector<Groove>> back = readGrooveMidi(file.toStdString(), m_controller->space()->config().drumMap);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(2));
        QVERIFY((*back)[0].sameHits(decoded(bookmarks.latent(0))));
        QVERIFY((*back)[1].sameHits(decoded(bookmarks.latent(2))));

        // A tag (any case) selects exactly the bookmarks that carry it.
        QCOMPARE(bookmarks.selectTagged(QStringLiteral(" FUNK ")), 2);
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({0, 1}));
        QCOMPARE(bookmarks.selectTagged(QStringLiteral("none")), 0);
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({0, 1, 2}));
        bookmarks.setData(bookmarks.index(1), true, BookmarkModel::SelectedRole);
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({1}));
        // Removing a selected row keeps the others' selection in step.
        QVERIFY(bookmarks.remove(0));
        QCOMPARE(bookmarks.exportRows(), std::vector<int>({0}));
        selection.clear();
        bookmarks.clearSelection();
        QCOMPARE(selection.count(), 1);
        QCOMPARE(bookmarks.selectedCount(), 0);
    }

    void refusalsSayWhyAndLeaveNoFile()
    {
        QTemporaryDir dir;
        BookmarkModel bookmarks;
        QSignalSpy message(&bookmarks, &BookmarkModel::messageChanged);
        QVERIFY(!bookmarks.exportMidi(dir.filePath(QStringLiteral("none.mid"))));  // no model, no bookmarks
        bookmarks.setController(m_controller.get());
        QVERIFY(!bookmarks.exportWav(dir.filePath(QStringLiteral("none.wav"))));
        QVERIFY2(bookmarks.message().contains(QStringLiteral("No bookmarks to export")), qPrintable(bookmarks.message()));
        QCOMPARE(message.count(), 1);

        // A bookmark from a 3D model cannot be decoded by this 2D one: named, nothing written.
        bookmarks.setBookmarks({{QStringLiteral("from 3D"), {0.1f, 0.2f, 0.3f}, {}, {}, {}}});
        QVERIFY(!bookmarks.exportMidi(dir.filePath(QStringLiteral("other.mid"))));
        QVERIFY2(bookmarks.message().contains(QStringLiteral("\"from 3D\"")), qPrintable(bookmarks.message()));

        // An unwritable target: a "folder" that is a file (fails even as root).
        m_controller->jumpToPoint(m_points.front());
        bookmarks.setBookmarks({});
        QCOMPARE(bookmarks.pin(), 0);
        const QString locked = dir.filePath(QStringLiteral("locked"));
        {
            QFile blocker(locked);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        QSignalSpy exported(bookmarks.player(), &PathPlayer::exportFinished);
        for (const QString& name : {QStringLiteral("x.mid"), QStringLiteral("x.wav")}) {
            exported.clear();
            const bool wav = name.endsWith(QStringLiteral(".wav"));
            const QString target = QDir(locked).filePath(name);
            QVERIFY(wav ? bookmarks.exportWav(target) : bookmarks.exportMidi(target));
            QVERIFY(exported.wait(kWait));
            QCOMPARE(exported.at(0).at(0).toBool(), false);
            QVERIFY2(bookmarks.message().contains(QStringLiteral("locked/") + name), qPrintable(bookmarks.message()));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList({"locked"}));
        QCOMPARE(QFileInfo(locked).size(), 0);
    }

private:
    Groove decoded(const LatentVector& z) const { return m_controller->space()->generate(z, m_controller->sampling()); }
};

QTEST_MAIN(TstBookmarkExport)
#include "tst_bookmarkexport.moc"
