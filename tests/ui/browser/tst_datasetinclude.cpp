// Include / exclude in the dataset browser and the drum map / grid choice, on
// real Groove MIDI Dataset files: the Session's dataset holds exactly the
// included windows; choices survive sorting, filtering and a re-import; the
// unmapped-note report follows the drum map.
#include "project/projectpart.h"
#include "browser/datasetbrowser.h"
#include "dataset/dataset.h"
#include "browser/filetablemodel.h"
#include "project/project.h"
#include "session.h"
#include "testdata.h"
#include "browser/windowlistmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

namespace {
const char* const kFiles[] = {
    "drummer1/session1/1_funk_80_beat_4-4.mid",
    "drummer1/session1/102_funk_95_beat_4-4.mid",
    "drummer1/session1/100_neworleans-secondline_94_beat_4-4.mid",
    "drummer1/session1/101_dance-disco_120_beat_4-4.mid",
};

bool stage(const QTemporaryDir& dir)
{
    for (const char* rel : kFiles) {
        const auto source = gs::test::sharedPath(std::string("gmd/") + rel);
        if (source.empty() || !QFile::copy(QString::fromStdString(source.string()),
                                  dir.filePath(QFileInfo(QString::fromLatin1(rel)).fileName())))
            return false;
    }
    return true;
}

bool waitImport(DatasetBrowser& browser)
{
    QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
    return !browser.busy() || finished.wait(30000);
}

int fileWindows(const Dataset& data, int file)
{
    int n = 0;
    for (const DatasetWindow& w : data.windows())
        n += w.file == file;
    return n;
}

// The table row (source model) state of a dataset file, read through the proxy.
int proxyState(DatasetBrowser& browser, int file)
{
    QSortFilterProxyModel* proxy = browser.files();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->data(proxy->index(r, 0), FileTableModel::FileIndexRole).toInt() == file)
            return proxy->data(proxy->index(r, 0), FileTableModel::IncludedRole).toInt();
    return -1;
}
} // namespace

class TstDatasetInclude : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void includeExcludeSetsTheSessionDataset()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(stage(dir));
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QAbstractItemModelTester tableTester(browser.fileTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(browser.files(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester windowTester(browser.windows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inclusion(&browser, &DatasetBrowser::inclusionChanged);
        QSignalSpy datasetChanged(&session, &Session::datasetChanged);
        QVERIFY(browser.importPaths({dir.path()}));
        QVERIFY(waitImport(browser));
        const auto full = browser.fullDataset();
        QVERIFY(full);
        const int total = full->windowCount();
        QVERIFY(total > 50);
        QCOMPARE(session.windowCount(), total);
        QCOMPARE(session.dataset(), full);  // nothing excluded: the import itself is published
        QCOMPARE(browser.includedWindows(), total);
        QCOMPARE(browser.totalWindows(), total);
        QCOMPARE(browser.totalFiles(), 4);
        QCOMPARE(browser.includedFiles(), 4);
        QVERIFY(inclusion.count() >= 1);

        // Exclude a whole file: the Session loses exactly its windows; the row stays, unchecked.
        const int a = 0;
        const int aWindows = fileWindows(*full, a);
        inclusion.clear();
        datasetChanged.clear();
        browser.setFileIncluded(a, false);
        QCOMPARE(inclusion.count(), 1);
        QCOMPARE(datasetChanged.count(), 1);
        QCOMPARE(session.windowCount(), total - aWindows);
        QCOMPARE(browser.includedWindows(), total - aWindows);
        QCOMPARE(browser.includedFiles(), 3);
        QCOMPARE(browser.files()->rowCount(), 4);
        QCOMPARE(proxyState(browser, a), int(Qt::Unchecked));
        for (const DatasetWindow& w : session.dataset()->windows())
            QVERIFY(w.file != a);
        QCOMPARE(session.dataset()->files()[a].windowsKept, 0);
        QCOMPARE(session.dataset()->files().size(), full->files().size());
        browser.setFileIncluded(a, false);  // no change: no new dataset
        QCOMPARE(datasetChanged.count(), 1);

        // It survives sorting and filtering.
        browser.sortBy(FileTableModel::Windows, false);
        QCOMPARE(proxyState(browser, a), int(Qt::Unchecked));
        browser.sortBy(FileTableModel::Include, true);
        QCOMPARE(browser.files()->data(browser.files()->index(0, 0), FileTableModel::FileIndexRole).toInt(), a);
        const QString aName = QFileInfo(QString::fromStdString(full->files()[a].path)).baseName();
        browser.setFilterText(aName);
        QCOMPARE(browser.files()->rowCount(), 1);
        QCOMPARE(proxyState(browser, a), int(Qt::Unchecked));
        browser.setFilterText("");
        QCOMPARE(session.windowCount(), total - aWindows);

        // Exclude one window of another file: one window fewer; that file is partly in.
        const int b = 1;
        const int bWindows = fileWindows(*full, b);
        int bRow = -1;
        for (int r = 0; r < browser.files()->rowCount(); ++r)
            if (browser.files()->data(browser.files()->index(r, 0), FileTableModel::FileIndexRole).toInt() == b)
                bRow = r;
        browser.selectFileRow(bRow);
        QCOMPARE(browser.selectedFile(), b);
        QCOMPARE(browser.windows()->rowCount(), bWindows);
        browser.setWindowIncluded(1, false);
        QCOMPARE(session.windowCount(), total - aWindows - 1);
        QCOMPARE(proxyState(browser, b), int(Qt::PartiallyChecked));
        QCOMPARE(browser.windows()->data(browser.windows()->index(1), WindowListModel::IncludedRole).toBool(), false);
        QCOMPARE(browser.windows()->data(browser.windows()->index(0), WindowListModel::IncludedRole).toBool(), true);

        // An excluded window still plays (as a plain groove); an included one maps to its Session index.
        const int excludedWindow = browser.windows()->windowIndex(1);
        browser.selectWindowRow(1);
        QCOMPARE(session.currentWindow(), -1);
        QVERIFY(session.groove().sameAs(full->windows()[std::size_t(excludedWindow)].groove));
        const int includedWindow = browser.windows()->windowIndex(2);
        browser.selectWindowRow(2);
        QVERIFY(session.currentWindow() >= 0);
        const DatasetWindow& published = session.dataset()->windows()[std::size_t(session.currentWindow())];
        QCOMPARE(published.file, b);
        QCOMPARE(published.firstBar, full->windows()[std::size_t(includedWindow)].firstBar);

        // Save and load (the project part): another browser on the same files ends up the same.
        const QJsonObject state = browser.saveState();
        {
            Session otherSession(nullptr);
            DatasetBrowser other(&otherSession, nullptr);
            QVERIFY(other.importPaths({dir.path()}));
            QVERIFY(waitImport(other));
            other.loadState(state);
            QVERIFY(!other.busy());  // same map and grid: no re-import
            QCOMPARE(otherSession.windowCount(), total - aWindows - 1);
            QCOMPARE(other.includeSet(), browser.includeSet());
        }

        // Invert, include all, exclude all.
        browser.invertInclusion();
        QCOMPARE(session.windowCount(), aWindows + 1);
        QCOMPARE(browser.includedWindows(), aWindows + 1);
        QCOMPARE(proxyState(browser, b), int(Qt::PartiallyChecked));
        browser.invertInclusion();
        QCOMPARE(session.windowCount(), total - aWindows - 1);
        browser.excludeAll();
        QCOMPARE(session.windowCount(), 0);
        QCOMPARE(browser.includedFiles(), 0);
        browser.includeAll();
        QCOMPARE(session.windowCount(), total);
        QCOMPARE(session.dataset(), full);
        QCOMPARE(proxyState(browser, b), int(Qt::Checked));
        // Including one window of an excluded file brings in just that window.
        browser.setFileIncluded(b, false);
        browser.setWindowIncluded(0, true);
        QCOMPARE(session.windowCount(), total - bWindows + 1);
    }

    void drumMapAndGridReimport()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(stage(dir));
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QAbstractItemModelTester tableTester(browser.fileTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester windowTester(browser.windows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy options(&browser, &DatasetBrowser::importOptionsChanged);
        QSignalSpy selected(&browser, &DatasetBrowser::selectedFileChanged);
        QVERIFY(browser.importPaths({dir.path()}));
        QVERIFY(waitImport(browser));
        QCOMPARE(browser.drumMap(), QStringLiteral("groovae"));
        QCOMPARE(browser.stepsPerBeat(), 4);
        QCOMPARE(browser.barsPerWindow(), 2);
        QCOMPARE(browser.builtInDrumMaps(), QStringList({"gm", "gm-greedy", "groovae"}));

        // Under groovae every note of this file maps; gm-greedy drops the TD-11 hi-hat edge note 26 (no GM drum).
        const auto before = browser.fullDataset();
        int file = -1;
        for (int f = 0; f < int(before->files().size()); ++f)
            if (QString::fromStdString(before->files()[std::size_t(f)].path).contains("1_funk_80"))
                file = f;
        QVERIFY(file >= 0);
        QVERIFY(before->files()[std::size_t(file)].unmappedNotes.empty());
        int row = -1;
        for (int r = 0; r < browser.files()->rowCount(); ++r)
            if (browser.files()->data(browser.files()->index(r, 0), FileTableModel::FileIndexRole).toInt() == file)
                row = r;
        browser.selectFileRow(row);
        QVariantMap report = browser.selectedFileReport();
        QCOMPARE(report.value("unmappedTotal").toInt(), 0);
        QCOMPARE(report.value("voices").toList().size(), before->voiceCount());
        double reportHits = 0;
        for (const QVariant& v : report.value("voices").toList())
            reportHits += v.toMap().value("hits").toDouble();
        QCOMPARE(reportHits, double(before->files()[std::size_t(file)].hits));
        browser.setFileIncluded(2, false);  // an exclusion that must survive the re-import
        const int excludedWindows = fileWindows(*before, 2);

        options.clear();
        selected.clear();
        QVERIFY(browser.setImportOptions("gm-greedy", 4, 2));
        QVERIFY(browser.busy());
        QVERIFY(!browser.setImportOptions("gm", 4, 2));  // one import at a time
        QVERIFY(waitImport(browser));
        QCOMPARE(options.count(), 1);
        QVERIFY(selected.count() >= 1);
        const auto after = browser.fullDataset();
        QVERIFY(after != before);
        QCOMPARE(after->settings().map.name(), std::string("gm-greedy"));
        QCOMPARE(browser.drumMap(), QStringLiteral("gm-greedy"));
        QCOMPARE(session.drumMapName(), QStringLiteral("gm-greedy"));
        QCOMPARE(browser.selectedFile(), file);  // the same file stays selected
        report = browser.selectedFileReport();
        QVERIFY(report.value("unmappedTotal").toInt() > 0);
        const QVariantList unmapped = report.value("unmapped").toList();
        QStringList notes;
        for (const QVariant& n : unmapped)
            notes << n.toMap().value("note").toString();
        QVERIFY2(notes.contains("26"), qPrintable(notes.join(",")));  // TD-11 open hi-hat edge
        QCOMPARE(unmapped.first().toMap().value("name").toString(), QStringLiteral("not a GM drum note"));
        const int unmappedCell = browser.fileTable()->data(browser.fileTable()->index(file, FileTableModel::Unmapped),
            FileTableModel::SortRole).toInt();
        QCOMPARE(unmappedCell, report.value("unmappedTotal").toInt());
        QCOMPARE(session.windowCount(), after->windowCount() - fileWindows(*after, 2));
        QCOMPARE(proxyState(browser, 2), int(Qt::Unchecked));
        Q_UNUSED(excludedWindows);

        // Grid: triplets, one bar per window.
        QVERIFY(browser.setImportOptions("gm-greedy", 12, 1));
        QVERIFY(waitImport(browser));
        QCOMPARE(browser.stepsPerBeat(), 12);
        QCOMPARE(browser.barsPerWindow(), 1);
        QVERIFY(session.windowCount() > 0);
        for (const DatasetWindow& w : session.dataset()->windows())
            QCOMPARE(w.groove.steps(), 48);

        // Invalid choices: refused with a reason; a bad JSON map: the import fails naming the file.
        QVERIFY(!browser.setImportOptions("gm", 5, 2));
        QVERIFY2(browser.statusText().contains("4 or 12"), qPrintable(browser.statusText()));
        QVERIFY(!browser.setImportOptions("gm", 4, 3));
        const QString badMap = dir.filePath("broken-map.json");
        QFile bad(badMap);
        QVERIFY(bad.open(QIODevice::WriteOnly) && bad.write("{\"voices\": [ {\"name\": 3 ") > 0);
        bad.close();
        const int windowsBefore = session.windowCount();
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.setImportOptions(QUrl::fromLocalFile(badMap).toString(), 12, 1));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(browser.statusText().contains("broken-map.json"), qPrintable(browser.statusText()));
        QCOMPARE(browser.drumMap(), QStringLiteral("gm-greedy"));  // back to what the data was made with
        QCOMPARE(session.windowCount(), windowsBefore);
    }

    // The project part "browser": saved with the project, restored on open, cleared by New.
    void projectPartSavesAndRestores()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(stage(dir));
        QTemporaryDir data;
        Project project(nullptr);
        project.setDataDir(data.path());
        const QString file = data.filePath("browser.gsproj");
        int expectedWindows = 0;
        {
            Session session(nullptr);
            DatasetBrowser browser(&session, nullptr);
            ProjectPart::add(&project, QStringLiteral("browser"), &browser, &browser);
            QVERIFY(project.hasPart("browser"));
            QVERIFY(browser.importPaths({dir.path()}));
            QVERIFY(waitImport(browser));
            QVERIFY(browser.setImportOptions("gm-greedy", 4, 2));
            QVERIFY(waitImport(browser));
            browser.setFileIncluded(0, false);
            expectedWindows = session.windowCount();
            const QJsonObject part = project.snapshot().value("browser").toObject();
            QCOMPARE(part.value("drumMap").toString(), QStringLiteral("gm-greedy"));
            QCOMPARE(part.value("include").toObject().value("excludedFiles").toArray().size(), 1);
            QSignalSpy saved(&project, &Project::saved);
            QVERIFY(project.saveAs(file));
            QVERIFY(saved.wait(10000));
        }
        QVERIFY(!project.hasPart("browser"));  // gone with its browser

        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
            ProjectPart::add(&project, QStringLiteral("browser"), &browser, &browser);
        QVERIFY(browser.importPaths({dir.path()}));
        QVERIFY(waitImport(browser));
        QCOMPARE(browser.drumMap(), QStringLiteral("groovae"));
        QSignalSpy opened(&project, &Project::opened);
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(project.open(file));
        QVERIFY(opened.wait(10000));
        QVERIFY(finished.count() == 1 || finished.wait(30000));  // the map differs: a re-import
        QCOMPARE(browser.drumMap(), QStringLiteral("gm-greedy"));
        QCOMPARE(session.windowCount(), expectedWindows);
        QVERIFY(browser.includedWindows() < browser.totalWindows());

        project.newProject();  // Null for every part: everything included again
        QCOMPARE(browser.includedWindows(), browser.totalWindows());
        QCOMPARE(session.windowCount(), browser.totalWindows());
    }
};

QTEST_GUILESS_MAIN(TstDatasetInclude)
#include "tst_datasetinclude.moc"
