#pragma once
// A bounded single-producer single-consumer FIFO for the audio path (after
// choc's SingleReaderSingleWriterFIFO): reset() allocates, push() and pop()
// never allocate, lock or block. Exactly one thread may push and exactly one
// (other) thread may pop between two resets.
#include <atomic>
#include <cstddef>
#include <utility>
#include <vector>

namespace gs {

template <typename T>
class SpscFifo {
public:
    SpscFifo() = default;
    explicit SpscFifo(std::size_t capacity) { reset(capacity); }
    SpscFifo(const SpscFifo&) = delete;
    SpscFifo& operator=(const SpscFifo&) = delete;

    // Any thread, while neither side uses the FIFO: allocates room for `capacity` items and empties it.
    void reset(std::size_t capacity)
    {
        m_slots.assign(capacity + 1, T{});
        m_read.store(0, std::memory_order_relaxed);
        m_write.store(0, std::memory_order_relaxed);
    }

    // Producer thread: false (and nothing copied) when full.
    bool push(const T& item)
    {
        const std::size_t w = m_write.load(std::memory_order_relaxed);
        const std::size_t next = increment(w);
        if (next == m_read.load(std::memory_order_acquire))
            return false;
        m_slots[w] = item;
        m_write.store(next, std::memory_order_release);
        return true;
    }

    // Consumer thread: false when empty.
    bool pop(T& item)
    {
        const std::size_t r = m_read.load(std::memory_order_relaxed);
        if (r == m_write.load(std::memory_order_acquire))
            return false;
        item = std::move(m_slots[r]);
        m_read.store(increment(r), std::memory_order_release);
        return true;
    }

    // Either side: a snapshot that may be stale by the time it is read.
    std::size_t size() const
    {
        const std::size_t w = m_write.load(std::memory_order_acquire);
        const std::size_t r = m_read.load(std::memory_order_acquire);
        return w >= r ? w - r : w + m_slots.size() - r;
    }
    std::size_t capacity() const { return m_slots.empty() ? 0 : m_slots.size() - 1; }
    bool empty() const { return size() == 0; }

private:
    std::size_t increment(std::size_t i) const { return i + 1 == m_slots.size() ? 0 : i + 1; }

    std::vector<T> m_slots;
    alignas(64) std::atomic<std::size_t> m_read{0};
    alignas(64) std::atomic<std::size_t> m_write{0};
};

} // namespace gs
