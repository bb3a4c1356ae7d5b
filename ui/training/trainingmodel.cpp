#include "training/trainingmodel.h"

#include "dataset/dataset.h"
#include "assetpaths.h"
#include "model/model.h"
#include "training/modellibrarymodel.h"
#include "train/precision.h"
#include "train/trainingset.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

template <typename T>
bool assign(T& field, T value)
{
    if (field == value)
        return false;
    field = value;
    return true;
}

QVariantMap reportValues(const TrainReport& r)
{
    return {
        {QStringLiteral("trainLoss"), r.train.total},
        {QStringLiteral("validationLoss"), r.validation.total},
        {QStringLiteral("trainHits"), r.train.hits},
        {QStringLiteral("trainVelocity"), r.train.velocity},
        {QStringLiteral("trainOffset"), r.train.offset},
        {QStringLiteral("trainKl"), r.train.kl},
        {QStringLiteral("validationHits"), r.validation.hits},
        {QStringLiteral("validationVelocity"), r.validation.velocity},
        {QStringLiteral("validationOffset"), r.validation.offset},
        {QStringLiteral("validationKl"), r.validation.kl},
        {QStringLiteral("learningRate"), r.learningRate},
        {QStringLiteral("samplesPerSecond"), r.samplesPerSecond},
    };
}

} // namespace

bool TrainingModel::fastTrainingAvailable() const
{
    return cpuHasBf16();
}

TrainingModel::TrainingModel(QObject* parent) : QObject(parent), m_saveFolder(ModelLibraryModel::defaultFolder())
{
    setSession(nullptr);
}

TrainingModel::~TrainingModel()
{
    m_run.reset();  // cancels and joins; its queued calls to this object are dropped with it
}

void TrainingModel::setSaveFolder(const QString& folder)
{
    if (assign(m_saveFolder, folder))
        Q_EMIT saveFolderChanged();
}

TrainSettings TrainingModel::firstSettings()
{
    TrainSettings s = TrainSettings{}.recommendedFor("rhythmvae");
    s.precision = "bf16";  // "Fast training" starts on: the run asks for bf16 only where it pays
    return s;
}

void TrainingModel::setSettings(const TrainingSettings& settings)
{
    TrainSettings next = clampedTrainSettings(settings.value(), m_settings.value());
    if (next.model != m_settings.value().model)
        next = next.recommendedFor(next.model);
    if (next == m_settings.value())
        return;
    m_settings = TrainingSettings(std::move(next));
    Q_EMIT settingsChanged();
}

QStringList TrainingModel::modelTypes() const
{
    QStringList types;
    for (const std::string& type : trainModelTypes())
        if (type != kMapModelType)  // a map is made by the "map" and "finetune" choices, over a base
            types << QString::fromStdString(type);
    return types;
}

void TrainingModel::restoreDefaults()
{
    const TrainSettings& now = m_settings.value();
    m_settings = TrainingSettings(now.recommendedFor(now.model));
    Q_EMIT settingsChanged();
}

void TrainingModel::setChoice(const QString& choice)
{
    if (choice != QLatin1String("map") && choice != QLatin1String("finetune") && choice != QLatin1String("scratch"))
        return;
    if (assign(m_choice, choice))
        Q_EMIT choiceChanged();
}

void TrainingModel::setMapBase(const QString& path)
{
    if (assign(m_mapBase, path))
        Q_EMIT mapBaseChanged();
}

void TrainingModel::setMapAxes(bool on)
{
    if (assign(m_mapAxes, on))
        Q_EMIT mapAxesChanged();
}

QString TrainingModel::adviceFor(int windows)
{
    // Measured (issue 14, models/map-2d.md): a personal map fits any size in seconds; fine-tuning the 32D
    // model pays from a few thousand windows; from scratch needs the Groove MIDI Dataset's ~10,000 or more.
    if (windows <= 0)
        return tr("Import a dataset to train on.");
    if (windows < 3000)
        return tr("%1 windows: Personal map suits this size best (seconds; the bundled model's knowledge, "
                  "placed on your grooves).").arg(windows);
    if (windows < 10000)
        return tr("%1 windows: Personal map is fastest; Fine-tune the bundled model fits your grooves closer "
                  "(minutes).").arg(windows);
    return tr("%1 windows: enough to train from scratch (tens of minutes); Fine-tune the bundled model is "
              "faster.").arg(windows);
}

QString TrainingModel::choiceAdvice() const { return adviceFor(m_session ? m_session->windowCount() : 0); }

void TrainingModel::setSession(Session* session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
    {
        connect(m_session, &Session::datasetChanged, this, &TrainingModel::canStartChanged);
        connect(m_session, &Session::datasetChanged, this, &TrainingModel::choiceAdviceChanged);
    }
    Q_EMIT sessionChanged();
    Q_EMIT choiceAdviceChanged();
    Q_EMIT canStartChanged();
}

bool TrainingModel::canStart() const
{
    return !m_running && m_session && m_session->hasDataset();
}

bool TrainingModel::canResume() const
{
    return canStart() && m_model != nullptr;
}

double TrainingModel::progress() const
{
    const int span = m_epochsPlanned - m_firstEpoch;
    return span > 0 ? std::clamp(double(m_epoch - m_firstEpoch) / span, 0.0, 1.0) : 0.0;
}

void TrainingModel::setMessage(const QString& message)
{
    if (assign(m_message, message))
        Q_EMIT messageChanged();
}

void TrainingModel::setPhase(const QString& phase)
{
    if (assign(m_phase, phase))
        Q_EMIT phaseChanged();
}

void TrainingModel::setRunning(bool running)
{
    if (!assign(m_running, running))
        return;
    Q_EMIT runningChanged();
    Q_EMIT canStartChanged();
}

bool TrainingModel::hasTrainingWindows()
{
    if (!m_session || !m_session->dataset()) {
        setMessage(tr("Import a dataset first: there is nothing to train on."));
        return false;
    }
    if (m_session->windowCount() == 0) {  // "None" in the dataset browser
        setMessage(tr("Nothing to train on: every window is excluded in the dataset browser. "
                      "Press All there (or tick files) and start again."));
        return false;
    }
    return true;
}

bool TrainingModel::start()
{
    if (m_running)
        return false;
    if (!hasTrainingWindows())
        return false;
    if (m_choice != QLatin1String("scratch"))
        return startMap();
    const Dataset& dataset = *m_session->dataset();
    TrainingJob job;
    job.source = TrainingJob::Source::Fresh;
    const TrainSettings& settings = m_settings.value();
    m_runSettings = settings;
    if (const std::string problem = settings.problem(); !problem.empty()) {  // never after setSettings' clamps
        setMessage(tr("These settings cannot make a model: %1").arg(QString::fromStdString(problem)));
        return false;
    }
    ModelConfig& config = job.config;
    config.type = settings.model;
    config.latent = settings.latent;
    config.grid = dataset.mostCommonGrid();
    config.drumMap = dataset.settings().map;
    if (settings.hidden > 0) {  // 0: the model's default widths
        if (settings.model == "recurrent") {
            config.rnnHidden = settings.hidden;
        } else {
            config.hidden = settings.hidden;
            config.decoderHidden = 2 * settings.hidden;
        }
    }
    config.transformer = settings.transformerConfig();
    if (settings.model == "transformer" && settings.input == "groove")
        config.transformer.styles = TrainingSet::styleLabels(dataset, config.grid);
    config.loss.beta = float(settings.beta);
    config.loss.freeBits = float(settings.freeBits);
    config.loss.klAnneal = settings.klAnneal;
    config.loss.klWarmupEpochs = settings.klAnneal == "none" ? 0 : std::max(1, settings.klWarmup);
    config.loss.flat = settings.flat;
    config.loss.flatEta = float(settings.flatEta);
    if (const std::string problem = config.problem(); !problem.empty()) {
        setMessage(tr("These settings cannot make a model: %1").arg(QString::fromStdString(problem)));
        return false;
    }
    job.seed = settings.seed;
    m_resuming = false;
    m_fromFile = false;
    m_history.reset({});
    return launch(std::move(job));
}

bool TrainingModel::startMap()
{
    const QString base = m_mapBase.isEmpty()
        ? QDir(AssetPaths::findModelsDir()).filePath(QStringLiteral("recurrent-32d-flat.gsmodel"))
        : m_mapBase;
    TrainSettings s = m_settings.value().recommendedFor(kMapModelType);
    s.latent = std::clamp(m_settings.value().latent, 2, 3);  // the XY pad or the 3D view
    s.base = base.toStdString();
    s.mapAttributes = m_mapAxes ? kMapAxesWeight : 0.0;
    TrainingJob job;
    job.source = TrainingJob::Source::Fresh;
    job.config.type = kMapModelType;
    job.config.latent = s.latent;
    job.config.hidden = s.hidden;
    job.config.loss.beta = float(s.beta);
    job.config.loss.mapAttributes = float(s.mapAttributes);
    job.mapBasePath = base;
    job.fineTuneEpochs = m_choice == QLatin1String("finetune") ? kFineTuneEpochs : 0;
    job.seed = s.seed;
    m_runSettings = s;
    m_resuming = false;
    m_fromFile = false;
    m_history.reset({});
    return launch(std::move(job));
}

bool TrainingModel::resume()
{
    if (m_running || !m_model)
        return false;
    if (!hasTrainingWindows())
        return false;
    // The session may be exploring this very model: the run trains a copy.
    TrainingJob job;
    job.source = TrainingJob::Source::Copy;
    job.previous = m_model;
    job.savePath = m_savedPath;
    m_resuming = true;
    m_fromFile = false;
    m_runSettings = m_settings.value();
    return launch(std::move(job));
}

bool TrainingModel::resumeFile(const QString& path)
{
    if (m_running || path.isEmpty())
        return false;
    if (!hasTrainingWindows())
        return false;
    TrainingJob job;
    job.source = TrainingJob::Source::File;
    job.modelPath = path;
    if (!m_saveFolder.isEmpty() && QFileInfo(path).absolutePath() == QDir(m_saveFolder).absolutePath())
        job.savePath = path;  // the library's own file; bundled or foreign files stay as they are
    m_resuming = true;
    m_fromFile = true;
    m_runSettings = m_settings.value();
    return launch(std::move(job));
}

bool TrainingModel::launch(TrainingJob job)
{
    m_run.reset();  // a finished run: its thread has ended
    job.dataset = m_session->dataset();
    job.datasetName = m_session->datasetName();
    m_datasetName = job.datasetName;
    const TrainSettings& settings = m_runSettings;
    // A resume keeps the model's last learning rate unless the user changed it (0 = the trainer's choice).
    job.options = settings.trainOptions();
    // Ask for bf16 only where the trainer would honour it, so other runs carry no fallback note
    // (a model file's config is known only once the run has read it: there the trainer decides).
    const ModelConfig* config = job.source == TrainingJob::Source::Fresh ? &job.config
        : job.previous                                                  ? &job.previous->config()
                                                                        : nullptr;
    const bool bf16Pays = config ? choosePrecision(TrainPrecision::BFloat16, *config).note.empty() : cpuHasBf16();
    job.options.precision = m_settings.fastTraining() && bf16Pays ? TrainPrecision::BFloat16 : TrainPrecision::Float32;
    job.saveFolder = m_saveFolder;
    // A name a musician can read in the library: what, on what, when (the first-hour report: names were
    // truncated to the same "rhythmvae-latent2-2026..." text).
    QString on = m_datasetName.isEmpty() ? tr("dataset") : m_datasetName;
    on.replace(QLatin1Char('/'), QLatin1Char('-'));
    job.saveStem = tr("%1 %2D on %3 %4")
                       .arg(QString::fromStdString(settings.model))
                       .arg(job.source == TrainingJob::Source::Fresh ? job.config.latent : settings.latent)
                       .arg(on.left(40))
                       .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd hh.mm.ss")));
    if (job.source == TrainingJob::Source::Copy && job.previous)
        job.saveStem = QStringLiteral("%1-latent%2-%3")
                           .arg(QString::fromStdString(job.previous->config().type))
                           .arg(job.previous->config().latent)
                           .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
    m_firstEpoch = m_epoch = 0;
    m_epochsPlanned = 0;
    m_samplesPerSecond = m_elapsed = m_remaining = 0;
    Q_EMIT progressChanged();
    if (!m_evaluation.isEmpty()) {
        m_evaluation.clear();
        Q_EMIT evaluationChanged();
    }
    setPhase(QStringLiteral("preparing"));
    setMessage(tr("Preparing %1 windows…").arg(m_session->windowCount()));
    setRunning(true);
    QPointer<TrainingModel> self(this);
    auto post = [self](auto f) {
        QMetaObject::invokeMethod(self.data(), [self, f] { if (self) f(*self); }, Qt::QueuedConnection);
    };
    TrainingRun::Listener listener;
    listener.phase = [post](TrainingRun::Phase phase, int first, int train, int validation) {
        post([=](TrainingModel& m) { m.onPhase(phase, first, train, validation); });
    };
    listener.report = [post](const TrainReport& report) { post([report](TrainingModel& m) { m.onReport(report); }); };
    listener.evaluation = [post](const char* phase, double fraction) {
        post([name = QString::fromLatin1(phase), fraction](TrainingModel& m) { m.onEvaluationProgress(name, fraction); });
    };
    listener.finished = [post](const TrainingResult& result) {
        post([result](TrainingModel& m) { m.onFinished(result); });
    };
    m_run = std::make_unique<TrainingRun>(std::move(job), std::move(listener));
    return true;
}

void TrainingModel::stop()
{
    if (m_run && m_running) {
        m_run->cancel();
        setMessage(m_phase == QLatin1String("evaluating") ? tr("Stopping the evaluation…")
                                                          : tr("Stopping after this batch…"));
    }
}

void TrainingModel::onPhase(TrainingRun::Phase phase, int first, int train, int validation)
{
    if (!m_running)
        return;
    switch (phase) {
    case TrainingRun::Phase::Preparing:
        break;
    case TrainingRun::Phase::FineTuning:
        setPhase(QStringLiteral("fine-tuning"));
        setMessage(tr("Fine-tuning the bundled model on your windows (%1 epochs), then a map over it…")
                       .arg(kFineTuneEpochs));
        break;
    case TrainingRun::Phase::Training:
        if (m_fromFile)
            m_history.reset({});  // the file's model loaded: its run starts a fresh chart
        m_firstEpoch = m_epoch = first;
        m_epochsPlanned = first + m_runSettings.epochs;
        Q_EMIT progressChanged();
        setPhase(QStringLiteral("training"));
        setMessage(m_resuming ? tr("Resuming at epoch %1 on %2 training / %3 validation windows…")
                                    .arg(first + 1).arg(train).arg(validation)
                              : tr("Training on %1 training / %2 validation windows…").arg(train).arg(validation));
        break;
    case TrainingRun::Phase::Evaluating:
        m_evaluationWindows = validation;
        setPhase(QStringLiteral("evaluating"));
        setMessage(tr("Evaluating on %1 validation windows…").arg(validation));
        break;
    case TrainingRun::Phase::Saving:
        setPhase(QStringLiteral("saving"));
        break;
    }
}

void TrainingModel::onEvaluationProgress(const QString& phase, double fraction)
{
    if (!m_running || m_phase != QLatin1String("evaluating"))
        return;
    setMessage(tr("Evaluating on %1 validation windows: %2 %3%…")
                   .arg(m_evaluationWindows)
                   .arg(phase)
                   .arg(int(std::clamp(fraction, 0.0, 1.0) * 100.0)));
}

void TrainingModel::onReport(const TrainReport& report)
{
    m_epoch = report.epoch;
    m_epochsPlanned = report.epochsPlanned;
    m_samplesPerSecond = report.samplesPerSecond;
    m_elapsed = report.elapsedSeconds;
    m_remaining = report.remainingSeconds;
    EpochRecord record;
    record.epoch = report.epoch;
    record.train = report.train;
    record.validation = report.validation;
    record.learningRate = report.learningRate;
    record.klWeight = report.klWeight;
    record.samplesPerSecond = report.samplesPerSecond;
    m_history.append(record);
    Q_EMIT progressChanged();
    Q_EMIT epochReported(report.epoch, reportValues(report));
}

void TrainingModel::onFinished(const TrainingResult& result)
{
    if (m_run)
        m_run->join();  // the run's thread ends right after posting this
    m_run.reset();
    setPhase(QString());
    setRunning(false);
    if (!result.prepared) {
        setMessage(result.error);
        Q_EMIT finished(false);
        return;
    }
    const TrainOutcome& outcome = result.outcome;
    const QString how = QString::fromUtf8(endName(outcome.end));
    // The trainer's own message, unless it only repeats how the run ended ("cancelled ... : cancelled").
    const QString said = QString::fromStdString(outcome.message);
    const QString detail = said.isEmpty() || said.compare(how, Qt::CaseInsensitive) == 0
                               || said.startsWith(how, Qt::CaseInsensitive) ? QString() : QStringLiteral(": ") + said;
    QString text = tr("Training %1 after %2 epochs (%3 s)%4")
                       .arg(how)
                       .arg(outcome.epochsRun)
                       .arg(outcome.seconds, 0, 'f', 1)
                       .arg(detail);
    if (!result.evaluation.isEmpty())
        text += tr("; validation F1 %1").arg(result.evaluation.value(QStringLiteral("hit_f1")).toDouble(), 0, 'f', 3);
    else if (!result.evaluationError.isEmpty())
        text += tr("; not evaluated: %1").arg(result.evaluationError);
    if (!result.saveError.isEmpty())
        text += tr("; not saved: %1").arg(result.saveError);
    if (!result.savedPath.isEmpty())
        text += tr("; saved as %1").arg(QFileInfo(result.savedPath).fileName());
    setMessage(text);
    if (!result.evaluation.isEmpty()) {
        m_evaluation = result.evaluation;
        Q_EMIT evaluationChanged();
    }
    if (result.model && outcome.ok() && outcome.epochsRun > 0) {
        m_model = result.model;
        Q_EMIT canStartChanged();  // canResume now holds
        if (m_session) {
            const QString name = result.savedPath.isEmpty()
                ? tr("%1 on %2").arg(QString::fromStdString(m_runSettings.model), m_datasetName.isEmpty() ? tr("dataset") : m_datasetName)
                : QFileInfo(result.savedPath).completeBaseName();
            m_session->setModel(m_model, name, result.savedPath);
        }
    }
    if (!result.savedPath.isEmpty()) {
        m_savedPath = result.savedPath;
        Q_EMIT saved(result.savedPath);
    }
    Q_EMIT finished(outcome.ok());
}

} // namespace gs
