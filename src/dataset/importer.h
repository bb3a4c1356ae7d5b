#pragma once
// Imports drum MIDI files and folders into a Dataset, in parallel on all
// cores. The output does not depend on the thread count: files are processed
// in sorted path order when results are merged. A failing file is recorded
// with its reason and the rest continue.
#include "dataset.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace gs {

class Importer {
public:
    // (files done, files total). Called from worker threads, one call at a time.
    using ProgressCallback = std::function<void(int, int)>;

    explicit Importer(ImportSettings settings = {});

    void setThreadCount(int threads) { m_threads = threads; }  // 0 = every core
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // Checked before each file: a cancel takes effect within one file per worker.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    // Errors: invalid settings, a path that does not exist, or a cancel. Any thread.
    Result<Dataset> run(const std::vector<std::string>& paths) const;

    // How many files the last run() started reading (shows how early a cancel stopped it).
    int filesStarted() const { return m_started.load(); }

private:
    ImportSettings m_settings;
    int m_threads = 0;
    ProgressCallback m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
    mutable std::atomic<int> m_started{0};
};

} // namespace gs
