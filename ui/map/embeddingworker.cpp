#include "map/embeddingworker.h"

#include <cstdio>
#include <exception>

namespace gs {

EmbeddingWorker::~EmbeddingWorker()
{
    cancel();
    join();
}

void EmbeddingWorker::start(std::vector<LatentVector> means, TsneOptions options, Progress progress, Done done)
{
    cancel();
    reapFinished();
    Run run;
    run.cancel = std::make_shared<std::atomic<bool>>(false);
    run.finished = std::make_shared<std::atomic<bool>>(false);
    run.thread = std::thread([means = std::move(means), options, progress = std::move(progress),
                              done = std::move(done), cancel = run.cancel, finished = run.finished] {
        try {
            const int dims = means.empty() ? 1 : int(means.front().size());
            std::vector<float> rows;
            rows.reserve(means.size() * std::size_t(dims));
            for (const LatentVector& mean : means)
                rows.insert(rows.end(), mean.begin(), mean.end());
            Result<std::vector<float>> layout = tsne(rows, dims, options, progress, cancel.get());
            if (!cancel->load())
                done(std::move(layout));
        } catch (const std::exception& e) {  // out of memory on a huge map: that run fails, not the app
            if (!cancel->load())
                done(Error{"", std::string("t-SNE failed: ") + e.what()});
        }
        finished->store(true);
    });
    m_runs.push_back(std::move(run));
}

void EmbeddingWorker::cancel()
{
    for (Run& run : m_runs)
        run.cancel->store(true);
}

bool EmbeddingWorker::running() const
{
    return !m_runs.empty() && !m_runs.back().cancel->load() && !m_runs.back().finished->load();
}

void EmbeddingWorker::join()
{
    for (Run& run : m_runs)
        if (run.thread.joinable())
            run.thread.join();
    m_runs.clear();
}

void EmbeddingWorker::reapFinished()
{
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (it->finished->load()) {
            it->thread.join();  // already past its last line: returns at once
            it = m_runs.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace gs
