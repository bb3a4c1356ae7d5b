#pragma once
// Decodes z's for the app on its own thread, latest request wins: a new
// request replaces one that is still waiting, so a fast drag never queues
// work; the request being decoded finishes and its result is delivered.
// Plain C++ (no Qt): the view-model wraps the callback in a queued signal.
#include "latentspace.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace gs {

struct DecodeRequest {
    std::uint64_t id = 0;  // the caller's tag, returned with the result
    LatentVector z;
    SamplingOptions sampling;
};

struct DecodeResult {
    std::uint64_t id = 0;
    LatentVector z;
    DecodedGroove decoded;
    Groove groove;  // decoded under the request's sampling options
    std::string error;  // non-empty when the request could not be decoded (then decoded/groove are empty)
};

class DecodeWorker {
public:
    using Callback = std::function<void(const DecodeResult&)>;

    // Starts the worker thread. `callback` runs on the worker thread, once per decoded request.
    DecodeWorker(std::shared_ptr<const LatentSpace> space, Callback callback);
    // Stops the thread: a pending request is dropped, the running one finishes. Any thread but the worker's.
    ~DecodeWorker();
    DecodeWorker(const DecodeWorker&) = delete;
    DecodeWorker& operator=(const DecodeWorker&) = delete;

    // Any thread. Replaces a request still waiting; never blocks on a decode.
    void request(DecodeRequest request);
    // Any thread. Blocks until no request is waiting or running (tests, shutdown of a view).
    void waitIdle();

    // Any thread. Counters: requests received, decoded (callback called), replaced before decoding.
    std::uint64_t requested() const;
    std::uint64_t decoded() const;
    std::uint64_t dropped() const;

private:
    void run();

    std::shared_ptr<const LatentSpace> m_space;
    Callback m_callback;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::optional<DecodeRequest> m_pending;
    bool m_busy = false;
    bool m_stop = false;
    std::uint64_t m_requested = 0;
    std::uint64_t m_decoded = 0;
    std::uint64_t m_dropped = 0;
    std::thread m_thread;  // last: starts after every member above exists
};

} // namespace gs
