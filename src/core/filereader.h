#pragma once
// Whole-file reads of what musicians trade (models, datasets, drum maps, kits,
// MIDI): only regular files are read, never a FIFO, device, folder or socket
// (those block or never end), and never more than a budget tied to the format,
// so a hostile file cannot hang the reader or exhaust memory.
#include "error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// Budgets for whole-file reads shared by several readers, far above any real file of each kind
// (the model and dataset files keep theirs beside their formats).
inline constexpr std::uint64_t kMaxJsonFileBytes = std::uint64_t(4) << 20;  // drum maps, kit.json, drumkit.xml
inline constexpr std::uint64_t kMaxTableFileBytes = std::uint64_t(64) << 20;  // info.csv and the like

// Opens `path` for reading without blocking (O_NONBLOCK, then fstat), refuses anything but a
// regular file, and returns a blocking descriptor the caller closes. `what` names the kind of file
// in messages ("model file", "drum map"). Errors name the file.
Result<int> openRegularFile(const std::string& path, const char* what);

// The whole file, or an error when it is not a regular file, cannot be read, or is larger than
// maxBytes (checked before anything is allocated).
Result<std::string> readWholeFile(const std::string& path, std::uint64_t maxBytes, const char* what);
Result<std::vector<std::uint8_t>> readFileBytes(const std::string& path, std::uint64_t maxBytes, const char* what);

} // namespace gs
