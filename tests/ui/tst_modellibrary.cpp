// ModelLibraryModel on real files: the bundled models with their stored
// figures (compared with what `groovescape-cli inspect --json` prints), and a
// tiny model trained on a few Groove MIDI Dataset files in a temporary folder:
// evaluate (figures stored in the file), open, rename (and a clash), export,
// sort, delete; a corrupt file listed with its reason.
#include "model/model.h"
#include "modellibrarymodel.h"
#include "session.h"
#include "tinymodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace gs;

namespace {

QJsonObject inspectJson(const QString& path)
{
    QProcess cli;
    cli.start(QStringLiteral(GS_CLI_PATH), {QStringLiteral("inspect"), path, QStringLiteral("--json")});
    if (!cli.waitForFinished(60000) || cli.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestModelLibrary : public QObject {
    Q_OBJECT

    Session m_session{nullptr};

    static QVariant role(const ModelLibraryModel& m, int row, int role) { return m.data(m.index(row), role); }

private Q_SLOTS:
    void initTestCase() { Session::setInstance(&m_session); }
    void cleanupTestCase() { Session::setInstance(nullptr); }

    void listsTheBundledModelsWithTheirStoredFigures()
    {
        const QString bundled = QString::fromStdString((test::sourceDir() / "models").string());
        QTemporaryDir empty;
        ModelLibraryModel library;
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&library, &ModelLibraryModel::refreshed);
        QSignalSpy folder(&library, &ModelLibraryModel::folderChanged);
        QSignalSpy count(&library, &ModelLibraryModel::countChanged);
        QSignalSpy busy(&library, &ModelLibraryModel::busyChanged);
        QSignalSpy message(&library, &ModelLibraryModel::messageChanged);
        library.setFolder(empty.path());
        library.setBundledFolder(bundled);
        QVERIFY(folder.count() >= 1);  // the bundled folder may already be the default
        QVERIFY(library.busy());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && !library.busy(), 60000);
        QVERIFY(busy.count() >= 2);
        QVERIFY(count.count() >= 1);
        const int files = int(QDir(bundled).entryList({QStringLiteral("*.gsmodel")}, QDir::Files).size());
        QVERIFY(files >= 2);
        QCOMPARE(library.count(), files);

        const int row = library.rowOf(QDir(bundled).filePath(QStringLiteral("rhythmvae-2d.gsmodel")));
        QVERIFY(row >= 0);
        QCOMPARE(role(library, row, ModelLibraryModel::BundledRole).toBool(), true);
        QCOMPARE(role(library, row, ModelLibraryModel::ErrorRole).toString(), QString());
        QCOMPARE(role(library, row, ModelLibraryModel::TypeRole).toString(), QStringLiteral("rhythmvae"));
        QCOMPARE(role(library, row, ModelLibraryModel::LatentRole).toInt(), 2);
        // The figures the command line reads from the same file.
        const QJsonObject cli = inspectJson(role(library, row, ModelLibraryModel::PathRole).toString());
        QVERIFY2(!cli.isEmpty(), "groovescape-cli inspect failed");
        const double cliF1 = cli.value("metrics").toObject().value("hit_f1").toDouble(-1);
        QVERIFY(cliF1 > 0.0 && cliF1 < 1.0);
        QCOMPARE(role(library, row, ModelLibraryModel::HitF1Role).toDouble(), cliF1);
        QCOMPARE(role(library, row, ModelLibraryModel::SmoothnessMeanRole).toDouble(),
                 cli.value("metrics").toObject().value("smoothness_mean").toDouble());
        QCOMPARE(role(library, row, ModelLibraryModel::DensityCorrelationRole).toDouble(),
                 cli.value("metrics").toObject().value("attribute_correlation_density").toDouble());
        QCOMPARE(role(library, row, ModelLibraryModel::HasEvaluationRole).toBool(), true);
        const QJsonObject dataset = cli.value("dataset").toObject();
        QCOMPARE(role(library, row, ModelLibraryModel::DatasetRole).toString(), dataset.value("name").toString());
        QCOMPARE(role(library, row, ModelLibraryModel::TrainWindowsRole).toInt(), dataset.value("train_windows").toInt());
        QCOMPARE(role(library, row, ModelLibraryModel::StyleCountRole).toInt(), dataset.value("styles").toObject().size());
        QVERIFY(role(library, row, ModelLibraryModel::StylesRole).toString().startsWith(QStringLiteral("rock ")));
        QCOMPARE(role(library, row, ModelLibraryModel::EpochsRole).toInt(),
                 cli.value("history").toObject().value("epochs").toInt());
        QVERIFY(role(library, row, ModelLibraryModel::TrainingSecondsRole).toDouble() > 0.0);

        // Bundled models are read-only.
        QVERIFY(!library.remove(row));
        QVERIFY(library.message().contains(QStringLiteral("bundled")));
        QVERIFY(!library.rename(row, QStringLiteral("mine")));
        QVERIFY(!library.evaluate(row));
        QVERIFY(message.count() >= 1);
        QVERIFY(QFileInfo::exists(role(library, row, ModelLibraryModel::PathRole).toString()));
    }

    void operationsOnARealTrainedModel()
    {
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY2(dataset, "could not import the GMD files (is ../shared/data there?)");
        m_session.setDataset(dataset, QStringLiteral("tiny GMD"));
        std::shared_ptr<Model> tiny = test::tinyModel(*dataset, 2);
        QVERIFY(tiny);
        QTemporaryDir dir, elsewhere;
        const QString tinyPath = dir.filePath(QStringLiteral("tiny.gsm"));
        QVERIFY(tiny->save(tinyPath.toStdString()).ok());
        QFile junk(dir.filePath(QStringLiteral("broken.gsm")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a model");
        junk.close();

        ModelLibraryModel library;
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&library, &ModelLibraryModel::refreshed);
        QSignalSpy evaluatingSpy(&library, &ModelLibraryModel::evaluatingChanged);
        QSignalSpy evaluated(&library, &ModelLibraryModel::evaluated);
        QSignalSpy opened(&library, &ModelLibraryModel::opened);
        QSignalSpy renamed(&library, &ModelLibraryModel::renamed);
        QSignalSpy exported(&library, &ModelLibraryModel::exported);
        QSignalSpy removed(&library, &ModelLibraryModel::removed);
        QSignalSpy sort(&library, &ModelLibraryModel::sortChanged);
        QSignalSpy count(&library, &ModelLibraryModel::countChanged);
        library.setBundledFolder(QString());
        library.setFolder(dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(!library.busy() && library.count() == 2, 30000);
        int good = library.rowOf(tinyPath);
        const int broken = library.rowOf(dir.filePath(QStringLiteral("broken.gsm")));
        QVERIFY(good >= 0 && broken >= 0);
        QVERIFY(!role(library, broken, ModelLibraryModel::ErrorRole).toString().isEmpty());
        QCOMPARE(role(library, good, ModelLibraryModel::BundledRole).toBool(), false);
        QCOMPARE(role(library, good, ModelLibraryModel::EpochsRole).toInt(), 2);
        QCOMPARE(role(library, good, ModelLibraryModel::DatasetRole).toString(), QStringLiteral("tiny"));
        QCOMPARE(role(library, good, ModelLibraryModel::TrainWindowsRole).toInt(), int(tiny->datasetSummary().trainWindows));
        QCOMPARE(role(library, good, ModelLibraryModel::HasEvaluationRole).toBool(), false);
        QVERIFY(!role(library, good, ModelLibraryModel::HitF1Role).isValid());

        // Evaluate: in the background, stored in the file, the row updated.
        QVERIFY(library.evaluate(good));
        QVERIFY(library.evaluating());
        QVERIFY(!library.evaluate(good));  // one at a time
        QVERIFY(!library.remove(good));  // not while it is being evaluated
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(evaluated.at(0).at(1).toBool(), true);
        QVERIFY(!library.evaluating());
        QCOMPARE(evaluatingSpy.count(), 2);
        good = library.rowOf(tinyPath);
        const double f1 = role(library, good, ModelLibraryModel::HitF1Role).toDouble();
        QVERIFY(f1 > 0.0 && f1 <= 1.0);
        QVERIFY(role(library, good, ModelLibraryModel::SmoothnessMeanRole).isValid());
        Result<Model> stored = Model::load(tinyPath.toStdString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->metrics().at("hit_f1"), f1);
        QVERIFY(stored->metrics().at("windows") >= 2);
        QVERIFY(library.message().contains(QStringLiteral("F1")));

        // Open: the session's model; a broken file leaves it alone and says why.
        QSignalSpy sessionModel(&m_session, &Session::modelChanged);
        library.open(good);
        QVERIFY(opened.wait(30000));
        QCOMPARE(sessionModel.count(), 1);
        QCOMPARE(m_session.modelName(), QStringLiteral("tiny"));
        library.open(library.rowOf(dir.filePath(QStringLiteral("broken.gsm"))));
        QTRY_VERIFY_WITH_TIMEOUT(!library.busy(), 30000);
        QVERIFY(library.message().contains(QStringLiteral("broken.gsm")));
        QCOMPARE(sessionModel.count(), 1);

        // Rename: a clash is refused and nothing moves; then a real rename.
        QVERIFY(!library.rename(good, QStringLiteral("../escape")));
        QVERIFY(library.rename(good, QStringLiteral("broken")));
        QVERIFY(renamed.wait(30000));
        QCOMPARE(renamed.at(0).at(2).toBool(), false);
        QVERIFY(library.message().contains(QStringLiteral("already exists")));
        QVERIFY(QFileInfo::exists(tinyPath));
        QCOMPARE(fileBytes(dir.filePath(QStringLiteral("broken.gsm"))), QByteArray("not a model"));
        QVERIFY(library.rename(good, QStringLiteral("my groove model")));
        QVERIFY(renamed.wait(30000));
        QCOMPARE(renamed.at(1).at(2).toBool(), true);
        const QString renamedPath = dir.filePath(QStringLiteral("my groove model.gsm"));
        QVERIFY(QFileInfo::exists(renamedPath));
        QVERIFY(!QFileInfo::exists(tinyPath));
        good = library.rowOf(renamedPath);
        QVERIFY(good >= 0);
        QCOMPARE(role(library, good, ModelLibraryModel::NameRole).toString(), QStringLiteral("my groove model"));

        // Export: a byte-identical copy that loads; a folder that is not there fails with a reason.
        const QString copy = elsewhere.filePath(QStringLiteral("copy.gsm"));
        QVERIFY(library.exportTo(good, QUrl::fromLocalFile(copy).toString()));
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.at(0).at(1).toBool(), true);
        QCOMPARE(fileBytes(copy), fileBytes(renamedPath));
        QVERIFY(Model::load(copy.toStdString()).ok());
        QVERIFY(library.exportTo(good, elsewhere.filePath(QStringLiteral("missing/folder/copy.gsm"))));
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.at(1).at(1).toBool(), false);
        QVERIFY(library.message().contains(QStringLiteral("missing/folder")));
        QVERIFY(!library.exportTo(good, renamedPath));  // not onto itself

        // Sort: evaluated models first by F1, a file without figures last; by name.
        library.sortBy(QStringLiteral("hitF1"), false);
        QCOMPARE(sort.count(), 1);
        QCOMPARE(role(library, 0, ModelLibraryModel::NameRole).toString(), QStringLiteral("my groove model"));
        library.sortBy(QStringLiteral("name"), true);
        QCOMPARE(role(library, 0, ModelLibraryModel::NameRole).toString(), QStringLiteral("broken"));
        library.sortBy(QStringLiteral("name"), false);
        QCOMPARE(role(library, 0, ModelLibraryModel::NameRole).toString(), QStringLiteral("my groove model"));
        library.sortBy(QStringLiteral("nonsense"), true);
        QCOMPARE(sort.count(), 3);

        // Delete.
        const int before = count.count();
        QVERIFY(library.remove(library.rowOf(dir.filePath(QStringLiteral("broken.gsm")))));
        QVERIFY(removed.wait(30000));
        QCOMPARE(removed.at(0).at(1).toBool(), true);
        QCOMPARE(library.count(), 1);
        QVERIFY(count.count() > before);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("broken.gsm"))));

        // reload() adds a file that appeared (a model just trained).
        QVERIFY(tiny->save(dir.filePath(QStringLiteral("second.gsm")).toStdString()).ok());
        library.reload(dir.filePath(QStringLiteral("second.gsm")));
        QTRY_COMPARE_WITH_TIMEOUT(library.count(), 2, 30000);
        QVERIFY(refreshed.count() >= 1);
    }

    void evaluateWithoutADatasetSaysWhy()
    {
        m_session.setDataset(nullptr, QString());
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY(dataset);
        std::shared_ptr<Model> tiny = test::tinyModel(*dataset, 2);
        QVERIFY(tiny);
        QTemporaryDir dir;
        QVERIFY(tiny->save(dir.filePath(QStringLiteral("t.gsm")).toStdString()).ok());
        ModelLibraryModel library;
        library.setBundledFolder(QString());
        library.setFolder(dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(!library.busy() && library.count() == 1, 30000);
        QVERIFY(!library.evaluate(0));
        QVERIFY(library.message().contains(QStringLiteral("dataset")));
    }
};

QTEST_MAIN(TestModelLibrary)
#include "tst_modellibrary.moc"
