// The map's t-SNE (src/latent/tsne.h) on one thread: seconds for 1,000, 5,000
// and 10,000 latent means of 32 values (real ones: two-bar Groove MIDI Dataset
// windows encoded by the bundled 32D recurrent model, one-bar hop), split into the
// neighbour search with the input similarities (the first progress report)
// and the 1,000 iterations, beside the exact-kNN cost it grows with (n^2).
// Run: OPENBLAS_NUM_THREADS=1 build/release/bin/bench_tsne [largest]
#include "dataset/importer.h"
#include "latent/latentspace.h"
#include "latent/tsne.h"
#include "model/model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace gs;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Two-bar windows of the whole GMD, imported as the app does with a hop of one bar (--hop-bars 1: the
// non-overlapping windows number 9,646, fewer than the largest size here), in import order, up to `wanted`.
std::vector<Groove> gmdWindows(const std::filesystem::path& gmd, std::size_t wanted)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(gmd))
        if (entry.path().extension() == ".mid")
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    ImportSettings settings;
    settings.hopBars = 1;
    Importer importer(settings);
    importer.setThreadCount(1);
    auto dataset = importer.run(files);
    std::vector<Groove> out;
    if (!dataset)
        return out;
    for (const DatasetWindow& w : dataset->windows())
        if (w.groove.steps() == 32 && out.size() < wanted)
            out.push_back(w.groove);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    const int largest = argc > 1 ? std::atoi(argv[1]) : 10000;
    const std::filesystem::path gmd = std::filesystem::path(GS_SHARED_DATA_DEFAULT) / "gmd";
    auto model = Model::load((std::filesystem::path(GS_SOURCE_DIR) / "models/recurrent-32d-flat.gsmodel").string());
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().describe().c_str());
        return 1;
    }
    const std::vector<Groove> windows = gmdWindows(gmd, std::size_t(largest));
    const LatentSpace space(*model);
    auto encoded = space.encode(windows);
    if (!encoded) {
        std::fprintf(stderr, "%s\n", encoded.error().describe().c_str());
        return 1;
    }
    std::printf("t-SNE, one thread, perplexity 30, theta 0.5, 1000 iterations; %zu GMD windows encoded (32D)\n",
                encoded->mean.size());
    std::printf("%8s %12s %14s %10s\n", "points", "kNN + P (s)", "iterations (s)", "total (s)");
    for (int n : {1000, 5000, 10000}) {
        if (n > int(encoded->mean.size()))
            break;
        std::vector<float> rows;
        for (int i = 0; i < n; ++i)
            rows.insert(rows.end(), encoded->mean[std::size_t(i)].begin(), encoded->mean[std::size_t(i)].end());
        const auto start = Clock::now();
        double firstReport = 0.0;
        auto layout = tsne(rows, 32, {}, [&](int done, int) {
            if (done == 1)
                firstReport = secondsSince(start);
        });
        const double total = secondsSince(start);
        if (!layout) {
            std::fprintf(stderr, "%s\n", layout.error().describe().c_str());
            return 1;
        }
        std::printf("%8d %12.2f %14.2f %10.2f\n", n, firstReport, total - firstReport, total);
    }
    return 0;
}
