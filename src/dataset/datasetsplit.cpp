#include "datasetsplit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace gs {

namespace {

// Fisher-Yates with our own index draw: std::shuffle's sequence differs between standard libraries.
void seededShuffle(std::vector<int>& items, std::mt19937_64& rng)
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = std::size_t(rng() % i);
        std::swap(items[i - 1], items[j]);
    }
}

} // namespace

void assignSplit(Dataset& dataset, std::uint64_t seed, double validationFraction)
{
    auto& files = dataset.files();
    std::map<std::string, std::vector<int>> byStyle;  // files the data did not place, per style
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].splitFromMetadata)
            continue;
        files[i].split = Split::Train;
        byStyle[files[i].style].push_back(int(i));
    }
    // Largest-remainder quotas: each style gets its share, and the total matches the fraction
    // (so a few small styles do not leave validation empty).
    const double fraction = std::clamp(validationFraction, 0.0, 1.0);
    std::size_t unplaced = 0;
    for (const auto& entry : byStyle)
        unplaced += entry.second.size();
    const auto target = std::size_t(std::lround(double(unplaced) * fraction));
    std::vector<std::pair<double, std::string>> remainders;  // (fractional share, style)
    std::map<std::string, std::size_t> quota;
    std::size_t assigned = 0;
    for (const auto& [style, members] : byStyle) {
        const double share = double(members.size()) * fraction;
        quota[style] = std::size_t(std::floor(share));
        assigned += quota[style];
        remainders.emplace_back(share - std::floor(share), style);
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; assigned < target && i < remainders.size(); ++i, ++assigned)
        ++quota[remainders[i].second];

    std::mt19937_64 rng(seed);
    for (auto& [style, members] : byStyle) {
        seededShuffle(members, rng);
        for (std::size_t k = 0; k < quota[style] && k < members.size(); ++k)
            files[std::size_t(members[k])].split = Split::Validation;
    }
    dataset.syncWindowsFromFiles();
}

} // namespace gs
