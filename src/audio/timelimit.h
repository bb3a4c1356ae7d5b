#pragma once
// A call into a client library that may never return (RtAudio's JACK API
// blocks for good on a server that accepts connections but does not answer),
// made on a worker thread that the caller waits for only so long. The control
// thread (the GUI thread in the app) is never held past the limit.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace gs {

// Runs `work` (which must not throw) on a new thread and returns its result, or nothing if it took longer
// than `limit`. A late result is destroyed on the worker when the work ends (an open stream is closed there),
// so the caller has nothing to clean up; the worker ends whenever the library lets it.
// Any thread.
template <typename T, typename Work>
std::optional<T> runWithin(std::chrono::milliseconds limit, Work work)
{
    struct Handoff {
        std::mutex mutex;
        std::condition_variable finished;
        std::optional<T> value;
        bool abandoned = false;
    };
    auto handoff = std::make_shared<Handoff>();
    std::thread([handoff, work = std::move(work)]() mutable {
        T value = work();
        std::unique_lock lock(handoff->mutex);
        if (handoff->abandoned)
            return;  // `value` goes here, on this thread
        handoff->value.emplace(std::move(value));
        handoff->finished.notify_one();
    }).detach();
    std::unique_lock lock(handoff->mutex);
    if (!handoff->finished.wait_for(lock, limit, [&] { return handoff->value.has_value(); })) {
        handoff->abandoned = true;
        return std::nullopt;
    }
    return std::move(handoff->value);
}

} // namespace gs
