#pragma once
// One training run of the dashboard, all of it on a thread of its own: get the
// model (a fresh one, a copy of the last one, or one loaded from a file), copy
// the dataset's windows into a TrainingSet, train, evaluate the result on the
// validation windows (the figures go into the file) and save it atomically.
// The GUI thread only starts it and may cancel it; the listener's functions
// run on the run's thread (queue them to the GUI thread).
#include "core/error.h"
#include "model/modelconfig.h"
#include "train/trainoptions.h"
#include "train/trainreport.h"

#include <QString>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace gs {

class Dataset;
class Model;
class Trainer;

struct TrainingJob {
    enum class Source { Fresh, Copy, File };
    Source source = Source::Fresh;
    ModelConfig config;  // Fresh
    std::uint64_t seed = 1;  // Fresh
    // Fresh, config.type "map": the base model file (loaded on the run's thread; config.base is filled from
    // it). With fineTuneEpochs > 0 the base first trains that many epochs on the dataset, then the map
    // sits on the fine-tuned base ("Fine-tune the bundled model").
    QString mapBasePath;
    int fineTuneEpochs = 0;
    std::shared_ptr<Model> previous;  // Copy: cloned on the run's thread
    QString modelPath;  // File
    std::shared_ptr<const Dataset> dataset;
    QString datasetName;
    TrainOptions options;
    QString saveFolder;  // "" = not saved
    QString saveStem;  // file name without extension when a new file is made
    QString savePath;  // overwrite this file if it still exists (a resumed model's own file)
    bool evaluate = true;
};

struct TrainingResult {
    bool prepared = false;  // false: no training happened, `error` says why
    QString error;
    TrainOutcome outcome;
    std::shared_ptr<Model> model;
    QString savedPath;
    QString saveError;
    QVariantMap evaluation;  // hit_f1, ... (empty when not evaluated)
    QString evaluationError;
};

class TrainingRun {
public:
    enum class Phase { Preparing, FineTuning, Training, Evaluating, Saving };
    struct Listener {
        // Training: `first` is the epoch the run starts after, `train`/`validation` the windows it has.
        std::function<void(Phase phase, int first, int train, int validation)> phase;
        std::function<void(const TrainReport&)> report;  // epoch reports
        std::function<void(const TrainingResult&)> finished;  // always, last
        // Evaluation: the evaluator's phase ("reconstruction", "smoothness", "attributes") and the fraction done,
        // at most once per percent. Optional.
        std::function<void(const char* phase, double fraction)> evaluation;
    };

    TrainingRun(TrainingJob job, Listener listener);  // starts the thread
    ~TrainingRun();  // cancels and joins
    TrainingRun(const TrainingRun&) = delete;
    TrainingRun& operator=(const TrainingRun&) = delete;

    // Any thread: stops preparing, training (after the current batch) or evaluating.
    void cancel();
    // Waits for the thread (after `finished` was called, this returns at once).
    void join();

private:
    void run();
    TrainingResult train(Model& model);
    Result<Model> makeMap();  // Fresh map: load the base, fine-tune it if asked, put a fresh map on it

    TrainingJob m_job;
    Listener m_listener;
    std::atomic<bool> m_cancel{false};
    std::mutex m_mutex;
    Trainer* m_trainer = nullptr;  // guarded by m_mutex
    std::thread m_thread;
};

} // namespace gs
