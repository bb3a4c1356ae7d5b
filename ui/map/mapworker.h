#pragma once
// One background thread for the map's occasional heavy jobs (encode the edited
// groove, decode a whole path, write a clip), latest job wins: a job posted
// while another waits replaces it, so repeated clicks never queue work. Jobs
// report back to the GUI thread themselves (queued invokeMethod with a context
// object). A thin user of core's LatestWorker: the destructor drops a waiting
// job and joins the running one; a job that throws costs that job, not the app
// (its error goes to stderr). Jobs that must not replace each other get a
// MapWorker each.
#include "core/latestworker.h"

#include <functional>
#include <string>

namespace gs {

class MapWorker {
public:
    // `name`: the thread's name (gdb, top -H; 15 characters are kept).
    explicit MapWorker(std::string name = "gs-map-job");
    ~MapWorker();
    MapWorker(const MapWorker&) = delete;
    MapWorker& operator=(const MapWorker&) = delete;

    // Any thread; never blocks on a running job.
    void post(std::function<void()> job);
    // Blocks until no job waits or runs (tests).
    void waitIdle();

private:
    struct NoResult {};
    LatestWorker<std::function<void()>, NoResult> m_worker;
};

} // namespace gs
