// ModelLibraryModel on real files: the bundled models with their stored
// figures (compared with what `groovescape-cli inspect --json` prints), and a
// tiny model trained on a few Groove MIDI Dataset files in a temporary folder:
// evaluate (figures stored in the file), open, rename (and a clash), export,
// sort, delete; a corrupt file listed with its reason.
#include "dataset/importer.h"
#include "latent/features.h"
#include "model/model.h"
#include "model/modelheader.h"
#include "training/modelentry.h"
#include "training/modeleval.h"
#include "training/modellibrarymodel.h"
#include "session.h"
#include "tinymodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
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

    // The library's feature comparison after Evaluate, checked against the dataset and the stored file.
    static void checkFeatureComparison(const ModelLibraryModel& library, const Dataset& dataset, const Model& stored,
                                       const QString& path)
    {
        QCOMPARE(library.featureComparisonPath(), path);
        const QVariantMap c = library.featureComparison();
        QCOMPARE(c.value("windows").toInt(), 81);
        QCOMPARE(c.value("steps").toInt(), 32);
        QCOMPARE(c.value("voices").toInt(), 9);
        QCOMPARE(c.value("stepsPerBar").toInt(), 16);
        const QStringList names = c.value("names").toStringList();
        QCOMPARE(names.size(), 9 + 10);
        QCOMPARE(names.first(), QStringLiteral("hits_kick"));
        QCOMPARE(c.value("voiceNames").toStringList().first(), QStringLiteral("Kick"));

        // The real heat map is the validation windows' own (computed here independently).
        const std::vector<Groove> windows = validationWindows(dataset, stored.config());
        const VelocityHeatMap heat = velocityHeatMap(windows);
        const QVariantList realMean = c.value("real").toMap().value("heatMean").toList();
        const QVariantList realRate = c.value("real").toMap().value("heatRate").toList();
        QCOMPARE(realMean.size(), 32 * 9);
        for (int i = 0; i < realMean.size(); ++i) {
            QCOMPARE(realMean[i].toDouble(), heat.meanVelocity[std::size_t(i)]);
            QCOMPARE(realRate[i].toDouble(), heat.hitRate[std::size_t(i)]);
        }
        QVERIFY(heat.hitRate[0] > 0.5);  // kick on the first downbeat in most beats

        for (const char* source : {"prior", "reconstruction"}) {
            const QVariantMap set = c.value(QString::fromLatin1(source)).toMap();
            const QVariantList features = set.value("features").toList();
            QCOMPARE(features.size(), names.size());
            QCOMPARE(set.value("heatMean").toList().size(), 32 * 9);
            for (int f = 0; f < features.size(); ++f) {
                const QVariantMap d = features[f].toMap();
                QCOMPARE(d.value("name").toString(), names[f]);
                const double overlap = d.value("overlap").toDouble(), kl = d.value("kl").toDouble();
                QVERIFY(overlap >= 0.0 && overlap <= 1.0 + 1e-9);
                QVERIFY(std::isfinite(kl) && kl >= 0.0);
                QCOMPARE(d.value("real").toList().size(), kFeatureBins);
                double share = 0.0;
                for (const QVariant& v : d.value("real").toList())
                    share += v.toDouble();
                QVERIFY(std::abs(share - 1.0) < 1e-9);
                // Stored in the file as the overall overlaps.
                const std::string key = std::string(QByteArray(source) == "prior" ? "feature_overlap_"
                                                                                  : "feature_recon_overlap_")
                    + names[f].toStdString();
                QCOMPARE(stored.metrics().at(key), overlap);
            }
            // The real means are the windows' own whichever generated set.
            const QVariantMap density = features[names.indexOf(QStringLiteral("density"))].toMap();
            double hits = 0;
            for (const Groove& g : windows)
                hits += g.hitCount();
            QVERIFY(std::abs(density.value("realMean").toDouble() - hits / (32.0 * double(windows.size()))) < 1e-9);
        }
        // A model that reconstructs with F1 above 0.3 shares much of the real density distribution.
        const QVariantList recon = c.value("reconstruction").toMap().value("features").toList();
        QVERIFY(recon[names.indexOf(QStringLiteral("density"))].toMap().value("overlap").toDouble() > 0.2);

        // Per style (reconstructions keep their window's style; prior samples have none): the counts add up.
        QVERIFY(c.value("prior").toMap().value("styles").toList().isEmpty());
        const std::vector<std::string> styles = validationStyles(dataset, stored.config());
        std::map<std::string, int> counts;
        for (const std::string& s : styles)
            if (!s.empty())
                ++counts[s];
        const QVariantList perStyle = c.value("reconstruction").toMap().value("styles").toList();
        QCOMPARE(perStyle.size(), int(counts.size()));
        QVERIFY(!perStyle.isEmpty());
        for (const QVariant& v : perStyle) {
            const QVariantMap style = v.toMap();
            QCOMPARE(style.value("real").toInt(), counts[style.value("style").toString().toStdString()]);
            QCOMPARE(style.value("generated").toInt(), style.value("real").toInt());
        }
        // The evaluation role carries the stored overlaps for the table.
        const int row = library.rowOf(path);
        const QVariantMap evaluation = library.data(library.index(row), ModelLibraryModel::EvaluationRole).toMap();
        QCOMPARE(evaluation.value("feature_overlap_density").toDouble(), stored.metrics().at("feature_overlap_density"));
    }

private Q_SLOTS:

    void listsTheBundledModelsWithTheirStoredFigures()
    {
        const QString bundled = QString::fromStdString((test::sourceDir() / "models").string());
        QTemporaryDir empty;
        ModelLibraryModel library(&m_session);
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

    // The list reads each file's header and metadata only: the same row as a full load, without
    // the weights. (Times are printed for the record, never compared.)
    void theListReadsHeadersNotWeights()
    {
        const QDir bundled(QString::fromStdString((test::sourceDir() / "models").string()));
        qint64 loadNs = 0, headerNs = 0;
        for (const QString& file : bundled.entryList({QStringLiteral("*.gsmodel")}, QDir::Files)) {
            const QString path = bundled.filePath(file);
            QElapsedTimer timer;
            timer.start();
            Result<Model> model = Model::load(path.toStdString());
            loadNs += timer.nsecsElapsed();
            QVERIFY(model.ok());
            const ModelEntry full = ModelEntry::fromModel(model.value(), path, true);
            timer.restart();
            const ModelEntry listed = ModelEntry::read(path, true);
            headerNs += timer.nsecsElapsed();
            QCOMPARE(listed.error, QString());
            QCOMPARE(listed.type, full.type);
            QCOMPARE(listed.latent, full.latent);
            QCOMPARE(listed.hidden, full.hidden);
            if (listed.type == QStringLiteral("transformer"))  // its width is d_model, not the unused dense width
                QCOMPARE(listed.hidden, model->config().transformer.encoderDModel);
            QCOMPARE(listed.mapAxes, file == QStringLiteral("map-2d-density-velocity.gsmodel"));
            QCOMPARE(listed.parameters, full.parameters);
            QCOMPARE(listed.datasetName, full.datasetName);
            QCOMPARE(listed.trainWindows, full.trainWindows);
            QCOMPARE(listed.styles, full.styles);
            QCOMPARE(listed.epochs, full.epochs);
            QCOMPARE(listed.validationLoss, full.validationLoss);
            QCOMPARE(listed.evaluation, full.evaluation);
            QVERIFY(!listed.evaluation.isEmpty());
            Result<ModelHeader> header = readModelHeader(path.toStdString());
            QVERIFY(header.ok());
            QCOMPARE(header->hasOptimizerState, model->hasOptimizerState());
            QCOMPARE(header->fileBytes, std::uint64_t(QFileInfo(path).size()));
        }
        qInfo("bundled models: full load %.1f ms, header read %.1f ms", loadNs / 1e6, headerNs / 1e6);

        // Damage before the weights is still reported; a foreign file by its magic.
        QTemporaryDir dir;
        const QByteArray bytes = fileBytes(bundled.filePath(QStringLiteral("recurrent-32d-flat.gsmodel")));
        QVERIFY(bytes.size() > 1000);
        QFile cut(dir.filePath(QStringLiteral("cut.gsm")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 2));
        cut.close();
        const ModelEntry truncated = ModelEntry::read(cut.fileName(), false);
        QVERIFY2(truncated.error.contains(QStringLiteral("truncated")), qPrintable(truncated.error));
        QFile foreign(dir.filePath(QStringLiteral("foreign.gsm")));
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.write("MThd\0\0\0\x06 not a model at all, but long enough for a header");
        foreign.close();
        const ModelEntry wrong = ModelEntry::read(foreign.fileName(), false);
        QVERIFY2(wrong.error.contains(QStringLiteral("magic")), qPrintable(wrong.error));
        QFile meta(dir.filePath(QStringLiteral("meta.gsm")));
        QByteArray damaged = bytes;
        damaged[48 + 2] = '#';  // inside the JSON metadata
        QVERIFY(meta.open(QIODevice::WriteOnly));
        meta.write(damaged);
        meta.close();
        const ModelEntry badMeta = ModelEntry::read(meta.fileName(), false);
        // The header reader says which part of the metadata is broken (the hostile-files readers).
        QVERIFY2(badMeta.error.contains(QStringLiteral("not valid")) || badMeta.error.contains(QStringLiteral("metadata")),
                 qPrintable(badMeta.error));
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

        ModelLibraryModel library(&m_session);
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
        ModelLibraryModel library(&m_session);
        library.setBundledFolder(QString());
        library.setFolder(dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(!library.busy() && library.count() == 1, 30000);
        QVERIFY(!library.evaluate(0));
        QVERIFY(library.message().contains(QStringLiteral("dataset")));
    }

    // The bundled demo dataset has a validation part (8 GMD validation files): a copy of the
    // bundled 2D model (what Export gives) evaluates on it, with phases and progress on the way.
    void evaluateOnTheDemoShowsPhasesAndProgress()
    {
        Importer importer;
        importer.setThreadCount(1);
        Result<Dataset> demo = importer.run({(test::sourceDir() / "assets/demo/gmd").string()});
        QVERIFY(demo.ok());
        auto dataset = std::make_shared<const Dataset>(std::move(demo.value()));
        m_session.setDataset(dataset, QStringLiteral("demo"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.gsm"));
        QVERIFY(QFile::copy(QString::fromStdString((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string()), path));
        Result<Model> bundled = Model::load(path.toStdString());
        QVERIFY(bundled.ok());
        const std::size_t validation = validationWindows(*dataset, bundled->config()).size();
        QCOMPARE(validation, std::size_t(81));  // the 8 validation beats' 4/4 two-bar windows

        ModelLibraryModel library(&m_session);
        library.setBundledFolder(QString());
        library.setFolder(dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(!library.busy() && library.count() == 1, 30000);
        QStringList phases;
        QList<double> fractions;
        connect(&library, &ModelLibraryModel::evaluationProgressChanged, this, [&] {
            if (!library.evaluationPhase().isEmpty() && (phases.isEmpty() || phases.last() != library.evaluationPhase()))
                phases << library.evaluationPhase();
            if (library.evaluating())
                fractions << library.evaluationProgress();
        });
        QSignalSpy evaluated(&library, &ModelLibraryModel::evaluated);
        QSignalSpy comparisonSpy(&library, &ModelLibraryModel::featureComparisonChanged);
        QVERIFY(library.featureComparison().isEmpty());
        QVERIFY(library.evaluate(0));
        QCOMPARE(library.evaluationPhase(), QStringLiteral("Loading the model"));
        QVERIFY(evaluated.wait(120000));
        QCOMPARE(evaluated.at(0).at(1).toBool(), true);
        QCOMPARE(phases, (QStringList{QStringLiteral("Loading the model"), QStringLiteral("Reconstruction"),
                                      QStringLiteral("Smoothness"), QStringLiteral("Attributes"),
                                      QStringLiteral("Features")}));
        QVERIFY(fractions.size() >= 10);  // one per decoded batch, not a spinner
        for (int i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] >= fractions[i - 1]);
        QCOMPARE(fractions.last(), 1.0);
        QVERIFY(library.evaluationPhase().isEmpty());
        QVERIFY2(library.message().contains(QStringLiteral("81 validation windows")), qPrintable(library.message()));
        qInfo("%s", qPrintable(library.message()));
        Result<Model> stored = Model::load(path.toStdString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->metrics().at("windows"), 81.0);
        QVERIFY(stored->metrics().at("hit_f1") > 0.3);
        checkFeatureComparison(library, *dataset, *stored, path);
        QCOMPARE(comparisonSpy.count(), 1);

        // Cancel before the worker's first batch: the file stays as it was and the message says so.
        const QByteArray before = fileBytes(path);
        evaluated.clear();
        QVERIFY(library.evaluate(0));
        library.cancelEvaluation();
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(evaluated.at(0).at(1).toBool(), false);
        QVERIFY2(library.message().contains(QStringLiteral("cancelled")), qPrintable(library.message()));
        QCOMPARE(fileBytes(path), before);
        QCOMPARE(comparisonSpy.count(), 1);  // a cancelled run keeps the last comparison
        QCOMPARE(library.featureComparisonPath(), path);
    }

    // A stop asked in the middle of a phase (the progress callback says false) ends the run
    // there with an error and leaves the model's figures untouched.
    void aStopInsideAPhaseEndsTheEvaluation()
    {
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY(dataset);
        std::shared_ptr<Model> tiny = test::tinyModel(*dataset, 2);
        QVERIFY(tiny);
        std::vector<Groove> windows;
        for (const DatasetWindow& w : dataset->windows())
            windows.push_back(w.groove);
        int smoothnessCalls = 0;
        bool attributesReached = false;
        const Status status = evaluateInto(*tiny, windows, nullptr, [&](const char* phase, double) {
            if (QByteArray(phase) == "attributes")
                attributesReached = true;
            return !(QByteArray(phase) == "smoothness" && ++smoothnessCalls == 2);
        });
        QVERIFY(!status.ok());
        QVERIFY(QString::fromStdString(status.error().message).contains(QStringLiteral("cancelled")));
        QCOMPARE(smoothnessCalls, 2);
        QVERIFY(!attributesReached);
        QVERIFY(!tiny->metrics().count("hit_f1"));
    }
};

QTEST_MAIN(TestModelLibrary)
#include "tst_modellibrary.moc"
