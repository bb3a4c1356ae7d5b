#pragma once
// One background thread for the map's occasional heavy jobs (encode the edited
// groove, decode a whole path, write a clip), latest job wins: a job posted
// while another waits replaces it, so repeated clicks never queue work. Jobs
// report back to the GUI thread themselves (queued invokeMethod with a context
// object). Plain C++ threads: the destructor drops a waiting job and joins.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gs {

class MapWorker {
public:
    MapWorker();
    ~MapWorker();
    MapWorker(const MapWorker&) = delete;
    MapWorker& operator=(const MapWorker&) = delete;

    // Any thread; never blocks on a running job.
    void post(std::function<void()> job);
    // Blocks until no job waits or runs (tests).
    void waitIdle();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::function<void()> m_pending;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;  // last: starts once the members above exist
};

} // namespace gs
