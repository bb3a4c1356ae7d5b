#include "map/mapworker.h"

#include <cstdio>

namespace gs {

MapWorker::MapWorker(std::string name)
    : m_worker(
          std::move(name),
          [](const std::function<void()>& job) {
              job();
              return NoResult{};
          },
          [](LatestWorker<std::function<void()>, NoResult>::Reply&& reply) {
              // Jobs catch their own exceptions and report through the GUI thread; this is the last
              // net, so one that slips through costs that job, not the app.
              if (!reply.error.empty())
                  std::fprintf(stderr, "groovescape: map job: %s\n", reply.error.c_str());
          })
{
}

MapWorker::~MapWorker() = default;

void MapWorker::post(std::function<void()> job)
{
    m_worker.request(0, std::move(job));
}

void MapWorker::waitIdle()
{
    m_worker.waitIdle();
}

} // namespace gs
