#pragma once
// Trains a Model on its own std::thread (or on the caller's, with run()).
// Adam with weight decay, ReduceLROnPlateau, early stopping, gradient
// clipping, KL annealing, the NaN/Inf guard (stops and restores the last good
// epoch's weights), cancel within a batch, and resume: a model loaded from a
// file continues its history and its optimizer state. Torch-free header.
//
// Threads: the callback runs on the training thread (a Qt listener should
// queue it to the GUI thread). cancel() may be called from any thread. The
// Model must not be used elsewhere until wait() returns.
#include "model/model.h"
#include "trainingset.h"
#include "trainoptions.h"
#include "trainreport.h"

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace gs {

class Trainer {
public:
    using Callback = std::function<void(const TrainReport&)>;

    Trainer(Model model, TrainingSet data, TrainOptions options);
    ~Trainer();  // cancels and joins
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Starts the training thread. Call once.
    void start(Callback callback);
    // Blocks until the thread ends and returns how it ended.
    TrainOutcome wait();
    // Trains on the calling thread (the command line).
    TrainOutcome run(const Callback& callback);

    void cancel() { m_cancel.store(true); }
    bool running() const { return m_running.load(); }
    Model model() const { return m_model; }

private:
    Model m_model;
    TrainingSet m_data;
    TrainOptions m_options;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
    TrainOutcome m_outcome;
};

} // namespace gs
