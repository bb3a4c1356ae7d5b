#include "realtimeprobe.h"

#include <dlfcn.h>
#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

thread_local bool t_armed = false;
std::atomic<long> g_allocations{0};
std::atomic<long> g_frees{0};
std::atomic<long> g_locks{0};

using LockFn = int (*)(pthread_mutex_t*);
LockFn g_realLock = nullptr;
LockFn g_realTryLock = nullptr;

__attribute__((constructor)) void resolveLocks()
{
    g_realLock = reinterpret_cast<LockFn>(dlsym(RTLD_NEXT, "pthread_mutex_lock"));
    g_realTryLock = reinterpret_cast<LockFn>(dlsym(RTLD_NEXT, "pthread_mutex_trylock"));
}

[[maybe_unused]] void countAllocation()
{
    if (t_armed)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}
void countFree(void* p)
{
    if (t_armed && p)
        g_frees.fetch_add(1, std::memory_order_relaxed);
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCountsMalloc = false;
void* rawMalloc(std::size_t n) { return std::malloc(n); }
void rawFree(void* p) { std::free(p); }
#else
constexpr bool kCountsMalloc = true;
#endif

} // namespace

#if !defined(__SANITIZE_ADDRESS__)
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t n)
{
    countAllocation();
    return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size)
{
    countAllocation();
    return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n)
{
    countAllocation();
    return __libc_realloc(p, n);
}
void free(void* p)
{
    countFree(p);
    __libc_free(p);
}
}
namespace {
void* rawMalloc(std::size_t n) { return __libc_malloc(n); }
void rawFree(void* p) { __libc_free(p); }
} // namespace
#endif

extern "C" int pthread_mutex_lock(pthread_mutex_t* m)
{
    if (t_armed)
        g_locks.fetch_add(1, std::memory_order_relaxed);
    if (!g_realLock)
        resolveLocks();
    return g_realLock(m);
}

extern "C" int pthread_mutex_trylock(pthread_mutex_t* m)
{
    if (t_armed)
        g_locks.fetch_add(1, std::memory_order_relaxed);
    if (!g_realTryLock)
        resolveLocks();
    return g_realTryLock(m);
}

// Replaced global operator new/delete (every form the standard library routes through).
void* operator new(std::size_t n)
{
    if (t_armed)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    const bool was = t_armed;
    t_armed = false;  // the malloc below is the same allocation
    void* p = rawMalloc(n ? n : 1);
    t_armed = was;
    if (!p)
        throw std::bad_alloc();
    return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return operator new(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return operator new(n, std::nothrow); }
void operator delete(void* p) noexcept
{
    countFree(p);
    const bool was = t_armed;
    t_armed = false;
    rawFree(p);
    t_armed = was;
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }

namespace gs::test {

void armRealtimeProbe()
{
    g_allocations = 0;
    g_frees = 0;
    g_locks = 0;
    t_armed = true;
}

RealtimeCounts disarmRealtimeProbe()
{
    t_armed = false;
    return {g_allocations.load(), g_frees.load(), g_locks.load()};
}

bool realtimeProbeCountsMalloc() { return kCountsMalloc; }

} // namespace gs::test
