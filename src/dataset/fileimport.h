#pragma once
// One file's part of an import: read, fingerprint, cut into windows, filter
// by hit count. Pure and thread-safe; the Importer runs many at once.
#include "dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct FileImport {
    FileRecord record;
    std::vector<DatasetWindow> windows;  // after the min-hits filter; duplicates not yet dropped
    std::vector<std::uint64_t> hitHashes;  // per window: hitPlaneHash(), computed here to run in parallel
    int lowHitWindows = 0;
    bool tempoInFile = false;  // false: the file has no tempo event (120 bpm by the standard)
};

// Fingerprint of a window's grid and hit plane (equal hit planes give equal hashes).
std::uint64_t hitPlaneHash(const Groove& groove);

// Never throws; a file that cannot be read or parsed comes back with status Failed and a reason.
FileImport importFile(const std::string& path, const ImportSettings& settings);

} // namespace gs
