#include "training/trainingrun.h"
#include "files/workerguard.h"
#include "files/filecheck.h"

#include "dataset/dataset.h"
#include "model/mapfactory.h"
#include "model/model.h"
#include "training/modeleval.h"
#include "train/trainer.h"
#include "train/trainingset.h"

#include <QDir>
#include <QFileInfo>

#include <string>

namespace gs {

TrainingRun::TrainingRun(TrainingJob job, Listener listener)
    : m_job(std::move(job))
    , m_listener(std::move(listener))
{
    m_thread = std::thread([this] {
        // Any exception (a hostile model file, torch running out of memory) ends the run with its
        // message, as a failed run the dashboard shows, never in std::terminate.
        const QString thrown = runGuarded(m_job.source == TrainingJob::Source::File ? m_job.modelPath
                                                                                     : QObject::tr("training"),
            [this] { run(); });
        if (!thrown.isEmpty()) {
            TrainingResult failed;
            failed.error = thrown;
            m_listener.finished(failed);
        }
    });
}

TrainingRun::~TrainingRun()
{
    cancel();
    join();
}

void TrainingRun::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void TrainingRun::cancel()
{
    m_cancel.store(true);
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->cancel();
}

void TrainingRun::run()
{
    m_listener.phase(Phase::Preparing, 0, 0, 0);
    TrainingResult result;
    Result<Model> model = Error{"", "no model"};
    switch (m_job.source) {
    case TrainingJob::Source::Fresh:
        model = m_job.config.type == kMapModelType ? makeMap() : Model::create(m_job.config, m_job.seed);
        break;
    case TrainingJob::Source::Copy: model = m_job.previous->clone(); break;
    case TrainingJob::Source::File:
        if (const QString problem = regularFileProblem(m_job.modelPath, QStringLiteral("model")); !problem.isEmpty())
            model = Error{"", problem.toStdString()};
        else
            model = Model::load(m_job.modelPath.toStdString());
        break;
    }
    if (!model.ok())
        result.error = QString::fromStdString(model.error().describe());
    else
        result = train(model.value());
    m_listener.finished(result);
}

Result<Model> TrainingRun::makeMap()
{
    if (const QString problem = regularFileProblem(m_job.mapBasePath, QStringLiteral("model")); !problem.isEmpty())
        return Error{"", problem.toStdString()};
    Result<Model> base = Model::load(m_job.mapBasePath.toStdString());
    if (!base)
        return base.error();
    // The base reads voices by its own drum map: windows mapped another way would train silently wrong.
    if (!(m_job.dataset->settings().map == base->config().drumMap))
        return Error{m_job.mapBasePath.toStdString(), "the dataset's drum map (" + m_job.dataset->settings().map.name()
                + ") is not the base model's (" + base->config().drumMap.name() + "): import the files with that map"};
    if (m_job.fineTuneEpochs > 0) {
        m_listener.phase(Phase::FineTuning, 0, 0, 0);
        TrainingSet data = TrainingSet::fromDataset(*m_job.dataset, base->config().grid, m_job.datasetName.toStdString());
        TrainOptions options = m_job.options;
        options.epochs = m_job.fineTuneEpochs;
        options.precision = TrainPrecision::Float32;
        options.lr = 0;  // the base's last learning rate
        auto trainer = std::make_unique<Trainer>(*base, std::move(data), options);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = trainer.get();
            if (m_cancel.load())
                trainer->cancel();
        }
        const TrainOutcome outcome = trainer->run({});
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
        }
        if (!outcome.ok())
            return Error{m_job.mapBasePath.toStdString(), "fine-tuning the base model failed: " + outcome.message};
        if (m_cancel.load())
            return Error{"", QObject::tr("stopped while fine-tuning the base model").toStdString()};
    }
    MapSettings settings;
    settings.latent = m_job.config.latent;
    settings.hidden = m_job.config.hidden;
    settings.loss = m_job.config.loss;
    return createMapModel(*base, settings, m_job.seed);
}

TrainingResult TrainingRun::train(Model& model)
{
    TrainingResult result;
    // The copy of every window into the training set: the slow part of preparing.
    TrainingSet data = TrainingSet::fromDataset(*m_job.dataset, model.config().grid, m_job.datasetName.toStdString());
    if (data.train.empty()) {
        result.error = QObject::tr("The dataset has no training windows on the model's grid (%1 steps, %2 voices): "
                                   "nothing to train on.").arg(model.config().steps()).arg(model.config().voices());
        return result;
    }
    const std::vector<Groove> validation = data.validation;
    const int first = model.history().empty() ? 0 : model.history().back().epoch;
    m_listener.phase(Phase::Training, first, int(data.train.size()), int(validation.size()));
    auto trainer = std::make_unique<Trainer>(model, std::move(data), m_job.options);
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = trainer.get();
        if (m_cancel.load())
            trainer->cancel();  // stopped while preparing: the trainer ends at once, cancelled
    }
    result.prepared = true;
    result.outcome = trainer->run([this](const TrainReport& report) {
        if (report.kind == TrainReport::Kind::Epoch)
            m_listener.report(report);
    });
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = nullptr;
    }
    Model trained = trainer->model();
    trainer.reset();
    if (!result.outcome.ok() || result.outcome.epochsRun == 0)
        return result;
    result.model = std::make_shared<Model>(trained);
    if (m_job.evaluate && !m_cancel.load()) {
        m_listener.phase(Phase::Evaluating, first, 0, int(validation.size()));
        int lastPercent = -1;
        std::string lastPhase;
        auto progress = [&](const char* phase, double fraction) {
            const int percent = int(fraction * 100.0);
            if (m_listener.evaluation && (percent != lastPercent || lastPhase != phase)) {
                lastPercent = percent;
                lastPhase = phase;
                m_listener.evaluation(phase, fraction);
            }
            return true;  // cancel goes through m_cancel
        };
        if (Status s = evaluateInto(*result.model, validation, &m_cancel, progress); s.ok())
            result.evaluation = evaluationFigures(result.model->metrics());
        else
            result.evaluationError = QString::fromStdString(s.error().message);
    }
    if (m_job.saveFolder.isEmpty())
        return result;
    m_listener.phase(Phase::Saving, first, 0, 0);
    QString path = m_job.savePath;
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        const QDir dir(m_job.saveFolder);
        // A run stopped early says so in its name: the library shows it (not saved silently as if complete).
        const QString stem = m_cancel.load() ? QObject::tr("%1 (stopped at epoch %2)").arg(m_job.saveStem).arg(first + result.outcome.epochsRun)
                                             : m_job.saveStem;
        path = dir.filePath(stem + QStringLiteral(".gsm"));
        for (int n = 2; QFileInfo::exists(path); ++n)  // two runs in one second keep both files
            path = dir.filePath(QStringLiteral("%1-%2.gsm").arg(stem).arg(n));
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        result.saveError = QObject::tr("cannot create the folder %1").arg(QFileInfo(path).absolutePath());
        return result;
    }
    if (const Status s = result.model->save(path.toStdString()); s.ok())
        result.savedPath = path;
    else
        result.saveError = QString::fromStdString(s.error().describe());
    return result;
}

} // namespace gs
