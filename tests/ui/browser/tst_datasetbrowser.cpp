// DatasetBrowser on real Groove MIDI Dataset files: background import with
// progress, failures with reasons, the sortable/filterable file table, the
// window list, a window reaching the drum grid (Session's groove), and adding files to a loaded dataset.
#include "browser/datasetbrowser.h"
#include "dataset/dataset.h"
#include "dataset/datasetfile.h"
#include "browser/filetablemodel.h"
#include "session.h"
#include "testdata.h"
#include "browser/windowlistmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

namespace {
// Each file goes into a folder named after its style: without an info.csv the
// importer takes the style from the parent folder's name.
struct StagedFile {
    const char* style;
    const char* path;
};
const StagedFile kFiles[] = {
    {"funk", "drummer1/session1/1_funk_80_beat_4-4.mid"},
    {"funk", "drummer1/session1/102_funk_95_beat_4-4.mid"},
    {"neworleans", "drummer1/session1/100_neworleans-secondline_94_beat_4-4.mid"},
    {"dance", "drummer1/session1/101_dance-disco_120_beat_4-4.mid"},
};
} // namespace

class TstDatasetBrowser : public QObject {
    Q_OBJECT

private:
    // Copies the real files (and a file that is not MIDI) into `dir`.
    bool stageFiles(const QTemporaryDir& dir)
    {
        for (const StagedFile& file : kFiles) {
            const auto source = gs::test::sharedPath(std::string("gmd/") + file.path);
            if (source.empty() || !QDir(dir.path()).mkpath(QString::fromLatin1(file.style)))
                return false;
            const QString target = QDir(dir.filePath(QString::fromLatin1(file.style)))
                                       .filePath(QFileInfo(QString::fromLatin1(file.path)).fileName());
            if (!QFile::copy(QString::fromStdString(source.string()), target))
                return false;
        }
        QFile bad(dir.filePath("not-midi.mid"));
        return bad.open(QIODevice::WriteOnly) && bad.write("this is a text file, not a MIDI file\n") > 0;
    }

    bool importAndWait(DatasetBrowser& browser, const QStringList& paths)
    {
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        if (!browser.importPaths(paths))
            return false;
        return finished.wait(30000) && finished.count() == 1;
    }

private Q_SLOTS:
    void importsRealFilesInTheBackground()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(stageFiles(dir));

        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        auto* table = qobject_cast<FileTableModel*>(browser.files()->sourceModel());
        QVERIFY(table);
        QAbstractItemModelTester tableTester(table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(browser.files(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester windowTester(browser.windows(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy busy(&browser, &DatasetBrowser::busyChanged);
        QSignalSpy status(&browser, &DatasetBrowser::statusChanged);
        QSignalSpy progress(&browser, &DatasetBrowser::progressChanged);
        QSignalSpy datasetChanged(&session, &Session::datasetChanged);

        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.importPaths({QUrl::fromLocalFile(dir.path()).toString()}));  // a file:// URL, as a drop gives
        QVERIFY(browser.busy());
        QVERIFY(!browser.importPaths({dir.path()}));  // one import at a time
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(!browser.busy());
        QCOMPARE(busy.count(), 2);
        QVERIFY(status.count() >= 2);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(browser.filesDone(), 5);
        QCOMPARE(browser.filesTotal(), 5);
        QCOMPARE(datasetChanged.count(), 1);

        // Four real files and one failure, listed with its reason.
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(table->columnCount(), int(FileTableModel::ColumnCount));
        QCOMPARE(browser.failures().size(), 1);
        QVERIFY2(browser.failures().first().startsWith("not-midi.mid: "), qPrintable(browser.failures().first()));
        QVERIFY(browser.failures().first().size() > QStringLiteral("not-midi.mid: ").size());
        QVERIFY(session.windowCount() > 10);
        QCOMPARE(table->headerData(FileTableModel::Windows, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Windows"));
        // The failed file shows no made-up tempo or meter, only why it failed.
        for (int r = 0; r < table->rowCount(); ++r) {
            if (!table->data(table->index(r, 0), FileTableModel::FailedRole).toBool())
                continue;
            QCOMPARE(table->data(table->index(r, FileTableModel::Tempo), Qt::DisplayRole).toString(), QStringLiteral("—"));
            QCOMPARE(table->data(table->index(r, FileTableModel::MeterColumn), Qt::DisplayRole).toString(), QStringLiteral("—"));
            QVERIFY(!table->data(table->index(r, FileTableModel::Status), Qt::DisplayRole).toString().isEmpty());
        }

        // Styles come from the folder names; the two funk files say funk.
        int funkRows = 0;
        for (int r = 0; r < table->rowCount(); ++r)
            funkRows += table->data(table->index(r, FileTableModel::Style), Qt::DisplayRole).toString() == "funk";
        QCOMPARE(funkRows, 2);

        // Filter box: matches any column.
        QSignalSpy filterSpy(&browser, &DatasetBrowser::filterTextChanged);
        browser.setFilterText("FUNK");
        QCOMPARE(filterSpy.count(), 1);
        QCOMPARE(browser.files()->rowCount(), 2);
        browser.setFilterText("disco");
        QCOMPARE(browser.files()->rowCount(), 1);
        browser.setFilterText("");
        QCOMPARE(browser.files()->rowCount(), 5);

        // Sorting by the raw value: windows descending puts the longest file first.
        browser.sortBy(FileTableModel::Windows, false);
        int previous = INT_MAX;
        for (int r = 0; r < browser.files()->rowCount(); ++r) {
            const int windows = browser.files()->data(browser.files()->index(r, FileTableModel::Windows),
                FileTableModel::SortRole).toInt();
            QVERIFY(windows <= previous);
            previous = windows;
        }

        // Select the top file: its windows are listed; choose one: it goes on the grid.
        QSignalSpy selected(&browser, &DatasetBrowser::selectedFileChanged);
        browser.selectFileRow(0);
        QCOMPARE(selected.count(), 1);
        const int fileIndex = browser.selectedFile();
        QVERIFY(fileIndex >= 0);
        const int windowRows = browser.windows()->rowCount();
        QCOMPARE(windowRows, session.dataset()->files()[std::size_t(fileIndex)].windowsKept);
        QVERIFY(windowRows > 0);
        QSignalSpy grooveSpy(&session, &Session::grooveChanged);
        browser.selectWindowRow(windowRows - 1);
        QCOMPARE(grooveSpy.count(), 1);
        const int windowIndex = browser.windows()->windowIndex(windowRows - 1);
        QCOMPARE(session.currentWindow(), windowIndex);
        QVERIFY(session.groove().sameAs(session.dataset()->windows()[std::size_t(windowIndex)].groove));
        QVERIFY(session.hitCount() >= 6);
        QVERIFY(browser.windows()->data(browser.windows()->index(0), Qt::DisplayRole).toString().startsWith("Bars "));
    }

    void opensADatasetFileAndReportsBadPaths()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(stageFiles(dir));
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QVERIFY(importAndWait(browser, {dir.path()}));
        const int windows = session.windowCount();
        const QString gsd = dir.filePath("saved.gsd");
        QVERIFY(DatasetFile::save(*session.dataset(), gsd.toStdString()).ok());

        Session other(nullptr);
        DatasetBrowser reopen(&other, nullptr);
        QVERIFY(importAndWait(reopen, {gsd}));
        QCOMPARE(other.windowCount(), windows);
        QCOMPARE(other.datasetName(), QStringLiteral("saved.gsd"));

        // A path that does not exist: a clear status naming it, the old dataset kept.
        QVERIFY(importAndWait(reopen, {dir.filePath("missing-folder")}));
        QVERIFY2(reopen.statusText().contains("missing-folder"), qPrintable(reopen.statusText()));
        QCOMPARE(other.windowCount(), windows);
    }

    // "Add to dataset": the new files join the loaded ones (same settings, windows pointing at the
    // right files), a file already in it is skipped, a .gsd cannot be added; without a dataset it imports.
    void addsFilesToTheLoadedDataset()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1/session1");
        QTemporaryDir dir;
        QVERIFY(stageFiles(dir));
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QVERIFY(importAndWait(browser, {dir.filePath("funk")}));
        const auto first = session.dataset();
        QCOMPARE(int(first->files().size()), 2);
        const int funkWindows = first->windowCount();
        QVERIFY(funkWindows > 0);

        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.addPaths({dir.filePath("dance"), dir.filePath("funk/1_funk_80_beat_4-4.mid")}));
        QVERIFY(finished.wait(30000));
        const auto merged = session.dataset();
        QCOMPARE(int(merged->files().size()), 3);  // the funk file was there already
        QVERIFY(merged->windowCount() > funkWindows);
        QVERIFY(merged->settings() == first->settings());
        QCOMPARE(session.datasetName(), QStringLiteral("funk"));
        for (const DatasetWindow& w : merged->windows()) {
            QVERIFY(w.file >= 0 && w.file < 3);
            QCOMPARE(QString::fromStdString(w.style), QString::fromStdString(merged->files()[std::size_t(w.file)].style));
        }
        QVERIFY(QString::fromStdString(merged->files()[2].path).endsWith("101_dance-disco_120_beat_4-4.mid"));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(merged->files()[std::size_t(i)].path, first->files()[std::size_t(i)].path);

        QVERIFY(!browser.addPaths({dir.filePath("saved.gsd")}));
        QVERIFY2(browser.statusText().contains("saved.gsd"), qPrintable(browser.statusText()));
        QCOMPARE(session.dataset()->files().size(), std::size_t(3));

        Session empty(nullptr);
        DatasetBrowser fresh(&empty, nullptr);
        QSignalSpy freshFinished(&fresh, &DatasetBrowser::importFinished);
        QVERIFY(fresh.addPaths({dir.filePath("dance")}));
        QVERIFY(freshFinished.wait(30000));
        QCOMPARE(empty.dataset()->files().size(), std::size_t(1));
    }

    // OpenMSX songs (full arrangements): the table counts the notes of other channels per file, and
    // another drum channel can be chosen for the import or for one file (both re-import).
    void songsShowTheirOtherChannelsAndTakeAChosenDrumChannel()
    {
        GS_REQUIRE_SHARED(songs, "openmsx");
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QSignalSpy options(&browser, &DatasetBrowser::importOptionsChanged);
        QVERIFY(importAndWait(browser, {QString::fromStdString(songs.string())}));
        FileTableModel* table = browser.fileTable();
        QAbstractItemModelTester tester(table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(browser.drumChannel(), 10);
        QCOMPARE(table->headerData(FileTableModel::OtherChannels, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Other ch."));
        int chemistry = -1;
        for (int r = 0; r < table->rowCount(); ++r) {
            QVERIFY(table->data(table->index(r, FileTableModel::OtherChannels), FileTableModel::SortRole).toInt() > 0);
            if (table->data(table->index(r, FileTableModel::Name), Qt::DisplayRole).toString() == "chemistry_lab.mid")
                chemistry = r;
        }
        QVERIFY(chemistry >= 0);
        QCOMPARE(table->data(table->index(chemistry, FileTableModel::OtherChannels), Qt::DisplayRole).toInt(), 1310);
        QVERIFY(table->data(table->index(chemistry, FileTableModel::OtherChannels), Qt::ToolTipRole)
                    .toString().contains("channel 12"));
        browser.selectFileRow(browser.files()->mapFromSource(table->index(chemistry, 0)).row());
        QVariantMap report = browser.selectedFileReport();
        QCOMPARE(report["drumChannel"].toInt(), 10);
        QCOMPARE(report["otherChannelNotes"].toInt(), 1310);
        QCOMPARE(report["otherChannels"].toList().size(), 6);

        // One file: channel 12 read as its drums; the other songs keep channel 10.
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        const int fileIndex = report["fileIndex"].toInt();
        options.clear();
        QVERIFY(browser.setFileDrumChannel(fileIndex, 12));
        QCOMPARE(options.count(), 1);
        QVERIFY(finished.wait(30000));
        const auto dataset = browser.fullDataset();
        QCOMPARE(dataset->files()[std::size_t(fileIndex)].drumChannel, 12);
        QCOMPARE(dataset->files()[std::size_t(fileIndex)].status, FileStatus::Ok);
        QCOMPARE(dataset->fileCount(FileStatus::NoDrums), 0);
        QCOMPARE(dataset->files()[0].drumChannel, 10);
        QCOMPARE(browser.selectedFileReport()["drumChannel"].toInt(), 12);  // the selection survives the re-import

        // Every file: the saved project state carries the choice; a bad channel is refused with a reason.
        QVERIFY(!browser.setDrumChannel(17));
        QVERIFY(browser.statusText().contains("1 to 16"));
        QVERIFY(!browser.saveState().contains("drumChannel"));  // the default is not written
        finished.clear();
        QVERIFY(browser.setDrumChannel(1));
        QVERIFY(finished.wait(30000));
        QCOMPARE(browser.drumChannel(), 1);
        QCOMPARE(browser.saveState()["drumChannel"].toInt(), 1);
        QCOMPARE(browser.fullDataset()->settings().drumChannel, 1);
    }

    // Files handed to the app at start (`groovescape song.gsd`) while the browser is still importing the
    // demo on its own: they replace that import instead of being dropped (they were, silently).
    void filesHandedInWhileBusyReplaceTheRunningImport()
    {
        GS_REQUIRE_SHARED(gmd, "gmd");
        QTemporaryDir dir;
        QVERIFY(stageFiles(dir));
        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.importPaths({QString::fromStdString(gmd.string())}));  // 1,150 files: still running
        QVERIFY(browser.busy());
        QVERIFY(!browser.importPaths({dir.path()}));  // what importPaths alone does while busy
        browser.importReplacing({dir.path()});
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
        QVERIFY(!browser.busy());
        QCOMPARE(session.datasetName(), QFileInfo(dir.path()).fileName());
        QCOMPARE(int(session.dataset()->files().size()), int(std::size(kFiles)) + 1);  // and not-midi.mid, failed
    }

    void destroyingWhileImportingCancelsCleanly()
    {
        GS_REQUIRE_SHARED(gmd, "gmd");
        Session session(nullptr);
        {
            DatasetBrowser browser(&session, nullptr);
            QVERIFY(browser.importPaths({QString::fromStdString(gmd.string())}));
            browser.cancel();
        }  // the destructor waits for the worker; nothing may reach the dead browser
        QCoreApplication::processEvents();
        QVERIFY(!session.hasDataset());
    }
};

QTEST_GUILESS_MAIN(TstDatasetBrowser)
#include "tst_datasetbrowser.moc"
