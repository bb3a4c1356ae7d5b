#pragma once
// Train/validation split by file, never by window, so validation is honest.
// A split given by the data itself (info.csv's split column) is kept; the
// other files are shuffled with a seed, per style, and a fraction of each
// style goes to validation (largest-remainder quotas, so the total share is
// right even when every style is small).
#include "dataset.h"

namespace gs {

// Sets FileRecord::split for every file and copies it into the windows. Deterministic for a seed.
void assignSplit(Dataset& dataset, std::uint64_t seed, double validationFraction);

} // namespace gs
