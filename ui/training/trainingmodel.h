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
#include "training/trainingsettings.h"

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
    // The settings a run trains with, as one value shared with `groovescape-cli train` (see
    // TrainingSettings): QML binds `settings.latent` and writes `settings.latent = 8` back; every write
    // is clamped into the settings' ranges, an unknown choice is ignored, and a new model type brings
    // that type's recommended values.
    Q_PROPERTY(gs::TrainingSettings settings READ settings WRITE setSettings NOTIFY settingsChanged)
    // What Start does, named for what it does: "map" (Personal map, fast: a small 2D map model over the
    // best bundled model, trained on the dataset's latents in seconds; the default), "finetune" (the
    // bundled model trains a few epochs on the dataset, then a map over it) or "scratch" (a new model
    // with `settings`). `settings` apply to "scratch"; the map choices use the map's recommended values
    // (settings.latent 2 or 3 is kept).
    Q_PROPERTY(QString choice READ choice WRITE setChoice NOTIFY choiceChanged)
    // Which choice suits the current dataset's size, in a sentence.
    Q_PROPERTY(QString choiceAdvice READ choiceAdvice NOTIFY choiceAdviceChanged)
    // The base model file of the map choices: the best bundled model by default.
    Q_PROPERTY(QString mapBase READ mapBase WRITE setMapBase NOTIFY mapBaseChanged)
    // The map choices: map x follows the grooves' density and map y their loudness (TrainSettings::mapAttributes
    // at kMapAxesWeight), so the direction arrows line up with the axes; the map then reconstructs less closely.
    Q_PROPERTY(bool mapAxes READ mapAxes WRITE setMapAxes NOTIFY mapAxesChanged)
    Q_PROPERTY(bool fastTrainingAvailable READ fastTrainingAvailable CONSTANT)
    // State.
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(gs::EpochModel* history READ history CONSTANT)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(bool canStart READ canStart NOTIFY canStartChanged)
    Q_PROPERTY(bool canResume READ canResume NOTIFY canStartChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // "" (idle), "preparing", "fine-tuning" (the "finetune" choice), "training", "evaluating", "saving".
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

    QString choice() const { return m_choice; }
    void setChoice(const QString& choice);
    QString choiceAdvice() const;
    QString mapBase() const { return m_mapBase; }
    void setMapBase(const QString& path);
    bool mapAxes() const { return m_mapAxes; }
    void setMapAxes(bool on);
    // The attribute-axes weight of a map trained with mapAxes on (measured on GMD: weight 10 gives density
    // and velocity change r 0.94 / 0.85, hit F1 0.52 against 0.62 without; src/model/README.md).
    static constexpr double kMapAxesWeight = 10.0;
    // The advice for a dataset of `windows` windows (choiceAdvice's text).
    static QString adviceFor(int windows);
    // Epochs the bundled model trains on the dataset before its map, for "finetune".
    static constexpr int kFineTuneEpochs = 10;

    TrainingSettings settings() const { return m_settings; }
    void setSettings(const TrainingSettings& settings);
    // A CPU with native bf16: settings.fastTraining can pay.
    bool fastTrainingAvailable() const;

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
    void choiceChanged();
    void choiceAdviceChanged();
    void mapBaseChanged();
    void mapAxesChanged();
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
    bool startMap();  // the two map choices
    bool hasTrainingWindows();  // false (with the message set) when there is nothing to train on
    void onPhase(TrainingRun::Phase phase, int first, int train, int validation);
    void onEvaluationProgress(const QString& phase, double fraction);
    void onReport(const TrainReport& report);
    void onFinished(const TrainingResult& result);
    void setMessage(const QString& message);
    void setPhase(const QString& phase);
    void setRunning(bool running);

    // The app's first settings: RhythmVAE's recommended values, fast training on.
    static TrainSettings firstSettings();

    TrainingSettings m_settings{firstSettings()};
    QString m_choice = QStringLiteral("map");
    QString m_mapBase;
    bool m_mapAxes = false;
    TrainSettings m_runSettings;  // what the run under way trains with (m_settings, or the map's)

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
