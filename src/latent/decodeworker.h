#pragma once
// Decodes z's for the app on its own thread, latest request wins: a new
// request replaces one that is still waiting, so a fast drag never queues
// work; the request being decoded finishes and its result is delivered.
// A thin user of core's LatestWorker (the thread, the slot, the counters).
// Plain C++ (no Qt): the view-model wraps the callback in a queued signal.
#include "core/latestworker.h"
#include "latentspace.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

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
    struct Decoded {
        DecodedGroove decoded;
        Groove groove;
    };

    std::shared_ptr<const LatentSpace> m_space;
    Callback m_callback;
    LatestWorker<DecodeRequest, Decoded> m_worker;  // last: its thread stops before the members above go
};

} // namespace gs
