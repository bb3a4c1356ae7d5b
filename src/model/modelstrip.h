#pragma once
// Drops the optimizer state from a model file (two thirds of a RhythmVAE file):
// what ships needs only the weights. The result loads, decodes and evaluates
// exactly as the original; a resume from it starts a fresh Adam optimizer
// (the Trainer says so). Torch-free.
#include "core/error.h"

#include <cstdint>
#include <string>

namespace gs {

struct StripReport {
    std::uint64_t bytesBefore = 0;
    std::uint64_t bytesAfter = 0;
    std::uint64_t optimizerBytes = 0;  // what was removed (0: the file was already stripped)
};

// Reads `in` (every check of Model::load), writes `out` without the optimizer state, atomically (temp file +
// rename; `out` may be `in`). Errors name the file.
Result<StripReport> stripModelFile(const std::string& in, const std::string& out);

} // namespace gs
