#pragma once
// INTERNAL (src/model only; torch-free): the model file's layout, shared by
// Model::save and Model::load (modelfile.cpp, torch) and readModelHeader
// (modelheader.cpp, in gs_modelinfo, which the torch-free programs link).
// Header, little-endian:
//   magic "GSMODEL\0" | u32 version | u32 reserved | u64 metaBytes | u64 weightBytes
//   | u64 optimizerBytes | u64 FNV-1a 64 of everything after the header
// A file is checked in that order (magic, version, size, checksum) so each
// kind of damage gets its own message.
#include "core/error.h"
#include "model/modelheader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gs::modelformat {

inline constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 * 4;
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t(1) << 30;  // bundled models: 1.4-13 MB

struct Sections {
    std::uint64_t metaBytes = 0, weightBytes = 0, optimBytes = 0, checksum = 0;
};

// FNV-1a 64 of `size` bytes.
std::uint64_t checksum(const char* data, std::size_t size);
// The fixed header (kHeaderBytes) of the current version for these sections.
std::string header(const Sections& sections);
// The fixed header's checks: `head` is the file's first bytes (up to kHeaderBytes), `fileSize` its size.
Result<Sections> readSections(const std::string& path, std::string_view head, std::uint64_t fileSize);
// A crafted config can describe a model of any size; the weights section must have room for it
// (4 bytes a value) before torch is asked to allocate it.
Status checkWeightRoom(const ModelConfig& config, std::uint64_t weightBytes, const std::string& path);

// The metadata section: config, parameters, history, metrics, dataset summary (ModelHeader's fields
// but hasOptimizerState and fileBytes, which the header says).
std::string metaJson(const ModelHeader& meta);
// Fills config, history, metrics and dataset (not parameters); throws nlohmann's exceptions on
// wrong types, which the caller reports with withoutJsonTag.
Status readMeta(ModelHeader& meta, const std::string& text, const std::string& path);

// nlohmann's "[json.exception.type_error.302] type must be number, but is string" without the
// bracket: the file's metadata has a wrong type; the caller names the file.
std::string withoutJsonTag(const std::string& what);

} // namespace gs::modelformat
