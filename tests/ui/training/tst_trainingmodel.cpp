// TrainingModel: settings (one value) notify and clamp, and a real short training run on
// a few Groove MIDI Dataset files: start returns while the training set is
// still to be built (the phases arrive by signals), per-epoch reports,
// history, progress, the evaluation on the validation windows stored in the
// saved file, and the trained model becoming Session's current model; then
// resume (in memory and from the file) and stop.
#include "dataset/dataset.h"
#include "model/model.h"
#include "tinydataset.h"
#include "training/modelentry.h"
#include "training/trainingmodel.h"

#include <QTemporaryDir>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

namespace {

// Changes the training's settings as QML does: a copy, edited, written back whole.
template <class Edit>
void edit(TrainingModel& training, Edit&& change)
{
    TrainingSettings s = training.settings();
    change(s);
    training.setSettings(s);
}

} // namespace

class TestTrainingModel : public QObject {
    Q_OBJECT

    Session m_session{nullptr};

private Q_SLOTS:
    void initTestCase()
    {
    }

    void settingsNotifyAndClamp()
    {
        TrainingModel training;
        training.setSession(&m_session);
        QSignalSpy settings(&training, &TrainingModel::settingsChanged);
        edit(training, [](TrainingSettings& s) { s.setLatent(8); });
        QCOMPARE(settings.count(), 1);
        edit(training, [](TrainingSettings& s) { s.setLatent(8); });
        QCOMPARE(settings.count(), 1);
        edit(training, [](TrainingSettings& s) { s.setLatent(100000); });
        QCOMPARE(training.settings().latent(), 256);
        edit(training, [](TrainingSettings& s) { s.setEpochs(0); });
        QCOMPARE(training.settings().epochs(), 1);
        edit(training, [](TrainingSettings& s) { s.setLearningRate(-1); });
        QCOMPARE(training.settings().learningRate(), 0.0);  // the range's floor: the trainer's choice (1e-3)
        edit(training, [](TrainingSettings& s) { s.setModelType(QStringLiteral("recurrent")); });
        QCOMPARE(training.settings().modelType(), QStringLiteral("recurrent"));
        QCOMPARE(training.settings().latent(), 16);  // the recurrent defaults came in
        edit(training, [](TrainingSettings& s) { s.setModelType(QStringLiteral("diffusion")); });  // not offered: ignored
        QCOMPARE(training.settings().modelType(), QStringLiteral("recurrent"));
        const int before = settings.count();
        for (auto set : {+[](TrainingSettings& s) { s.setFlat(true); }, +[](TrainingSettings& s) { s.setBatch(16); },
                         +[](TrainingSettings& s) { s.setBeta(0.5); }, +[](TrainingSettings& s) { s.setFreeBits(2); },
                         +[](TrainingSettings& s) { s.setEarlyStopPatience(3); }, +[](TrainingSettings& s) { s.setHidden(64); },
                         +[](TrainingSettings& s) { s.setWeightDecay(1e-6); }, +[](TrainingSettings& s) { s.setSeed(7); },
                         +[](TrainingSettings& s) { s.setFlatEta(10); }, +[](TrainingSettings& s) { s.setKlAnneal("cyclic"); },
                         +[](TrainingSettings& s) { s.setKlWarmupEpochs(5); }, +[](TrainingSettings& s) { s.setClipNorm(1); },
                         +[](TrainingSettings& s) { s.setThreads(1); }, +[](TrainingSettings& s) { s.setFastTraining(false); }})
            edit(training, set);
        QCOMPARE(settings.count(), before + 14);
        edit(training, [](TrainingSettings& s) { s.setKlAnneal(QStringLiteral("sometimes")); });  // not offered: ignored
        QCOMPARE(training.settings().klAnneal(), QStringLiteral("cyclic"));
        QCOMPARE(settings.count(), before + 14);
        training.restoreDefaults();
        QCOMPARE(training.settings().klAnneal(), QStringLiteral("linear"));  // the recurrent model warms its KL up
        QCOMPARE(training.settings().hidden(), 128);
        QCOMPARE(training.modelTypes(), QStringList({"rhythmvae", "recurrent", "transformer"}));
    }

    void threeChoicesAndTheirAdvice()
    {
        TrainingModel training;
        QSignalSpy choice(&training, &TrainingModel::choiceChanged);
        QSignalSpy advice(&training, &TrainingModel::choiceAdviceChanged);
        QCOMPARE(training.choice(), QStringLiteral("map"));  // Personal map is the default for any dataset
        training.setChoice(QStringLiteral("finetune"));
        training.setChoice(QStringLiteral("finetune"));  // no change, no signal
        training.setChoice(QStringLiteral("transformer"));  // not a choice: ignored
        QCOMPARE(training.choice(), QStringLiteral("finetune"));
        training.setChoice(QStringLiteral("scratch"));
        QCOMPARE(choice.count(), 2);
        training.setSession(&m_session);
        QVERIFY(advice.count() >= 1);
        QCOMPARE(training.choiceAdvice(), TrainingModel::adviceFor(m_session.windowCount()));
        QVERIFY(TrainingModel::adviceFor(0).contains(QStringLiteral("Import")));
        QVERIFY(TrainingModel::adviceFor(500).contains(QStringLiteral("Personal map suits")));
        QVERIFY(TrainingModel::adviceFor(5000).contains(QStringLiteral("Fine-tune")));
        QVERIFY(TrainingModel::adviceFor(25000).contains(QStringLiteral("from scratch")));
    }

    void startWithoutADatasetSaysWhy()
    {
        m_session.setDataset(nullptr, QString());
        TrainingModel training;
        training.setSession(&m_session);
        training.setSaveFolder(QString());
        QSignalSpy message(&training, &TrainingModel::messageChanged);
        QVERIFY(!training.canStart());
        QVERIFY(!training.start());
        QCOMPARE(message.count(), 1);
        QVERIFY(training.message().contains(QStringLiteral("dataset")));
        QVERIFY(!training.running());
    }

    void trainsOnRealDataAndPublishesTheModel()
    {
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY2(dataset, "could not import the GMD files (is ../shared/data there?)");
        QVERIFY(dataset->windowCount() >= 20);
        m_session.setDataset(dataset, QStringLiteral("tiny GMD"));

        QTemporaryDir library;
        TrainingModel training;
        training.setSession(&m_session);
        training.setChoice(QStringLiteral("scratch"));  // this test's settings are the from-scratch ones
        QSignalSpy folder(&training, &TrainingModel::saveFolderChanged);
        training.setSaveFolder(library.path());
        QCOMPARE(folder.count(), 1);
        QSignalSpy saved(&training, &TrainingModel::saved);
        QAbstractItemModelTester tester(training.history(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy canStart(&training, &TrainingModel::canStartChanged);
        QSignalSpy running(&training, &TrainingModel::runningChanged);
        QSignalSpy progress(&training, &TrainingModel::progressChanged);
        QSignalSpy epochs(&training, &TrainingModel::epochReported);
        QSignalSpy finished(&training, &TrainingModel::finished);
        QSignalSpy message(&training, &TrainingModel::messageChanged);
        QSignalSpy modelChanged(&m_session, &Session::modelChanged);
        QSignalSpy phase(&training, &TrainingModel::phaseChanged);
        QSignalSpy evaluation(&training, &TrainingModel::evaluationChanged);
        QStringList phases;
        connect(&training, &TrainingModel::phaseChanged, this, [&] { phases << training.phase(); });
        QStringList messages;
        connect(&training, &TrainingModel::messageChanged, this, [&] { messages << training.message(); });
        QVERIFY(training.canStart());
        QVERIFY(!training.canResume());
        edit(training, [](TrainingSettings& s) {
            s.setHidden(64);
            s.setEpochs(2);
            s.setBatch(16);
        });
        QVERIFY2(training.start(), qPrintable(training.message()));
        // start() returned before the training set was built: that happens on the run's thread.
        QCOMPARE(training.phase(), QStringLiteral("preparing"));
        QCOMPARE(phases, QStringList({"preparing"}));
        QVERIFY(training.message().startsWith(QStringLiteral("Preparing %1 windows").arg(dataset->windowCount())));
        QCOMPARE(training.epochsPlanned(), 0);  // nothing known about the set yet
        QVERIFY(training.running());
        QVERIFY(!training.canStart());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(!training.running());
        QCOMPARE(phases, QStringList({"preparing", "training", "evaluating", "saving", ""}));
        QCOMPARE(phase.count(), 5);
        QCOMPARE(running.count(), 2);
        QVERIFY(canStart.count() >= 2);
        QCOMPARE(epochs.count(), 2);
        QCOMPARE(training.history()->count(), 2);
        QCOMPARE(training.epoch(), 2);
        QCOMPARE(training.progress(), 1.0);
        QVERIFY(progress.count() >= 2);
        QVERIFY(message.count() >= 3);
        // The evaluation after training reports its phases with a percentage, in order.
        const QStringList evaluating = messages.filter(QStringLiteral("validation windows: "));
        QVERIFY2(evaluating.size() >= 3, qPrintable(messages.join(QLatin1Char('\n'))));
        QVERIFY(evaluating.first().contains(QStringLiteral("reconstruction")));
        QVERIFY(evaluating.last().contains(QStringLiteral("attributes")));
        const QVariantMap first = epochs.at(0).at(1).toMap();
        QVERIFY(first.value(QStringLiteral("trainLoss")).toDouble() > 0.0);
        QVERIFY(first.value(QStringLiteral("validationLoss")).toDouble() > 0.0);
        QVERIFY(first.value(QStringLiteral("learningRate")).toDouble() > 0.0);
        QVERIFY(training.samplesPerSecond() > 0.0);
        // The first epoch of a fresh model must be worse than the second on the training set.
        QVERIFY(training.history()->value(1, QStringLiteral("trainLoss")) < training.history()->value(0, QStringLiteral("trainLoss")));
        QCOMPARE(modelChanged.count(), 1);
        QVERIFY(m_session.hasModel());
        QCOMPARE(m_session.model()->history().size(), std::size_t(2));
        QCOMPARE(m_session.model()->config().latent, 2);
        QCOMPARE(saved.count(), 1);
        QVERIFY(QFileInfo::exists(training.savedPath()));
        QVERIFY(training.message().contains(QStringLiteral("saved as")));
        // The evaluation ran after training, is shown, and is stored in the saved file.
        QCOMPARE(evaluation.count(), 1);
        const double f1 = training.evaluation().value(QStringLiteral("hit_f1")).toDouble();
        QVERIFY(f1 > 0.0 && f1 <= 1.0);
        QVERIFY(training.evaluation().contains(QStringLiteral("smoothness_mean")));
        QVERIFY(training.evaluation().contains(QStringLiteral("attribute_correlation_density")));
        QVERIFY(training.message().contains(QStringLiteral("validation F1")));
        Result<Model> savedModel = Model::load(training.savedPath().toStdString());
        QVERIFY(savedModel.ok());
        QCOMPARE(savedModel->metrics().at("hit_f1"), f1);
        // "Fast training" is on by default: a RhythmVAE trains in bf16 where the CPU multiplies it natively.
        QVERIFY(training.settings().fastTraining());
        const std::string expected = training.fastTrainingAvailable() ? "bf16" : "fp32";
        for (const EpochRecord& record : savedModel->history())
            QCOMPARE(record.precision, expected);
        QCOMPARE(m_session.model()->metrics().at("hit_f1"), f1);

        // Resume continues the history (epochs 3 and 4) and updates the same file.
        const QString firstFile = training.savedPath();
        QVERIFY(training.canResume());
        QVERIFY(training.resume());
        QCOMPARE(training.phase(), QStringLiteral("preparing"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(training.history()->count(), 4);
        QCOMPARE(training.history()->value(3, QStringLiteral("epoch")), 4.0);
        QCOMPARE(m_session.model()->history().size(), std::size_t(4));
        QCOMPARE(training.savedPath(), firstFile);
        QCOMPARE(Model::load(firstFile.toStdString())->history().size(), std::size_t(4));

        // Resume from the file: loaded on the run's thread, epochs 5 and 6, the same file updated.
        QVERIFY(training.resumeFile(firstFile));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(training.epoch(), 6);
        QCOMPARE(training.history()->count(), 2);  // this run's epochs, as the chart shows them
        QCOMPARE(training.history()->value(0, QStringLiteral("epoch")), 5.0);
        QCOMPARE(Model::load(firstFile.toStdString())->history().size(), std::size_t(6));
        QCOMPARE(QDir(library.path()).entryList({QStringLiteral("*.gsm")}, QDir::Files).size(), 1);

        // A file that is not a model: the run ends with the reason, nothing changes.
        const int models = modelChanged.count();
        QVERIFY(training.resumeFile(library.filePath(QStringLiteral("missing.gsm"))));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(training.message().contains(QStringLiteral("missing.gsm")));
        QCOMPARE(modelChanged.count(), models);
        QVERIFY(!training.running());

        // Stop right away (while preparing): the run ends cancelled, nothing is lost.
        edit(training, [](TrainingSettings& s) { s.setEpochs(200); });
        QVERIFY(training.resume());
        training.stop();
        QVERIFY(finished.wait(60000));
        QVERIFY(!training.running());
        QCOMPARE(training.phase(), QString());
        QVERIFY(training.message().contains(QStringLiteral("cancel"), Qt::CaseInsensitive));
        QCOMPARE(m_session.model()->history().size(), std::size_t(6));
    }
    void personalMapWithAxesStoresTheWeight()
    {
        // "Personal map" with the axes box ticked: the saved map carries the attribute-axes weight, and its library
        // row says so; unticked (the default), a map without it.
        std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
        QVERIFY2(dataset, "could not import the GMD files (is ../shared/data there?)");
        m_session.setDataset(dataset, QStringLiteral("tiny GMD"));
        QTemporaryDir library;
        TrainingModel training;
        training.setSession(&m_session);
        training.setSaveFolder(library.path());
        QCOMPARE(training.choice(), QStringLiteral("map"));
        QVERIFY(!training.mapAxes());
        QSignalSpy axes(&training, &TrainingModel::mapAxesChanged);
        training.setMapAxes(true);
        training.setMapAxes(true);  // no change, no signal
        QCOMPARE(axes.count(), 1);
        QSignalSpy finished(&training, &TrainingModel::finished);
        for (const bool on : {true, false}) {
            training.setMapAxes(on);
            QVERIFY2(training.start(), qPrintable(training.message()));
            QVERIFY(finished.wait(120000));
            QVERIFY2(finished.last().at(0).toBool(), qPrintable(training.message()));
            Result<Model> saved = Model::load(training.savedPath().toStdString());
            QVERIFY(saved.ok());
            QCOMPARE(saved->config().type, std::string("map"));
            QCOMPARE(double(saved->config().loss.mapAttributes), on ? TrainingModel::kMapAxesWeight : 0.0);
            QCOMPARE(ModelEntry::read(training.savedPath(), false).mapAxes, on);
        }
    }
};

QTEST_MAIN(TestTrainingModel)
#include "tst_trainingmodel.moc"
