#pragma once
// Writes a whole file or nothing: the bytes go to a temporary file beside the
// target, are flushed to disk, and only then renamed over it.
#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

} // namespace gs
