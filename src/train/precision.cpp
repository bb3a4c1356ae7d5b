#include "precision.h"

#include <cpuid.h>
#include <cstdlib>
#include <cstring>

namespace gs {

const char* precisionName(TrainPrecision precision)
{
    return precision == TrainPrecision::BFloat16 ? "bf16" : "fp32";
}

std::optional<TrainPrecision> parsePrecision(const std::string& name)
{
    if (name == "fp32")
        return TrainPrecision::Float32;
    if (name == "bf16")
        return TrainPrecision::BFloat16;
    return std::nullopt;
}

bool cpuHasBf16()
{
    if (const char* off = std::getenv("GROOVESCAPE_NO_BF16"); off && *off && std::strcmp(off, "0") != 0)
        return false;
    // avx512f also checks that the OS saves the AVX-512 state (XCR0).
    if (!__builtin_cpu_supports("avx512f"))
        return false;
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0)
        return false;
    const bool amxBf16 = (d >> 22) & 1u;  // CPUID.(7,0):EDX[22]
    const unsigned maxSubleaf = a;
    bool avx512Bf16 = false;
    if (maxSubleaf >= 1 && __get_cpuid_count(7, 1, &a, &b, &c, &d) != 0)
        avx512Bf16 = (a >> 5) & 1u;  // CPUID.(7,1):EAX[5]
    return avx512Bf16 || amxBf16;
}

PrecisionChoice choosePrecision(TrainPrecision requested, const ModelConfig& config)
{
    PrecisionChoice choice;
    if (requested == TrainPrecision::Float32)
        return choice;
    if (!cpuHasBf16())
        choice.note = "bf16 needs a CPU with AVX512_BF16 or AMX-BF16 (this one has neither, or GROOVESCAPE_NO_BF16 "
                      "is set): trained in fp32";
    else if (config.type != "rhythmvae")
        choice.note = "bf16 is implemented for the RhythmVAE only (LibTorch 1.13 keeps GRUs in fp32): trained the "
            + config.type + " model in fp32";
    else if (config.loss.flat)
        choice.note = "bf16 is not used with the flat-manifold penalty (its finite differences are below bf16's "
                      "resolution): trained in fp32";
    else
        choice.precision = TrainPrecision::BFloat16;
    return choice;
}

} // namespace gs
