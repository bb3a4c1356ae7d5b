#pragma once
// The .gsd dataset file: magic "GSDS", a format version, the payload length
// and an FNV-1a checksum, then settings (with the drum map), file records
// (with source hashes) and windows stored sparsely (only cells with a hit).
// Written atomically (temp file + rename). A truncated, corrupt or newer
// file gives an error naming the file.
#include "dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class DatasetFile {
public:
    static constexpr std::uint32_t kVersion = 2;  // 2: drum channels and notes on other channels; 1 still loads
    static constexpr char kMagic[4] = {'G', 'S', 'D', 'S'};
    static constexpr std::uint64_t kMaxFileBytes = std::uint64_t(1) << 30;  // the whole GMD is about 2 MB

    static Status save(const Dataset& dataset, const std::string& path);
    static Result<Dataset> load(const std::string& path);

    static std::vector<std::uint8_t> encode(const Dataset& dataset);
    static Result<Dataset> decode(const std::uint8_t* data, std::size_t size, const std::string& name);
    // True if the bytes start like a dataset file (for `inspect`).
    static bool looksLikeDataset(const std::uint8_t* data, std::size_t size);
};

} // namespace gs
