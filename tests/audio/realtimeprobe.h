#pragma once
// Counts heap and lock calls made by the calling thread while armed. The
// counters are replaced global operator new/delete, malloc/calloc/realloc/free
// (through glibc's __libc_* entry points; not under AddressSanitizer, which
// owns malloc) and interposed pthread_mutex_lock/trylock (realtimeprobe.cpp).
namespace gs::test {

struct RealtimeCounts {
    long allocations = 0;  // new, malloc, calloc, realloc
    long frees = 0;  // delete, free
    long locks = 0;  // pthread_mutex_lock / trylock
};

void armRealtimeProbe();  // starts counting on this thread (counts reset)
RealtimeCounts disarmRealtimeProbe();  // stops and returns the counts
bool realtimeProbeCountsMalloc();  // false under ASan (operator new/delete are still counted)

} // namespace gs::test
