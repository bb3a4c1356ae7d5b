// Time per two-bar generation of the Groove Transformer accompanist (monotonic groove in, drums out:
// encode, decode with conditions, realise), on one core: median and p99 over the rhythms of real GMD
// windows, beside the Groove Transformer slides' reference ("under 10 ms is enough", Python) and our
// aim (2 ms). Never a pass/fail test.
// Run: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 build/release/bin/bench_accompany [MODEL] [--repeat N]
// (torch runs one intra-op thread here by default; taskset -c 0 pins it to one core).
#include "core/monotonic.h"
#include "latent/accompanist.h"
#include "midi/groovemidi.h"
#include "model/model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace gs;

int main(int argc, char** argv)
{
    std::string modelPath = std::string(GS_SOURCE_DIR) + "/models/groove-transformer.gsmodel";
    int repeat = 2000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = std::max(10, std::atoi(argv[++i]));
        else
            modelPath = argv[i];
    }
    auto model = Model::load(modelPath);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().describe().c_str());
        return 1;
    }
    auto accompanist = Accompanist::create(*model);
    if (!accompanist) {
        std::fprintf(stderr, "%s: %s\n", modelPath.c_str(), accompanist.error().message.c_str());
        return 1;
    }
    // Rhythms: every two-bar window of a few GMD sessions.
    std::vector<Groove> rhythms;
    const std::filesystem::path gmd = std::filesystem::path(GS_SHARED_DATA_DEFAULT) / "gmd/drummer1/session1";
    for (const auto& entry : std::filesystem::directory_iterator(gmd)) {
        auto windows = readGrooveMidi(entry.path().string(), accompanist->drumMap(), 2, 4);
        if (windows)
            for (const Groove& g : *windows)
                if (g.grid() == accompanist->grid() && g.hitCount() > 0)
                    rhythms.push_back(monotonicGroove(g));
        if (rhythms.size() >= 200)
            break;
    }
    if (rhythms.empty()) {
        std::fprintf(stderr, "no GMD windows under %s\n", gmd.string().c_str());
        return 1;
    }
    AccompanyConditions conditions;
    AccompanyOptions options;
    for (int i = 0; i < 50; ++i)  // warm up
        (void)accompanist->drumify(rhythms[std::size_t(i) % rhythms.size()], conditions, options);
    std::vector<double> us;
    us.reserve(std::size_t(repeat));
    for (int i = 0; i < repeat; ++i) {
        options.variation = (i % 2) ? 0.5f : 0.0f;
        options.seed = std::uint64_t(i);
        conditions.without[std::size_t(i % kVoiceGroups)] = (i % 3) == 0;
        const auto start = std::chrono::steady_clock::now();
        auto drums = accompanist->drumify(rhythms[std::size_t(i) % rhythms.size()], conditions, options);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        if (!drums)
            return 1;
    }
    std::sort(us.begin(), us.end());
    const double median = us[us.size() / 2], p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
    std::printf("groove transformer accompanist, %s (%lld parameters), one thread, %d two-bar generations\n",
        modelPath.c_str(), (long long)model->parameterCount(), repeat);
    std::printf("  %-28s %10s %10s\n", "", "median", "p99");
    std::printf("  %-28s %8.2f ms %8.2f ms\n", "Groovescape (C++)", median / 1000.0, p99 / 1000.0);
    std::printf("  %-28s %8s    %8s\n", "aim", "< 2 ms", "");
    std::printf("  %-28s %8s    %8s\n", "slides (Python): enough", "< 10 ms", "");
    return 0;
}
