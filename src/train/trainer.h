#pragma once
// Trains a Model on its own std::thread (or on the caller's, with run()).
// Adam with weight decay, ReduceLROnPlateau, early stopping, gradient
// clipping, KL annealing, the NaN/Inf guard (stops and restores the last good
// epoch's weights), cancel within a batch, and resume: a model loaded from a
// file continues its history and its optimizer state. Torch-free header.
//
// Threads (each method below says which may call it):
//  - the owner thread creates the Trainer, calls start() and wait() (or run()),
//    reads model() afterwards and destroys it;
//  - the training thread is start()'s own std::thread, or the caller of run();
//    it alone touches the model's weights, the optimizer and torch while the
//    run lasts, and it calls the Callback;
//  - any thread may call cancel() and running() (atomics) at any time.
// Only the two atomic flags are shared while training runs; the outcome is
// handed over by the join in wait(). The Model (a handle that shares the module
// with the caller's copies) must not be used elsewhere until wait() or run()
// returns: Model is not thread-safe, and the training thread writes its weights.
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
    // The Callback runs on the training thread after every epoch (and every
    // TrainOptions::reportEverySteps steps), between batches: keep it short (a Qt
    // listener queues the report to the GUI thread); it may call cancel().
    using Callback = std::function<void(const TrainReport&)>;

    // Owner thread. From here until wait() or run() returns the model belongs to the trainer.
    Trainer(Model model, TrainingSet data, TrainOptions options);
    // Owner thread, never the training thread (it joins it): cancels, then waits for the
    // batch under way to end.
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Owner thread, once, and not together with run(): starts the training thread.
    void start(Callback callback);
    // Owner thread (the one that called start()), never from the Callback: blocks until the
    // training thread ends and returns how it ended (the join makes its writes visible here).
    TrainOutcome wait();
    // Trains on the calling thread, which becomes the training thread until it returns (the
    // command line's main thread, the app's TrainingRun worker); not while start()'s thread runs.
    TrainOutcome run(const Callback& callback);

    // Any thread, any time, also the Callback (an atomic flag): the run stops before its next
    // batch and keeps the weights of its last recorded epoch.
    void cancel() { m_cancel.store(true); }
    // Any thread (an atomic flag): a snapshot, true from start() or run() until the run ends.
    bool running() const { return m_running.load(); }
    // Owner thread, once wait() or run() has returned: the trained model (the same handle).
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
