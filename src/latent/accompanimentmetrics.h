#pragma once
// How well generated drums match the real drums they were generated for (the accompaniment task:
// the monotonic groove of a real window in, drums out). Torch-free.
#include "core/groove.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

// generated[i] against real[i] (pairs whose shapes differ are skipped; "windows" counts the rest):
//  hit_precision, hit_recall, hit_f1 over every cell of every pair;
//  velocity_mse, offset_mse over the true positives (cells where both hit);
//  offset_spread_ratio: standard deviation of the generated offsets over that of the real ones,
//  on the same true positives (1 = as much micro-timing as the drummer; 0 = quantised);
//  generated_hits, real_hits: hits per window.
std::map<std::string, double> accompanimentMetrics(const std::vector<Groove>& generated,
    const std::vector<Groove>& real);

} // namespace gs
