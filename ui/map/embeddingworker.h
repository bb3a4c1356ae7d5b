#pragma once
// Runs the map's t-SNE (latent/tsne.h) on a thread of its own, so the GUI and
// the PCA map stay usable for the seconds it takes. One run at a time: a new
// run cancels the one before it without waiting for it (the old thread is
// joined later, once it has seen its flag); the destructor cancels and joins,
// and a run stops at its next iteration, so quitting is prompt. Callbacks run
// on the worker thread: the owner posts them to its own thread.
#include "core/error.h"
#include "latent/interpolation.h"
#include "latent/tsne.h"

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace gs {

class EmbeddingWorker {
public:
    using Progress = std::function<void(int done, int total)>;
    using Done = std::function<void(Result<std::vector<float>> layout)>;  // not called for a cancelled run

    EmbeddingWorker() = default;
    ~EmbeddingWorker();
    EmbeddingWorker(const EmbeddingWorker&) = delete;
    EmbeddingWorker& operator=(const EmbeddingWorker&) = delete;

    // GUI thread. Cancels any run under way and starts one over these means.
    void start(std::vector<LatentVector> means, TsneOptions options, Progress progress, Done done);
    // GUI thread; never blocks. The run stops at its next iteration and reports nothing.
    void cancel();
    // A run was started and has not finished or been cancelled.
    bool running() const;
    // Blocks until every thread this worker started has ended (tests, destructor).
    void join();

private:
    struct Run {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> cancel;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    void reapFinished();

    std::vector<Run> m_runs;  // the newest last; earlier ones are cancelled
};

} // namespace gs
