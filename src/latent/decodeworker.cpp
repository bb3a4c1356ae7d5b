#include "decodeworker.h"

#include <stdexcept>

namespace gs {

DecodeWorker::DecodeWorker(std::shared_ptr<const LatentSpace> space, Callback callback)
    : m_space(std::move(space)),
      m_callback(std::move(callback)),
      m_worker(
          "gs-decode",
          [this](const DecodeRequest& job) {
              if (Status ok = m_space->checkLatent(job.z); !ok)
                  throw std::invalid_argument(ok.error().describe());
              Decoded out;
              out.decoded = m_space->decode(job.z);
              out.groove = realise(out.decoded, job.sampling);
              return out;
          },
          [this](LatestWorker<DecodeRequest, Decoded>::Reply&& reply) {
              if (!m_callback)
                  return;
              DecodeResult result;
              result.id = reply.request.id;
              result.z = std::move(reply.request.z);
              result.decoded = std::move(reply.result.decoded);
              result.groove = std::move(reply.result.groove);
              result.error = std::move(reply.error);
              m_callback(result);
          })
{
}

DecodeWorker::~DecodeWorker()
{
    m_worker.stop();  // before the callback and the space go
}

void DecodeWorker::request(DecodeRequest request)
{
    const std::uint64_t id = request.id;
    m_worker.request(id, std::move(request));
}

void DecodeWorker::waitIdle()
{
    m_worker.waitIdle();
}

std::uint64_t DecodeWorker::requested() const
{
    return m_worker.requested();
}

std::uint64_t DecodeWorker::decoded() const
{
    return m_worker.delivered();
}

std::uint64_t DecodeWorker::dropped() const
{
    return m_worker.dropped();
}

} // namespace gs
