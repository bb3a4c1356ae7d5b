#pragma once
// FNV-1a 64: a dependency-free fingerprint of a file's bytes (source hashes in
// the dataset file) and of hit planes (duplicate detection). Not cryptographic.
#include <cstddef>
#include <cstdint>

namespace gs {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;

inline std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t hash = kFnvOffset)
{
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace gs
