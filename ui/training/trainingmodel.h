#pragma once
// The training dashboard's view-model: model choice and settings, start /
// stop / resume, progress and the live history. A run (TrainingRun) does all
// of its work on a thread of its own: preparing the training set, training,
// evaluating on the validation windows, saving. start() returns at once; the
// phase goes preparing -> training -> evaluating -> saving -> "" by queued
// calls, and when a run ends the trained model becomes Session's current model
// (the map fills) and its evaluation table is shown. GUI thread only.
#include "training/epochmodel.h"
#include "session.h"
#include "training/trainingrun.h"

#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace gs {

class Model;

class TrainingModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    // Settings (main).
    Q_PROPERTY(QString modelType READ modelType WRITE setModelType NOTIFY settingsChanged)
    Q_PROPERTY(bool flat READ flat WRITE setFlat NOTIFY settingsChanged)
    Q_PROPERTY(int latent READ latent WRITE setLatent NOTIFY settingsChanged)
    Q_PROPERTY(int epochs READ epochs WRITE setEpochs NOTIFY settingsChanged)
    Q_PROPERTY(int batch READ batch WRITE setBatch NOTIFY settingsChanged)
    Q_PROPERTY(double learningRate READ learningRate WRITE setLearningRate NOTIFY settingsChanged)
    Q_PROPERTY(double beta READ beta WRITE setBeta NOTIFY settingsChanged)
    Q_PROPERTY(double freeBits READ freeBits WRITE setFreeBits NOTIFY settingsChanged)
    Q_PROPERTY(int earlyStopPatience READ earlyStopPatience WRITE setEarlyStopPatience NOTIFY settingsChanged)
    // Settings (advanced).
    Q_PROPERTY(int hidden READ hidden WRITE setHidden NOTIFY settingsChanged)
    Q_PROPERTY(double weightDecay READ weightDecay WRITE setWeightDecay NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    Q_PROPERTY(double flatEta READ flatEta WRITE setFlatEta NOTIFY settingsChanged)
    Q_PROPERTY(QString klAnneal READ klAnneal WRITE setKlAnneal NOTIFY settingsChanged)
    Q_PROPERTY(int klWarmupEpochs READ klWarmupEpochs WRITE setKlWarmupEpochs NOTIFY settingsChanged)
    Q_PROPERTY(double clipNorm READ clipNorm WRITE setClipNorm NOTIFY settingsChanged)
    Q_PROPERTY(int threads READ threads WRITE setThreads NOTIFY settingsChanged)
    // bf16 mixed precision where it pays (RhythmVAE, no flat penalty, a CPU with native bf16): ~1.6x faster,
    // the same quality in our comparison (docs/benchmarks.md). Elsewhere the run trains in fp32.
    Q_PROPERTY(bool fastTraining READ fastTraining WRITE setFastTraining NOTIFY settingsChanged)
    Q_PROPERTY(bool fastTrainingAvailable READ fastTrainingAvailable CONSTANT)
    // State.
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(gs::EpochModel* history READ history CONSTANT)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(bool canStart READ canStart NOTIFY canStartChanged)
    Q_PROPERTY(bool canResume READ canResume NOTIFY canStartChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // "" (idle), "preparing", "training", "evaluating", "saving".
    Q_PROPERTY(QString phase READ phase NOTIFY phaseChanged)
    // The last run's evaluation on the validation windows (hit_f1, smoothness_mean, ...; empty when none).
    Q_PROPERTY(QVariantMap evaluation READ evaluation NOTIFY evaluationChanged)
    Q_PROPERTY(int epoch READ epoch NOTIFY progressChanged)
    Q_PROPERTY(int epochsPlanned READ epochsPlanned NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(double samplesPerSecond READ samplesPerSecond NOTIFY progressChanged)
    Q_PROPERTY(double elapsedSeconds READ elapsedSeconds NOTIFY progressChanged)
    Q_PROPERTY(double remainingSeconds READ remainingSeconds NOTIFY progressChanged)
    // Where a finished run's model is saved ("" = not saved); the model library's folder by default.
    Q_PROPERTY(QString saveFolder READ saveFolder WRITE setSaveFolder NOTIFY saveFolderChanged)
    Q_PROPERTY(QString savedPath READ savedPath NOTIFY saved)

public:
    explicit TrainingModel(QObject* parent = nullptr);
    ~TrainingModel() override;  // cancels a run and waits for it

    QString modelType() const { return m_modelType; }
    void setModelType(const QString& type);  // "rhythmvae" or "recurrent"
    bool flat() const { return m_flat; }
    void setFlat(bool flat);
    bool fastTraining() const { return m_fastTraining; }
    void setFastTraining(bool fast);
    bool fastTrainingAvailable() const;
    int latent() const { return m_latent; }
    void setLatent(int latent);
    int epochs() const { return m_epochs; }
    void setEpochs(int epochs);
    int batch() const { return m_batch; }
    void setBatch(int batch);
    double learningRate() const { return m_lr; }
    void setLearningRate(double lr);
    double beta() const { return m_beta; }
    void setBeta(double beta);
    double freeBits() const { return m_freeBits; }
    void setFreeBits(double bits);
    int earlyStopPatience() const { return m_earlyStop; }
    void setEarlyStopPatience(int epochs);
    int hidden() const { return m_hidden; }
    void setHidden(int hidden);
    double weightDecay() const { return m_weightDecay; }
    void setWeightDecay(double decay);
    int seed() const { return m_seed; }
    void setSeed(int seed);
    double flatEta() const { return m_flatEta; }
    void setFlatEta(double eta);
    QString klAnneal() const { return m_klAnneal; }
    void setKlAnneal(const QString& anneal);  // "none", "linear", "cyclic"
    int klWarmupEpochs() const { return m_klWarmup; }
    void setKlWarmupEpochs(int epochs);
    double clipNorm() const { return m_clipNorm; }
    void setClipNorm(double norm);  // 0 = no clipping
    int threads() const { return m_threads; }
    void setThreads(int threads);  // 0 = cores - 1

    Session* session() const { return m_session; }
    void setSession(Session* session);
    EpochModel* history() { return &m_history; }
    bool running() const { return m_running; }
    bool canStart() const;
    bool canResume() const;
    QString message() const { return m_message; }
    QString phase() const { return m_phase; }
    QVariantMap evaluation() const { return m_evaluation; }
    int epoch() const { return m_epoch; }
    int epochsPlanned() const { return m_epochsPlanned; }
    double progress() const;
    double samplesPerSecond() const { return m_samplesPerSecond; }
    double elapsedSeconds() const { return m_elapsed; }
    double remainingSeconds() const { return m_remaining; }
    QString saveFolder() const { return m_saveFolder; }
    void setSaveFolder(const QString& folder);
    QString savedPath() const { return m_savedPath; }

    // The model types offered (for the combo box).
    Q_INVOKABLE QStringList modelTypes() const;
    // Puts the defaults of the chosen type back.
    Q_INVOKABLE void restoreDefaults();
    // A fresh model on Session's dataset. Returns at once (the training set is
    // built on the run's thread); false (and message says why) when it cannot start.
    Q_INVOKABLE bool start();
    // `epochs` more epochs on the last trained model, continuing its history and optimizer.
    Q_INVOKABLE bool resume();
    // `epochs` more epochs on a model file (loaded on the run's thread); a file in
    // the save folder is updated in place, any other is saved as a new file.
    Q_INVOKABLE bool resumeFile(const QString& path);
    // Stops preparing, training (after the current batch) or evaluating; the model so far is kept.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void settingsChanged();
    void sessionChanged();
    void runningChanged();
    void canStartChanged();
    void messageChanged();
    void phaseChanged();
    void evaluationChanged();
    void progressChanged();
    // One per finished epoch: every term, by name (trainLoss, validationKl, learningRate, ...).
    void epochReported(int epoch, const QVariantMap& values);
    void finished(bool ok);
    void saveFolderChanged();
    // The trained model was written to `path` (emitted just before finished).
    void saved(const QString& path);

private:
    bool launch(TrainingJob job);
    bool hasTrainingWindows();  // false (with the message set) when there is nothing to train on
    void onPhase(TrainingRun::Phase phase, int first, int train, int validation);
    void onEvaluationProgress(const QString& phase, double fraction);
    void onReport(const TrainReport& report);
    void onFinished(const TrainingResult& result);
    void setMessage(const QString& message);
    void setPhase(const QString& phase);
    void setRunning(bool running);

    QString m_modelType = QStringLiteral("rhythmvae");
    bool m_flat = false;
    bool m_fastTraining = true;
    int m_latent = 2;
    int m_epochs = 30;
    int m_batch = 64;
    double m_lr = 1e-3;
    double m_beta = 1.0;
    double m_freeBits = 0.0;
    int m_earlyStop = 10;
    int m_hidden = 512;
    double m_weightDecay = 0.0;
    int m_seed = 1;
    double m_flatEta = LossConfig{}.flatEta;
    QString m_klAnneal = QStringLiteral("none");
    int m_klWarmup = 0;
    double m_clipNorm = 5.0;
    int m_threads = 0;

    QPointer<Session> m_session;
    EpochModel m_history;
    std::unique_ptr<TrainingRun> m_run;
    std::shared_ptr<Model> m_model;  // the last trained model
    bool m_resuming = false;
    bool m_fromFile = false;
    bool m_running = false;
    QString m_message;
    QString m_phase;
    int m_evaluationWindows = 0;
    QVariantMap m_evaluation;
    QString m_datasetName;
    int m_epoch = 0;
    int m_epochsPlanned = 0;
    int m_firstEpoch = 0;  // the epoch this run started after
    double m_samplesPerSecond = 0;
    double m_elapsed = 0;
    double m_remaining = 0;
    QString m_saveFolder;
    QString m_savedPath;
};

} // namespace gs
