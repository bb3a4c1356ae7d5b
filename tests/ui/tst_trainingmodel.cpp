// TrainingModel: settings notify and clamp, and a real short training run on
// a few Groove MIDI Dataset files: per-epoch reports, history, progress, and
// the trained model becoming Session's current model; then stop and resume.
#include "dataset/dataset.h"
#include "model/model.h"
#include "tinydataset.h"
#include "modellibrarymodel.h"
#include "trainingmodel.h"

#include <QTemporaryDir>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest/QtTest>

using namespace gs;

class TestTrainingModel : public QObject {
    Q_OBJECT

    Session m_session{nullptr};

private Q_SLOTS:
    void initTestCase()
    {
        Session::setInstance(&m_session);
    }

    void settingsNotifyAndClamp()
    {
        TrainingModel training;
        QSignalSpy settings(&training, &TrainingModel::settingsChanged);
        training.setLatent(8);
        QCOMPARE(settings.count(), 1);
        training.setLatent(8);
        QCOMPARE(settings.count(), 1);
        training.setLatent(100000);
        QCOMPARE(training.latent(), 256);
        training.setEpochs(0);
        QCOMPARE(training.epochs(), 1);
        training.setLearningRate(-1);
        QVERIFY(training.learningRate() > 0);
        training.setModelType(QStringLiteral("recurrent"));
        QCOMPARE(training.modelType(), QStringLiteral("recurrent"));
        QCOMPARE(training.latent(), 16);  // the recurrent defaults came in
        training.setModelType(QStringLiteral("transformer"));  // not offered: ignored
        QCOMPARE(training.modelType(), QStringLiteral("recurrent"));
        const int before = settings.count();
        for (auto set : {+[](TrainingModel& t) { t.setFlat(true); }, +[](TrainingModel& t) { t.setBatch(16); },
                         +[](TrainingModel& t) { t.setBeta(0.5); }, +[](TrainingModel& t) { t.setFreeBits(2); },
                         +[](TrainingModel& t) { t.setEarlyStopPatience(3); }, +[](TrainingModel& t) { t.setHidden(64); },
                         +[](TrainingModel& t) { t.setWeightDecay(1e-6); }, +[](TrainingModel& t) { t.setSeed(7); },
                         +[](TrainingModel& t) { t.setFlatEta(10); }})
            set(training);
        QCOMPARE(settings.count(), before + 9);
        QCOMPARE(training.modelTypes(), QStringList({"rhythmvae", "recurrent"}));
    }

    void startWithoutADatasetSaysWhy()
    {
        m_session.setDataset(nullptr, QString());
        TrainingModel training;
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
        QVERIFY(training.canStart());
        QVERIFY(!training.canResume());
        training.setHidden(64);
        training.setEpochs(2);
        training.setBatch(16);
        QVERIFY2(training.start(), qPrintable(training.message()));
        QVERIFY(training.running());
        QVERIFY(!training.canStart());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(!training.running());
        QCOMPARE(running.count(), 2);
        QVERIFY(canStart.count() >= 2);
        QCOMPARE(epochs.count(), 2);
        QCOMPARE(training.history()->count(), 2);
        QCOMPARE(training.epoch(), 2);
        QCOMPARE(training.progress(), 1.0);
        QVERIFY(progress.count() >= 2);
        QVERIFY(message.count() >= 2);
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

        // Resume continues the history: epochs 3 and 4.
        QVERIFY(training.canResume());
        QVERIFY(training.resume());
        QVERIFY(finished.wait(60000));
        QCOMPARE(training.history()->count(), 4);
        QCOMPARE(training.history()->value(3, QStringLiteral("epoch")), 4.0);
        QCOMPARE(m_session.model()->history().size(), std::size_t(4));

        // Stop right away: the run ends cancelled, nothing is lost.
        training.setEpochs(200);
        QVERIFY(training.resume());
        training.stop();
        QVERIFY(finished.wait(60000));
        QVERIFY(!training.running());
        QVERIFY(training.message().contains(QStringLiteral("cancel"), Qt::CaseInsensitive));
        QVERIFY(saved.count() >= 2);  // the first run and the resume (and the cancelled run, if it finished an epoch)
        const int files = saved.count() + 1;

        // The library lists both files, opens one as the session's model, renames and deletes.
        ModelLibraryModel models;
        QAbstractItemModelTester libraryTester(&models, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&models, &ModelLibraryModel::countChanged);
        QSignalSpy busy(&models, &ModelLibraryModel::busyChanged);
        QSignalSpy libraryFolder(&models, &ModelLibraryModel::folderChanged);
        QSignalSpy opened(&models, &ModelLibraryModel::opened);
        QSignalSpy libraryMessage(&models, &ModelLibraryModel::messageChanged);
        // A corrupt file is listed with its reason, not dropped silently.
        QFile junk(library.filePath(QStringLiteral("broken.gsm")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a model");
        junk.close();
        models.setFolder(library.path());
        QCOMPARE(libraryFolder.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!models.busy() && models.count() == files, 20000);
        QVERIFY(busy.count() >= 2);
        int good = -1, broken = -1;
        for (int row = 0; row < models.count(); ++row) {
            const QModelIndex at = models.index(row);
            if (models.data(at, ModelLibraryModel::NameRole).toString() == QStringLiteral("broken"))
                broken = row;
            else if (good < 0)
                good = row;
        }
        QVERIFY(broken >= 0 && good >= 0);
        QVERIFY(!models.data(models.index(broken), ModelLibraryModel::ErrorRole).toString().isEmpty());
        QCOMPARE(models.data(models.index(good), ModelLibraryModel::TypeRole).toString(), QStringLiteral("rhythmvae"));
        QCOMPARE(models.data(models.index(good), ModelLibraryModel::LatentRole).toInt(), 2);
        QVERIFY(models.data(models.index(good), ModelLibraryModel::EpochsRole).toInt() >= 2);
        QVERIFY(models.data(models.index(good), ModelLibraryModel::ValidationLossRole).toDouble() > 0.0);
        QSignalSpy sessionModel(&m_session, &Session::modelChanged);
        models.open(good);
        QVERIFY(opened.wait(20000));
        QCOMPARE(sessionModel.count(), 1);
        models.open(broken);
        QTRY_VERIFY_WITH_TIMEOUT(!models.busy(), 20000);
        QVERIFY(models.message().contains(QStringLiteral("broken.gsm")));
        QCOMPARE(sessionModel.count(), 1);  // a bad file leaves the session's model alone
        QVERIFY(models.rename(good, QStringLiteral("my groove model")));
        QVERIFY(QFileInfo::exists(library.filePath(QStringLiteral("my groove model.gsm"))));
        QVERIFY(!models.rename(good, QStringLiteral("../escape")));
        QVERIFY(models.remove(broken));
        QCOMPARE(models.count(), files - 1);
        QVERIFY(!QFileInfo::exists(library.filePath(QStringLiteral("broken.gsm"))));
        QVERIFY(count.count() >= 2);
    }
};

QTEST_MAIN(TestTrainingModel)
#include "tst_trainingmodel.moc"
