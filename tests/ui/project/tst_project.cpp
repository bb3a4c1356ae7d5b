// Project: save -> open round trip of every part (session, bookmarks, transport, a part
// nobody claims), atomic writes, clear errors for bad / foreign / newer files that keep the
// open project, relative paths after the folder moves, missing files by name, File > New,
// the recent list, the crash marker and recovery. Real MIDI (the demo beats), the real
// bundled model, the real dataset browser import.
#include "map/bookmarkmodel.h"
#include "dataset/dataset.h"
#include "browser/datasetbrowser.h"
#include "map/mapcontroller.h"
#include "model/model.h"
#include "project/project.h"
#include "project/projectfile.h"
#include "project/projectparts.h"
#include "project/projectsessionpart.h"
#include "project/recentprojects.h"
#include "session.h"
#include "testdata.h"
#include "transport/transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>
#include <unistd.h>

using namespace gs;

namespace {

const int kWait = 30000;  // generous: a loaded machine; never decides the result by itself

QString demoBeat(const char* relative)
{
    return QString::fromStdString((test::sourceDir() / "assets/demo/gmd" / relative).string());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readParts(const QString& path)
{
    return QJsonDocument::fromJson(readAll(path)).object().value(QStringLiteral("parts")).toObject();
}

void writeText(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// One app's worth of real parts around a Project.
struct Rig {
    Session session{nullptr};
    Project project{nullptr};
    std::unique_ptr<DatasetBrowser> browser;
    std::unique_ptr<ProjectSessionPart> sessionPart;
    std::unique_ptr<BookmarkModel> bookmarks;
    std::unique_ptr<Transport> transport;

    explicit Rig(const QString& dataDir)
    {
        project.setDataDir(dataDir);
        browser = std::make_unique<DatasetBrowser>(&session, nullptr);
        ProjectPart::add(&project, QStringLiteral("browser"), browser.get(), browser.get());
        sessionPart = std::make_unique<ProjectSessionPart>(&project, &session);
        ProjectPart::add(&project, QStringLiteral("session"), sessionPart.get(), sessionPart.get());
        sessionPart->setDatasetLoader(
            [this](const QStringList& paths, const QString& name) { return browser->importPaths(paths, name); });
        sessionPart->setModelLoader([this](const QString& path) {
            auto model = Model::load(path.toStdString());
            if (model.ok())
                session.setModel(std::make_shared<Model>(std::move(model).value()), QFileInfo(path).completeBaseName());
        });
        bookmarks = std::make_unique<BookmarkModel>();
        ProjectPart::add(&project, QStringLiteral("bookmarks"), bookmarks.get(), bookmarks.get());
        transport = std::make_unique<Transport>(&session, nullptr);
        transport->setKits({QStringLiteral("acoustic"), QStringLiteral("gm-standard")}, 0);
        auto* transportPart = new TransportPart(transport.get());
        ProjectPart::add(&project, QStringLiteral("transport"), transportPart, transportPart);
    }
    ~Rig()
    {
        transport.reset();
        bookmarks.reset();
        sessionPart.reset();
        browser.reset();
    }
};

std::vector<BookmarkModel::Bookmark> someBookmarks()
{
    return {{QStringLiteral("Funk pocket"), {-0.801197f, 1.110514f}, {QStringLiteral("funk"), QStringLiteral("80 bpm")}, {}, {}},
        {QStringLiteral("Jazz ride"), {-0.127493f, -0.716063f}, {QStringLiteral("jazz")}, {}, {}}};
}

QString bundledModel()
{
    return QString::fromStdString((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
}

} // namespace

class TstProject : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // QSettings and AppDataLocation under ~/.qttest
        QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_project"));
        QSettings().clear();
        QVERIFY2(QFileInfo(bundledModel()).isFile(), "the bundled model models/rhythmvae-2d.gsmodel is missing");
    }

    void init() { QSettings().clear(); }

    void roundTripOfEveryPartAfterTheFolderMoves()
    {
        QTemporaryDir tmp;
        const QString projectDir = tmp.filePath("proj");
        QVERIFY(QDir().mkpath(projectDir + "/midi"));
        QVERIFY(QFile::copy(demoBeat("drummer1/session1/1_funk_80_beat_4-4.mid"), projectDir + "/midi/funk.mid"));
        QVERIFY(QFile::copy(demoBeat("drummer3/session2/26_hiphop_92_beat_4-4.mid"), projectDir + "/midi/hiphop.mid"));
        const QString file = projectDir + "/groove.gsproj";
        {
            Rig a(tmp.filePath("data-a"));
            QSignalSpy imported(a.browser.get(), &DatasetBrowser::importFinished);
            QVERIFY(a.browser->importPaths({projectDir + "/midi"}));
            QVERIFY(imported.wait(kWait));
            QCOMPARE(imported.first().first().toBool(), true);
            QVERIFY(a.session.windowCount() > 3);
            a.sessionPart->noteModelPath(bundledModel());
            a.sessionPart->setModelLoader({});  // the model is loaded below, by hand
            auto model = Model::load(bundledModel().toStdString());
            QVERIFY(model.ok());
            a.session.setModel(std::make_shared<Model>(std::move(model).value()), QStringLiteral("rhythmvae-2d"));
            QCOMPARE(a.sessionPart->modelPath(), QFileInfo(bundledModel()).absoluteFilePath());
            a.session.setCurrentWindow(3);
            a.session.setBpm(97);
            a.bookmarks->setBookmarks(someBookmarks());
            a.transport->setSwing(62);
            a.transport->setHumanise(0.4);
            a.transport->setMetronome(true);
            a.transport->setVolume(0.5);
            a.transport->setKitIndex(1);
            QSignalSpy saved(&a.project, &Project::saved);
            QSignalSpy titled(&a.project, &Project::titleChanged);
            QVERIFY(a.project.saveAs(file));
            QVERIFY(saved.wait(kWait));
            QCOMPARE(saved.first().first().toString(), file);
            QCOMPARE(a.project.filePath(), file);
            QCOMPARE(a.project.name(), QStringLiteral("groove"));
            QVERIFY(!a.project.dirty());
            QVERIFY(titled.count() >= 1);
            QCOMPARE(a.project.title(), QStringLiteral("groove — Groovescape"));
        }
        // The file: versioned, paths relative to the project or into the bundled data.
        const QJsonObject doc = QJsonDocument::fromJson(readAll(file)).object();
        QCOMPARE(doc.value("format").toString(), QStringLiteral("groovescape-project"));
        QCOMPARE(doc.value("version").toInt(), 1);
        const QJsonObject session = doc.value("parts").toObject().value("session").toObject();
        QStringList stored;
        for (const auto& v : session.value("dataset").toArray())
            stored << v.toString();
        stored.sort();
        QCOMPARE(stored, QStringList({"midi/funk.mid", "midi/hiphop.mid"}));  // imported by hand: its files
        QCOMPARE(session.value("model").toString(), QStringLiteral("data:models/rhythmvae-2d.gsmodel"));
        // A part from a newer build nobody here claims: kept and written back.
        QJsonObject withExtra = doc;
        QJsonObject parts = withExtra.value("parts").toObject();
        parts.insert("future", QJsonObject{{"x", 1}});
        withExtra.insert("parts", parts);
        writeText(file, QJsonDocument(withExtra).toJson());

        // Move the whole folder: the relative paths follow it.
        const QString moved = tmp.filePath("moved");
        QVERIFY(QDir().rename(projectDir, moved));
        Rig b(tmp.filePath("data-b"));
        QSignalSpy opened(&b.project, &Project::opened);
        QSignalSpy imported(b.browser.get(), &DatasetBrowser::importFinished);
        QSignalSpy restored(b.sessionPart.get(), &ProjectSessionPart::restored);
        QSignalSpy bookmarkCount(b.bookmarks.get(), &BookmarkModel::countChanged);
        QSignalSpy swing(b.transport.get(), &Transport::swingChanged);
        QSignalSpy kit(b.transport.get(), &Transport::kitIndexChanged);
        QVERIFY(b.project.open(moved + "/groove.gsproj"));
        QVERIFY(opened.wait(kWait));
        QVERIFY(restored.wait(kWait));
        QCOMPARE(imported.count(), 1);
        QVERIFY(b.project.notes().isEmpty());
        QCOMPARE(b.project.filePath(), moved + "/groove.gsproj");
        QCOMPARE(b.session.dataset()->files().size(), std::size_t(2));
        QVERIFY(QString::fromStdString(b.session.dataset()->files()[0].path).startsWith(moved + "/midi/"));
        QVERIFY(b.session.hasModel());
        QCOMPARE(b.sessionPart->modelPath(), QFileInfo(bundledModel()).absoluteFilePath());
        QCOMPARE(b.session.currentWindow(), 3);
        QCOMPARE(b.session.bpm(), 97.0);
        QCOMPARE(bookmarkCount.count(), 1);
        QCOMPARE(b.bookmarks->bookmarks(), someBookmarks());
        QCOMPARE(b.bookmarks->tags(0), QStringList({"funk", "80 bpm"}));
        QCOMPARE(swing.count(), 1);
        QCOMPARE(b.transport->swing(), 62.0);
        QCOMPARE(b.transport->humanise(), 0.4);
        QCOMPARE(b.transport->metronome(), true);
        QCOMPARE(b.transport->volume(), 0.5);
        QCOMPARE(kit.count(), 1);
        QCOMPARE(b.transport->kitIndex(), 1);
        // Opened state is clean; saving again writes the same parts, the unclaimed one included.
        b.project.checkDirty();
        QVERIFY(!b.project.dirty());
        QSignalSpy saved(&b.project, &Project::saved);
        QVERIFY(b.project.save());
        QVERIFY(saved.wait(kWait));
        const QJsonObject again = readParts(moved + "/groove.gsproj");
        QCOMPARE(again.value("future").toObject().value("x").toInt(), 1);
        QCOMPARE(again.value("bookmarks"), parts.value("bookmarks"));
        QCOMPARE(again.value("transport"), parts.value("transport"));
        QCOMPARE(again.value("session"), parts.value("session"));
    }

    // The map's sampling controls (global and per voice) and when new grooves take over come back with the project.
    void samplingControlsAndChangeModeRoundTrip()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString file = tmp.filePath("sampling.gsproj");
        {
            Rig a(tmp.filePath("data-a"));
            MapController controller;
            controller.setSession(&a.session);
            auto* sampling = new SamplingPart(&controller);
            ProjectPart::add(&a.project, QStringLiteral("sampling"), sampling, sampling);
            a.transport->setChangeAt(2);
            controller.setThreshold(0.4);
            controller.setTemperature(1.5);
            controller.setVoiceDensity(2, 0.75);
            controller.setVoiceVelocity(0, 0.5);
            QSignalSpy saved(&a.project, &Project::saved);
            QVERIFY(a.project.saveAs(file));
            QVERIFY(saved.wait(kWait));
        }
        const QJsonObject parts = QJsonDocument::fromJson(readAll(file)).object().value("parts").toObject();
        QCOMPARE(parts.value("transport").toObject().value("change_at").toInt(), 2);
        QCOMPARE(parts.value("sampling").toObject().value("voice_density").toArray().size(), 9);

        Rig b(tmp.filePath("data-b"));
        MapController controller;
        controller.setSession(&b.session);
        controller.setVoiceDensity(5, -1.0);  // set before opening: the project's controls replace it
        auto* sampling = new SamplingPart(&controller);
        ProjectPart::add(&b.project, QStringLiteral("sampling"), sampling, sampling);
        QSignalSpy opened(&b.project, &Project::opened);
        QVERIFY(b.project.open(file));
        QVERIFY(opened.wait(kWait));
        QCOMPARE(b.transport->changeAt(), 2);
        QVERIFY(std::abs(controller.threshold() - 0.4) < 1e-6);
        QVERIFY(std::abs(controller.temperature() - 1.5) < 1e-6);
        QList<double> density(9, 0.0), velocity(9, 1.0);
        density[2] = 0.75;
        velocity[0] = 0.5;
        QCOMPARE(controller.voiceDensity(), density);
        QCOMPARE(controller.voiceVelocity(), velocity);
        QVERIFY(!b.project.dirty());
    }

    void dirtyMarkAndNewProject()
    {
        QTemporaryDir tmp;
        Rig rig(tmp.filePath("data"));
        rig.bookmarks->setBookmarks(someBookmarks());
        QSignalSpy saved(&rig.project, &Project::saved);
        QVERIFY(rig.project.saveAs(tmp.filePath("x")));  // the suffix is added
        QVERIFY(saved.wait(kWait));
        QCOMPARE(rig.project.filePath(), tmp.filePath("x.gsproj"));
        QVERIFY(!rig.project.dirty());
        QSignalSpy dirty(&rig.project, &Project::dirtyChanged);
        QVERIFY(rig.bookmarks->rename(0, QStringLiteral("Renamed")));  // tells the project at once
        QCOMPARE(dirty.count(), 1);
        QVERIFY(rig.project.dirty());
        QVERIFY(rig.project.title().startsWith(QStringLiteral("*x")));
        QVERIFY(rig.bookmarks->rename(0, QStringLiteral("Funk pocket")));  // back as saved: clean again
        QCOMPARE(dirty.count(), 2);
        QVERIFY(!rig.project.dirty());

        rig.project.newProject();
        QCOMPARE(rig.bookmarks->count(), 0);
        QVERIFY(rig.project.filePath().isEmpty());
        QCOMPARE(rig.project.name(), QStringLiteral("Untitled"));
        QVERIFY(!rig.project.save());  // untitled: Save As first
    }

    void failedWriteLeavesTheOldFile()
    {
        QTemporaryDir tmp;
        Rig rig(tmp.filePath("data"));
        rig.bookmarks->setBookmarks(someBookmarks());
        const QString dir = tmp.filePath("locked");
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + "/p.gsproj";
        const QByteArray old = QJsonDocument(ProjectFile::document({{"bookmarks", QJsonArray()}})).toJson();
        writeText(path, old);
        // A folder nobody may write to: read-only for a user; immutable for root (chmod does not stop root).
        const bool root = ::geteuid() == 0;
        const bool locked = root ? QProcess::execute("chattr", {"+i", dir}) == 0
                                 : QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        struct Unlock {
            QString dir;
            bool root;
            ~Unlock()
            {
                if (root)
                    QProcess::execute("chattr", {"-i", dir});
                else
                    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            }
        } unlock{dir, root};
        if (!locked)
            QSKIP("cannot make a folder read-only here (root without chattr +i support)");
        QSignalSpy failed(&rig.project, &Project::failed);
        QSignalSpy saved(&rig.project, &Project::saved);
        QVERIFY(rig.project.saveAs(path));
        QVERIFY(failed.wait(kWait));
        QCOMPARE(saved.count(), 0);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden).size(), 1);  // no half-written file beside it
        QVERIFY(rig.project.filePath().isEmpty());  // the project did not move to the file it could not write
        QCOMPARE(rig.bookmarks->count(), 2);
    }

    void badFilesNameTheFileAndKeepTheProject_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad json") << QByteArray("{\"format\": \"groovescape-project\", \"version\": 1,") << "invalid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "not an object";
        QTest::newRow("foreign") << QByteArray("{\"format\": \"something-else\", \"version\": 1}") << "format \"something-else\"";
        QTest::newRow("no format") << QByteArray("{\"version\": 1}") << "not a Groovescape project";
        QTest::newRow("newer") << QByteArray("{\"format\": \"groovescape-project\", \"version\": 7, \"parts\": {}}")
                               << "version 7, newer";
        QTest::newRow("parts not an object")
            << QByteArray("{\"format\": \"groovescape-project\", \"version\": 1, \"parts\": []}") << "\"parts\"";
        QTest::newRow("empty") << QByteArray() << "invalid JSON";
    }

    void badFilesNameTheFileAndKeepTheProject()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        Rig rig(tmp.filePath("data"));
        rig.bookmarks->setBookmarks(someBookmarks());
        QSignalSpy saved(&rig.project, &Project::saved);
        QVERIFY(rig.project.saveAs(tmp.filePath("good.gsproj")));
        QVERIFY(saved.wait(kWait));

        const QString bad = tmp.filePath("bad.gsproj");
        writeText(bad, content);
        QSignalSpy failed(&rig.project, &Project::failed);
        QSignalSpy opened(&rig.project, &Project::opened);
        QVERIFY(rig.project.open(bad));
        QVERIFY(failed.wait(kWait));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(bad) && message.contains(expected), qPrintable(message));
        QCOMPARE(rig.project.message(), message);
        QCOMPARE(opened.count(), 0);
        QCOMPARE(rig.project.filePath(), tmp.filePath("good.gsproj"));
        QCOMPARE(rig.bookmarks->bookmarks(), someBookmarks());
    }

    void aMissingFileNamesIt()
    {
        QTemporaryDir tmp;
        Rig rig(tmp.filePath("data"));
        QSignalSpy failed(&rig.project, &Project::failed);
        QVERIFY(rig.project.open(tmp.filePath("nothere.gsproj")));
        QVERIFY(failed.wait(kWait));
        QVERIFY(failed.first().first().toString().contains(tmp.filePath("nothere.gsproj")));
    }

    void missingReferencedFilesAreReportedAndTheRestLoads()
    {
        QTemporaryDir tmp;
        Rig rig(tmp.filePath("data"));
        QJsonArray marks;
        for (const auto& b : someBookmarks())
            marks.append(QJsonObject{{"name", b.name}, {"tags", QJsonArray::fromStringList(b.tags)},
                {"z", QJsonArray{double(b.z[0]), double(b.z[1])}}});
        const QJsonObject parts{{"session", QJsonObject{{"dataset", QJsonArray{"gone-folder"}}, {"model", "gone.gsmodel"},
                                                {"window", 2}, {"bpm", 88}}},
            {"bookmarks", marks}, {"transport", QJsonObject{{"swing", 58}, {"kit", "no-such-kit"}}}};
        const QString file = tmp.filePath("p.gsproj");
        QVERIFY(ProjectFile::write(file, ProjectFile::document(parts)).isEmpty());
        QSignalSpy opened(&rig.project, &Project::opened);
        QVERIFY(rig.project.open(file));
        QVERIFY(opened.wait(kWait));
        const QString notes = rig.project.notes().join('\n');
        QVERIFY2(notes.contains(tmp.filePath("gone-folder")), qPrintable(notes));
        QVERIFY2(notes.contains(tmp.filePath("gone.gsmodel")), qPrintable(notes));
        QVERIFY2(notes.contains("no-such-kit"), qPrintable(notes));
        QCOMPARE(rig.bookmarks->bookmarks(), someBookmarks());
        QCOMPARE(rig.transport->swing(), 58.0);
        QCOMPARE(rig.session.bpm(), 88.0);
        QVERIFY(!rig.session.hasDataset());
    }

    void partsThatRegisterLateGetTheirValue()
    {
        QTemporaryDir tmp;
        Project project(nullptr);
        const QString file = tmp.filePath("p.gsproj");
        QVERIFY(ProjectFile::write(file, ProjectFile::document({{"bookmarks", QJsonArray{QJsonObject{
            {"name", "Late"}, {"tags", QJsonArray{"t"}}, {"z", QJsonArray{0.5, -0.25}}}}}})).isEmpty());
        QSignalSpy opened(&project, &Project::opened);
        QVERIFY(project.open(file));
        QVERIFY(opened.wait(kWait));
        {
            BookmarkModel late;  // a part registered after the project was opened
            ProjectPart::add(&project, QStringLiteral("bookmarks"), &late, &late);
            QCOMPARE(late.count(), 1);
            QCOMPARE(late.bookmarks()[0].name, QStringLiteral("Late"));
            QCOMPARE(late.bookmarks()[0].z, (LatentVector{0.5f, -0.25f}));
        }
        QVERIFY(!project.hasPart("bookmarks"));  // gone with its owner
    }

    void bundledProjectOpensAsAnUntitledCopy()
    {
        const QString demo = QString::fromStdString((test::sourceDir() / "assets/demo/demo.gsproj").string());
        QVERIFY(QFileInfo(demo).isFile());
        QTemporaryDir tmp;
        Project project(nullptr);
        BookmarkModel bookmarks;
        ProjectPart::add(&project, QStringLiteral("bookmarks"), &bookmarks, &bookmarks);
        QSignalSpy opened(&project, &Project::opened);
        QVERIFY(project.open(demo));
        QVERIFY(opened.wait(kWait));
        QVERIFY(project.filePath().isEmpty());  // Save never overwrites the bundled demo
        QCOMPARE(project.name(), QStringLiteral("demo"));
        QVERIFY(bookmarks.count() >= 3 && bookmarks.count() <= 5);
        for (const auto& b : bookmarks.bookmarks()) {
            QCOMPARE(int(b.z.size()), 2);  // points of the bundled 2D model
            QVERIFY(!b.tags.isEmpty());
        }
        QVERIFY(project.snapshot().value("interpolation").isObject());  // kept for the map's path part
    }

    void recentListKeepsTenMostRecentFirstAndDropsMissing()
    {
        QTemporaryDir tmp;
        RecentProjects recent;
        QSignalSpy changed(&recent, &RecentProjects::changed);
        for (int i = 0; i < 12; ++i) {
            const QString path = tmp.filePath(QStringLiteral("p%1.gsproj").arg(i));
            writeText(path, "{}");
            recent.add(path);
        }
        QCOMPARE(changed.count(), 12);
        QCOMPARE(recent.paths().size(), RecentProjects::maxEntries);
        QCOMPARE(recent.paths().first(), tmp.filePath("p11.gsproj"));
        recent.add(tmp.filePath("p5.gsproj"));
        QCOMPARE(recent.paths().first(), tmp.filePath("p5.gsproj"));
        QCOMPARE(recent.paths().count(tmp.filePath("p5.gsproj")), 1);
        QCOMPARE(RecentProjects().paths(), recent.paths());  // in QSettings

        QVERIFY(QFile::remove(tmp.filePath("p7.gsproj")));
        QSignalSpy pruned(&recent, &RecentProjects::pruned);
        recent.prune();
        QVERIFY(pruned.wait(kWait));
        QCOMPARE(pruned.first().first().toStringList(), QStringList{tmp.filePath("p7.gsproj")});
        QVERIFY(!recent.paths().contains(tmp.filePath("p7.gsproj")));
        QCOMPARE(recent.paths().size(), RecentProjects::maxEntries - 1);
    }

    void crashMarkerOffersRecoveryOfTheAutosave()
    {
        QTemporaryDir tmp;
        const QString data = tmp.filePath("data");
        QString crashedAutosave, crashedMarker;
        {
            Rig crashed(data);
            QSignalSpy started(&crashed.project, &Project::sessionStarted);
            crashed.project.startSession();  // marker read and written on the worker
            QVERIFY(started.wait(kWait));
            QVERIFY(QFileInfo(crashed.project.markerPath()).isFile());
            QVERIFY(!crashed.project.recoveryAvailable());
            crashed.bookmarks->setBookmarks(someBookmarks());  // untitled work
            crashed.project.checkDirty();
            QVERIFY(crashed.project.dirty());
            QSignalSpy autosaved(&crashed.project, &Project::autosaved);
            crashed.project.autosave();
            QVERIFY(autosaved.wait(kWait));
            QCOMPARE(autosaved.first().first().toString(), crashed.project.instanceAutosavePath());
            crashedAutosave = crashed.project.instanceAutosavePath();
            crashedMarker = crashed.project.markerPath();
            // No endSession(): the run "crashes" and leaves its marker.
        }
        // Same process here: make the marker's owner a process that no longer runs (the PID's start time differs).
        QJsonObject marker = QJsonDocument::fromJson(readAll(crashedMarker)).object();
        marker.insert("start", marker.value("start").toInteger() - 1);
        writeText(crashedMarker, QJsonDocument(marker).toJson());
        Rig next(data);
        QSignalSpy recovery(&next.project, &Project::recoveryChanged);
        QSignalSpy nextStarted(&next.project, &Project::sessionStarted);
        next.project.startSession();
        QVERIFY(nextStarted.wait(kWait));
        QCOMPARE(recovery.count(), 1);
        QVERIFY(next.project.recoveryAvailable());
        QCOMPARE(next.project.recoveryPath(), crashedAutosave);
        QSignalSpy opened(&next.project, &Project::opened);
        QVERIFY(next.project.recover());
        QVERIFY(opened.wait(kWait));
        QCOMPARE(next.bookmarks->bookmarks(), someBookmarks());
        QVERIFY(next.project.filePath().isEmpty());  // still untitled, still unsaved
        QVERIFY(next.project.dirty());
        QVERIFY(!next.project.recoveryAvailable());
        next.project.endSession();
        QVERIFY(!QFileInfo(next.project.markerPath()).exists());
        QVERIFY(!QFileInfo(crashedMarker).exists());  // answered: the crashed run's marker went too

        Rig clean(data);
        QSignalSpy cleanStarted(&clean.project, &Project::sessionStarted);
        clean.project.startSession();
        QVERIFY(cleanStarted.wait(kWait));
        QVERIFY(!clean.project.recoveryAvailable());  // the last run ended cleanly
        clean.project.endSession();
    }

    void quitSavesTheWorkAndTheNextStartGetsItBack()
    {
        QTemporaryDir tmp;
        const QString data = tmp.filePath("data");
        {
            Rig untitled(data);
            untitled.bookmarks->setBookmarks(someBookmarks());
            QCOMPARE(untitled.project.saveOnQuit(), QString());
            QVERIFY(QFileInfo(untitled.project.autosavePath()).isFile());
            QCOMPARE(untitled.project.recent()->last(), QLatin1String(RecentProjects::untitledMark));
        }
        {
            Rig next(data);
            QSignalSpy opened(&next.project, &Project::opened);
            QVERIFY(next.project.open(next.project.autosavePath()));
            QVERIFY(opened.wait(kWait));
            QVERIFY(next.project.filePath().isEmpty());  // untitled work stays untitled
            QVERIFY(next.project.dirty());
            QCOMPARE(next.bookmarks->bookmarks(), someBookmarks());
        }
        // A project with a file: quitting keeps the change beside it, never in it, until the musician saves.
        Rig titled(data);
        QSignalSpy saved(&titled.project, &Project::saved);
        QVERIFY(titled.project.saveAs(tmp.filePath("t.gsproj")));
        QVERIFY(saved.wait(kWait));
        QCOMPARE(readParts(tmp.filePath("t.gsproj")).value("bookmarks").toArray().size(), 0);
        titled.bookmarks->setBookmarks(someBookmarks());
        QCOMPARE(titled.project.saveOnQuit(), QString());
        QVERIFY(titled.project.dirty());
        QCOMPARE(readParts(tmp.filePath("t.gsproj")).value("bookmarks").toArray().size(), 0);
        QCOMPARE(readParts(titled.project.projectAutosavePath(tmp.filePath("t.gsproj"))).value("bookmarks").toArray().size(), 2);
        QCOMPARE(titled.project.recent()->last(), tmp.filePath("t.gsproj"));
    }

    void pathCodec()
    {
        const QString model = QString::fromStdString((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        QCOMPARE(ProjectFile::encodePath(model, "/home/me/songs"), QStringLiteral("data:models/rhythmvae-2d.gsmodel"));
        QCOMPARE(ProjectFile::resolvePath("data:models/rhythmvae-2d.gsmodel", "/elsewhere"), QDir::cleanPath(model));
        QCOMPARE(ProjectFile::encodePath("/home/me/songs/midi/a.mid", "/home/me/songs"), QStringLiteral("midi/a.mid"));
        QCOMPARE(ProjectFile::encodePath("/home/me/other/a.mid", "/home/me/songs"), QStringLiteral("/home/me/other/a.mid"));
        QCOMPARE(ProjectFile::resolvePath("midi/a.mid", "/home/you/songs"), QStringLiteral("/home/you/songs/midi/a.mid"));
        QCOMPARE(ProjectFile::resolvePath("/abs/a.mid", "/home/you/songs"), QStringLiteral("/abs/a.mid"));
    }
};

QTEST_GUILESS_MAIN(TstProject)
#include "tst_project.moc"
