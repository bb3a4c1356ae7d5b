#include "trainingmodel.h"

#include "dataset/dataset.h"
#include "modellibrarymodel.h"
#include "model/model.h"
#include "train/trainer.h"

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

#define GS_SETTER(name, field, type, expr)            \
    void TrainingModel::name(type value)              \
    {                                                 \
        if (assign(field, expr))                      \
            Q_EMIT settingsChanged();                 \
    }
GS_SETTER(setFlat, m_flat, bool, value)
GS_SETTER(setLatent, m_latent, int, std::clamp(value, 2, 256))
GS_SETTER(setEpochs, m_epochs, int, std::clamp(value, 1, 5000))
GS_SETTER(setBatch, m_batch, int, std::clamp(value, 1, 4096))
GS_SETTER(setLearningRate, m_lr, double, std::clamp(value, 1e-6, 1.0))
GS_SETTER(setBeta, m_beta, double, std::clamp(value, 0.0, 100.0))
GS_SETTER(setFreeBits, m_freeBits, double, std::clamp(value, 0.0, 1000.0))
GS_SETTER(setEarlyStopPatience, m_earlyStop, int, std::clamp(value, 0, 1000))
GS_SETTER(setHidden, m_hidden, int, std::clamp(value, 8, 4096))
GS_SETTER(setWeightDecay, m_weightDecay, double, std::clamp(value, 0.0, 1.0))
GS_SETTER(setSeed, m_seed, int, std::max(0, value))
GS_SETTER(setFlatEta, m_flatEta, double, std::clamp(value, 0.0, 1e6))
#undef GS_SETTER

TrainingModel::TrainingModel(QObject* parent) : QObject(parent), m_saveFolder(ModelLibraryModel::defaultFolder())
{
    setSession(nullptr);
}

TrainingModel::~TrainingModel()
{
    if (m_trainer)
        m_trainer->cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void TrainingModel::setSaveFolder(const QString& folder)
{
    if (assign(m_saveFolder, folder))
        Q_EMIT saveFolderChanged();
}

void TrainingModel::setModelType(const QString& type)
{
    if (type != QLatin1String("rhythmvae") && type != QLatin1String("recurrent"))
        return;
    if (assign(m_modelType, type)) {
        restoreDefaults();
        Q_EMIT settingsChanged();
    }
}

QStringList TrainingModel::modelTypes() const
{
    return {QStringLiteral("rhythmvae"), QStringLiteral("recurrent")};
}

void TrainingModel::restoreDefaults()
{
    // RhythmVAE's published settings; a GrooVAE-like recurrent model scaled to a CPU.
    const bool recurrent = m_modelType == QLatin1String("recurrent");
    m_latent = recurrent ? 16 : 2;
    m_hidden = recurrent ? 256 : 512;
    m_beta = recurrent ? 0.2 : 1.0;
    m_freeBits = 0.0;
    m_lr = 1e-3;
    m_batch = 64;
    m_epochs = recurrent ? 20 : 30;
    m_earlyStop = 10;
    m_weightDecay = 0.0;
    m_flatEta = 1.0;
    Q_EMIT settingsChanged();
}

void TrainingModel::setSession(Session* session)
{
    if (!session)
        session = Session::instance();
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &Session::datasetChanged, this, &TrainingModel::canStartChanged);
    Q_EMIT sessionChanged();
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

void TrainingModel::setRunning(bool running)
{
    if (!assign(m_running, running))
        return;
    Q_EMIT runningChanged();
    Q_EMIT canStartChanged();
}

bool TrainingModel::start()
{
    if (m_running)
        return false;
    if (!m_session || !m_session->dataset()) {
        setMessage(tr("Import a dataset first: there is nothing to train on."));
        return false;
    }
    const Dataset& dataset = *m_session->dataset();
    ModelConfig config;
    config.type = m_modelType.toStdString();
    config.latent = m_latent;
    config.grid = dataset.mostCommonGrid();
    config.drumMap = dataset.settings().map;
    if (m_modelType == QLatin1String("recurrent")) {
        config.rnnHidden = m_hidden;
    } else {
        config.hidden = m_hidden;
        config.decoderHidden = 2 * m_hidden;
    }
    config.loss.beta = float(m_beta);
    config.loss.freeBits = float(m_freeBits);
    config.loss.flat = m_flat;
    config.loss.flatEta = float(m_flatEta);
    if (const std::string problem = config.problem(); !problem.empty()) {
        setMessage(tr("These settings cannot make a model: %1").arg(QString::fromStdString(problem)));
        return false;
    }
    Result<Model> model = Model::create(config, std::uint64_t(m_seed));
    if (!model.ok()) {
        setMessage(QString::fromStdString(model.error().describe()));
        return false;
    }
    m_history.reset({});
    return launch(std::make_shared<Model>(std::move(model.value())), false);
}

bool TrainingModel::resume()
{
    if (m_running || !m_model)
        return false;
    if (!m_session || !m_session->dataset()) {
        setMessage(tr("Import a dataset first: there is nothing to train on."));
        return false;
    }
    // The session may be exploring this very model: give it a copy to keep exploring.
    return launch(std::make_shared<Model>(m_model->clone()), true);
}

bool TrainingModel::launch(std::shared_ptr<Model> model, bool resuming)
{
    if (m_thread.joinable())
        m_thread.join();
    const Dataset& dataset = *m_session->dataset();
    m_datasetName = m_session->datasetName();
    TrainingSet data = TrainingSet::fromDataset(dataset, model->config().grid, m_datasetName.toStdString());
    if (data.train.empty()) {
        setMessage(tr("The dataset has no windows on the model's grid (%1 steps): nothing to train on.")
                       .arg(model->config().steps()));
        return false;
    }
    TrainOptions options;
    options.epochs = m_epochs;
    options.batch = m_batch;
    options.lr = m_lr;
    options.weightDecay = m_weightDecay;
    options.earlyStopPatience = m_earlyStop;
    options.seed = std::uint64_t(m_seed);
    m_model = model;
    m_trainer = std::make_unique<Trainer>(*model, std::move(data), options);
    m_firstEpoch = resuming && !model->history().empty() ? model->history().back().epoch : 0;
    m_epoch = m_firstEpoch;
    m_epochsPlanned = m_firstEpoch + m_epochs;
    m_samplesPerSecond = m_elapsed = m_remaining = 0;
    Q_EMIT progressChanged();
    setMessage(resuming ? tr("Resuming at epoch %1…").arg(m_firstEpoch + 1) : tr("Training…"));
    setRunning(true);
    Trainer* trainer = m_trainer.get();
    // Saved on the training thread: the file write stays off the GUI thread.
    QString savePath;
    if (!m_saveFolder.isEmpty()) {
        const QString stem = QStringLiteral("%1-latent%2-%3")
                                 .arg(m_modelType)
                                 .arg(model->config().latent)
                                 .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
        savePath = QDir(m_saveFolder).filePath(stem + QStringLiteral(".gsm"));
        for (int n = 2; QFileInfo::exists(savePath); ++n)  // two runs in one second keep both files
            savePath = QDir(m_saveFolder).filePath(QStringLiteral("%1-%2.gsm").arg(stem).arg(n));
    }
    m_thread = std::thread([this, trainer, savePath] {
        const TrainOutcome outcome = trainer->run([this](const TrainReport& report) {
            if (report.kind == TrainReport::Kind::Epoch)
                QMetaObject::invokeMethod(this, [this, report] { onReport(report); }, Qt::QueuedConnection);
        });
        QString saved, error;
        if (outcome.ok() && outcome.epochsRun > 0 && !savePath.isEmpty()) {
            QDir().mkpath(QFileInfo(savePath).absolutePath());
            const Status status = trainer->model().save(savePath.toStdString());
            if (status.ok())
                saved = savePath;
            else
                error = QString::fromStdString(status.error().describe());
        }
        QMetaObject::invokeMethod(this, [this, outcome, saved, error] { onFinished(outcome, saved, error); },
                                  Qt::QueuedConnection);
    });
    return true;
}

void TrainingModel::stop()
{
    if (m_trainer && m_running) {
        m_trainer->cancel();
        setMessage(tr("Stopping after this batch…"));
    }
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

void TrainingModel::onFinished(const TrainOutcome& outcome, const QString& savedPath, const QString& saveError)
{
    if (m_thread.joinable())
        m_thread.join();
    m_trainer.reset();
    setRunning(false);
    const QString how = QString::fromUtf8(endName(outcome.end));
    const QString detail = outcome.message.empty() ? QString() : QStringLiteral(": ") + QString::fromStdString(outcome.message);
    setMessage(tr("Training %1 after %2 epochs (%3 s)%4")
                   .arg(how)
                   .arg(outcome.epochsRun)
                   .arg(outcome.seconds, 0, 'f', 1)
                   .arg(detail));
    if (!saveError.isEmpty())
        setMessage(m_message + tr("; not saved: %1").arg(saveError));
    if (!savedPath.isEmpty()) {
        m_savedPath = savedPath;
        setMessage(m_message + tr("; saved as %1").arg(QFileInfo(savedPath).fileName()));
        Q_EMIT saved(savedPath);
    }
    if (outcome.ok() && m_model && m_session && outcome.epochsRun > 0) {
        const QString name = tr("%1 on %2").arg(m_modelType, m_datasetName.isEmpty() ? tr("dataset") : m_datasetName);
        m_session->setModel(m_model, name);
    }
    Q_EMIT finished(outcome.ok());
}

} // namespace gs
