// The browser's statistics (DatasetStatsModel) on real Groove MIDI Dataset
// files with their info.csv rows, checked against figures counted here
// independently from the Session's dataset and the csv.
#include "browser/datasetbrowser.h"
#include "browser/datasetstatsmodel.h"
#include "dataset/dataset.h"
#include "session.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <map>

using namespace gs;

namespace {
const char* const kFiles[] = {
    "drummer1/session1/1_funk_80_beat_4-4.mid",
    "drummer1/session1/102_funk_95_beat_4-4.mid",
    "drummer1/session1/100_neworleans-secondline_94_beat_4-4.mid",
    "drummer1/session1/101_dance-disco_120_beat_4-4.mid",
    "drummer1/session1/145_latin-brazilian-baiao_95_beat_4-4.mid",
};
} // namespace

class TstDatasetStats : public QObject {
    Q_OBJECT

private:
    // Copies the files with their folders and the csv header + their rows; returns style per file name.
    std::map<QString, QString> stage(const QTemporaryDir& dir)
    {
        std::map<QString, QString> styles;
        const auto csvPath = gs::test::sharedPath("gmd/info.csv");
        QFile csv(QString::fromStdString(csvPath.string()));
        if (csvPath.empty() || !csv.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n');
        QStringList out{lines.first()};
        const int styleColumn = int(lines.first().split(',').indexOf("style"));
        for (const char* rel : kFiles) {
            const QString relative = QString::fromLatin1(rel);
            const auto source = gs::test::sharedPath(std::string("gmd/") + rel);
            if (source.empty() || !QDir(dir.path()).mkpath(QFileInfo(relative).path())
                || !QFile::copy(QString::fromStdString(source.string()), dir.filePath(relative)))
                return {};
            for (const QString& line : lines)
                if (line.contains("," + relative + ",")) {
                    out << line;
                    styles[QFileInfo(relative).fileName()] = line.split(',')[styleColumn].split('/').first();
                }
        }
        QFile target(dir.filePath("info.csv"));
        if (!target.open(QIODevice::WriteOnly) || target.write(out.join('\n').toUtf8() + '\n') <= 0)
            return {};
        return styles;
    }

    static bool settle(DatasetStatsModel& stats)
    {
        QSignalSpy changed(&stats, &DatasetStatsModel::statsChanged);
        return !stats.busy() || changed.wait(20000);
    }

private Q_SLOTS:
    void chartsMatchIndependentCounts()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/info.csv");
        QTemporaryDir dir;
        const auto styles = stage(dir);
        QCOMPARE(int(styles.size()), int(std::size(kFiles)));

        Session session(nullptr);
        DatasetBrowser browser(&session, nullptr);
        DatasetStatsModel& stats = *browser.stats();
        QSignalSpy busy(&stats, &DatasetStatsModel::busyChanged);
        QSignalSpy changed(&stats, &DatasetStatsModel::statsChanged);
        QSignalSpy finished(&browser, &DatasetBrowser::importFinished);
        QVERIFY(browser.importPaths({dir.path()}));
        QVERIFY(finished.wait(30000));
        QVERIFY(settle(stats));
        QVERIFY(busy.count() >= 2);
        QVERIFY(changed.count() >= 1);

        const Dataset& data = *session.dataset();
        QVERIFY(data.windowCount() > 20);
        QCOMPARE(stats.windowCount(), data.windowCount());

        // Hits per voice = the sum of each voice's column of the hit planes.
        const int voices = data.voiceCount();
        std::vector<double> hits(std::size_t(voices), 0.0);
        long total = 0, early = 0;
        for (const DatasetWindow& w : data.windows())
            for (int step = 0; step < w.groove.steps(); ++step)
                for (int v = 0; v < voices; ++v) {
                    const std::size_t i = std::size_t(step) * std::size_t(voices) + std::size_t(v);
                    if (w.groove.hits()[i] > 0.5f) {
                        hits[std::size_t(v)] += 1;
                        ++total;
                        early += w.groove.offsets()[i] < 0.0f;
                    }
                }
        const QVariantList voiceHits = stats.voiceHits();
        QCOMPARE(voiceHits.size(), voices);
        for (int v = 0; v < voices; ++v)
            QCOMPARE(voiceHits[v].toDouble(), hits[std::size_t(v)]);
        QCOMPARE(stats.voiceNames().size(), voices);
        QCOMPARE(stats.hitCount(), double(total));

        // Windows per style = the csv's style of each window's file.
        std::map<QString, int> expected;
        for (const DatasetWindow& w : data.windows())
            ++expected[styles.at(QFileInfo(QString::fromStdString(data.files()[std::size_t(w.file)].path)).fileName())];
        QCOMPARE(expected.size(), std::size_t(4));  // funk, neworleans, dance, latin (from "latin/brazilian-baiao")
        const QStringList styleNames = stats.styles();
        const QVariantList styleCounts = stats.styleCounts();
        QCOMPARE(styleNames.size(), int(expected.size()));
        for (int i = 0; i < styleNames.size(); ++i)
            QCOMPARE(styleCounts[i].toInt(), expected.at(styleNames[i]));
        QCOMPARE(stats.maxStyleCount(), double(std::max_element(expected.begin(), expected.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; })->second));

        // Offsets: every hit in one bin; the early half holds exactly the hits with negative offsets.
        const QVariantList offsets = stats.offsetCounts();
        QCOMPARE(offsets.size(), int(DatasetStatsModel::kOffsetBins));
        QCOMPARE(stats.offsetLabels().size(), offsets.size());
        double sum = 0, lowHalf = 0;
        for (int b = 0; b < offsets.size(); ++b) {
            sum += offsets[b].toDouble();
            lowHalf += b < offsets.size() / 2 ? offsets[b].toDouble() : 0.0;
        }
        QCOMPARE(sum, double(total));
        QCOMPARE(lowHalf, double(early));
        QVERIFY(early > 0 && early < total);  // real playing is both ahead and behind the grid

        // Heat map: the kick's mean velocity on step 0, counted here; empty cells are -1.
        QCOMPARE(stats.heatSteps(), 32);
        QCOMPARE(stats.heatStepsPerBar(), 16);
        const QVariantList heat = stats.heatMeans();
        QCOMPARE(heat.size(), voices * 32);
        double velocity = 0;
        int kicks = 0;
        for (const DatasetWindow& w : data.windows())
            if (w.groove.hit(0, 0)) {
                velocity += w.groove.velocity(0, 0);
                ++kicks;
            }
        QVERIFY(kicks > 0);
        QVERIFY(qAbs(heat[0].toDouble() - velocity / kicks) < 1e-6);
        for (const QVariant& cell : heat)
            QVERIFY(cell.toDouble() == -1.0 || (cell.toDouble() >= 0.0 && cell.toDouble() <= 1.0));

        // The selected file alone.
        QSignalSpy fileOnly(&stats, &DatasetStatsModel::fileOnlyChanged);
        browser.selectFileRow(0);
        const int file = browser.selectedFile();
        QVERIFY(file >= 0);
        QVERIFY(settle(stats));
        QCOMPARE(stats.windowCount(), data.windowCount());  // scope still "all included"
        stats.setFileOnly(true);
        stats.setFileOnly(true);
        QCOMPARE(fileOnly.count(), 1);
        QVERIFY(settle(stats));
        int fileWindows = 0;
        for (const DatasetWindow& w : data.windows())
            fileWindows += w.file == file;
        QCOMPARE(stats.windowCount(), fileWindows);
        QVERIFY2(stats.scopeText().contains(QFileInfo(QString::fromStdString(data.files()[std::size_t(file)].path)).fileName()),
            qPrintable(stats.scopeText()));

        // Excluding a file changes the "included" figures; the file scope is unaffected.
        stats.setFileOnly(false);
        QVERIFY(settle(stats));
        browser.setFileIncluded(file, false);
        QVERIFY(settle(stats));
        QCOMPARE(stats.windowCount(), data.windowCount() - fileWindows);
        QCOMPARE(stats.windowCount(), session.windowCount());
    }
};

QTEST_GUILESS_MAIN(TstDatasetStats)
#include "tst_datasetstats.moc"
