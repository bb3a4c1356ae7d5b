#include "datasetsplit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

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
    const double fraction = std::clamp(validationFraction, 0.0, 1.0);
    std::mt19937_64 rng(seed);
    for (auto& [style, members] : byStyle) {
        seededShuffle(members, rng);
        const auto count = std::size_t(std::lround(double(members.size()) * fraction));
        for (std::size_t k = 0; k < count && k < members.size(); ++k)
            files[std::size_t(members[k])].split = Split::Validation;
    }
    dataset.syncWindowsFromFiles();
}

} // namespace gs
