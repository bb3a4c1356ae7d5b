// bench_train: the RhythmVAE configuration (latent 2, widths 512/1024, batch 64)
// trained by our Trainer and by PyTorch (bench_train.py, Debian's python3-torch)
// in the same run, at 32 and 96 steps and 1 and 2 threads, each in fp32 and in
// bf16 mixed precision (our --precision bf16; PyTorch under torch.autocast
// bf16, the like-for-like reference); then single-z decode latency (median,
// p99) of the torch module, FastDecoder and PyTorch.
// Figures only: a benchmark never passes or fails.
#include "model/fastdecoder.h"
#include "model/internal/modelinternal.h"
#include "train/precision.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

using namespace gs;

namespace {

std::vector<Groove> randomGrooves(const Grid& grid, int count, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<Groove> out;
    for (int i = 0; i < count; ++i) {
        Groove g(grid, 9);
        for (int s = 0; s < g.steps(); ++s)
            for (int v = 0; v < 9; ++v)
                if (u(rng) < 0.15f)
                    g.setHit(s, v, u(rng), u(rng) * 2 - 1);
        out.push_back(std::move(g));
    }
    return out;
}

ModelConfig rhythmVae(int stepsPerBeat)
{
    ModelConfig c;
    c.grid.stepsPerBeat = stepsPerBeat;
    return c;
}

double cppTrain(int stepsPerBeat, int threads, int blasThreads, int batches, TrainPrecision precision)
{
    Model m = Model::create(rhythmVae(stepsPerBeat)).value();
    TrainingSet set;
    set.train = randomGrooves(m.config().grid, 64 * batches, 1);
    TrainOptions o;
    o.epochs = 1;
    o.threads = threads;
    o.precision = precision;
    o.blasThreads = blasThreads;
    // Warm-up epoch (allocator, BLAS buffers), then the measured one.
    TrainingSet warm;
    warm.train.assign(set.train.begin(), set.train.begin() + 64 * 3);
    Trainer(m, warm, o).run({});
    TrainOutcome out = Trainer(m, set, o).run({});
    return out.ok() ? out.samplesPerSecond : 0.0;
}

nlohmann::json python(
    const std::string& script, int steps, int threads, int blasThreads, int batches, const std::string& extra)
{
    const std::string cmd = "OPENBLAS_NUM_THREADS=" + std::to_string(blasThreads) + " /usr/bin/python3 " + script + " --steps " + std::to_string(steps)
        + " --threads " + std::to_string(threads) + " --batches " + std::to_string(batches) + " " + extra
        + " 2>/dev/null";
    std::string text;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[512];
        while (fgets(buf, sizeof buf, p))
            text += buf;
        pclose(p);
    }
    try {
        return nlohmann::json::parse(text);
    } catch (...) {
        return {{"error", "python reference failed: " + cmd}};
    }
}

struct Latency {
    double median, p99;
};

template <typename F>
Latency measure(F&& decodeOnce, int count)
{
    for (int i = 0; i < 200; ++i)
        decodeOnce();
    std::vector<double> us;
    us.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const auto t = std::chrono::steady_clock::now();
        decodeOnce();
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t).count());
    }
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[us.size() * 99 / 100]};
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress line by line when redirected
    int batches = 40;
    int decodes = 5000;
    int train = 1;  // --train 0: decode latency only
    int rounds = 1;  // --rounds N: best of N per figure
    std::string script = std::string(GS_BENCH_DIR) + "/bench_train.py";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--batches")
            batches = std::stoi(argv[i + 1]);
        else if (a == "--decodes")
            decodes = std::stoi(argv[i + 1]);
        else if (a == "--train")
            train = std::stoi(argv[i + 1]);
        else if (a == "--rounds")
            rounds = std::max(1, std::stoi(argv[i + 1]));
    }
    std::printf("RhythmVAE training, batch 64, %d batches, best of %d rounds, samples/s (higher is better)\n",
        batches, rounds);
    std::printf("CPU with native bf16 (AVX512_BF16 / AMX-BF16): %s\n", cpuHasBf16() ? "yes" : "no");
    std::printf("threads: torch intra-op / OpenBLAS\n");
    std::printf("%6s %8s %12s %12s %12s %12s\n", "steps", "threads", "ours fp32", "ours bf16", "PyTorch fp32",
        "PyTorch bf16");
    for (int spb : {4, 12}) {
        if (!train)
            break;
        const int steps = 8 * spb;
        enum { OursFp32, OursBf16, PyFp32, PyBf16, Columns };
        double best[Columns] = {};
        // Thread splits: torch intra-op threads x OpenBLAS threads.
        const std::pair<int, int> splits[] = {{1, 1}, {2, 1}, {1, 2}};
        for (auto [threads, blas] : splits) {
            double rate[Columns] = {};
            // Rounds interleave the four so that a burst of load hits them alike.
            for (int round = 0; round < rounds; ++round) {
                rate[OursFp32] = std::max(rate[OursFp32], cppTrain(spb, threads, blas, batches, TrainPrecision::Float32));
                rate[OursBf16] = std::max(rate[OursBf16], cppTrain(spb, threads, blas, batches, TrainPrecision::BFloat16));
                rate[PyFp32] = std::max(rate[PyFp32],
                    python(script, steps, threads, blas, batches, "--decodes 0").value("samples_per_second", 0.0));
                rate[PyBf16] = std::max(rate[PyBf16],
                    python(script, steps, threads, blas, batches, "--decodes 0 --bf16").value("samples_per_second", 0.0));
            }
            for (int c = 0; c < Columns; ++c)
                best[c] = std::max(best[c], rate[c]);
            const std::string split = std::to_string(threads) + "/" + std::to_string(blas);
            std::printf("%6d %8s %12.0f %12.0f %12.0f %12.0f\n", steps, split.c_str(), rate[OursFp32], rate[OursBf16],
                rate[PyFp32], rate[PyBf16]);
        }
        auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
        std::printf("%6d %8s %12.0f %12.0f %12.0f %12.0f   (best thread split each)\n", steps, "best", best[OursFp32],
            best[OursBf16], best[PyFp32], best[PyBf16]);
        std::printf("%6d ratios: ours bf16 / PyTorch fp32 %.2f (goal >= 1.5), ours bf16 / PyTorch bf16 %.2f, "
                    "ours fp32 / PyTorch fp32 %.2f\n",
            steps, ratio(best[OursBf16], best[PyFp32]), ratio(best[OursBf16], best[PyBf16]),
            ratio(best[OursFp32], best[PyFp32]));
    }

    std::printf("\nSingle-z decode latency, 1 thread, microseconds (goal p99 < 100 at 32 steps)\n");
    std::printf("%6s %-22s %10s %10s\n", "steps", "decoder", "median", "p99");
    torch::set_num_threads(1);
    for (int spb : {4, 12}) {
        Model m = Model::create(rhythmVae(spb)).value();
        auto vae = module(m);
        vae->eval();
        torch::Tensor z = torch::randn({1, 2});
        Latency mod = measure(
            [&] {
                torch::InferenceMode guard;
                vae->decode(z);
            },
            decodes);
        FastDecoder fast = FastDecoder::create(m).value();
        std::vector<float> h(std::size_t(fast.cells())), v(h), o(h);
        Latency fd = measure([&] { fast.decode(z.data_ptr<float>(), h.data(), v.data(), o.data()); }, decodes);
        FastDecoder half = FastDecoder::create(m, FastDecoder::Precision::Half).value();
        Latency fh = measure([&] { half.decode(z.data_ptr<float>(), h.data(), v.data(), o.data()); }, decodes);
        const nlohmann::json py = python(script, 8 * spb, 1, 1, 3, "--decodes " + std::to_string(decodes));
        std::printf("%6d %-22s %10.1f %10.1f\n", 8 * spb, "C++ module", mod.median, mod.p99);
        std::printf("%6d %-22s %10.1f %10.1f\n", 8 * spb, "C++ FastDecoder fp32", fd.median, fd.p99);
        std::printf("%6d %-22s %10.1f %10.1f\n", 8 * spb, half.halfWeights() ? "C++ FastDecoder fp16" : "C++ FastDec. (no F16C)",
            fh.median, fh.p99);
        std::printf("%6d %-22s %10.1f %10.1f\n", 8 * spb, "PyTorch module", py.value("decode_median_us", 0.0),
            py.value("decode_p99_us", 0.0));
    }
    return 0;
}
