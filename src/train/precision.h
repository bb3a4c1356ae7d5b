#pragma once
// Training precision: fp32, or bf16 mixed precision (matmuls of the forward
// and backward pass in bfloat16 through oneDNN; fp32 master weights, Adam,
// gradients and loss reductions). Torch-free.
//
// bf16 pays only where the CPU multiplies bfloat16 natively (AVX512_BF16 or
// AMX-BF16); elsewhere it is emulated and slower than fp32, so the trainer
// falls back to fp32 there and says why.
#include "model/modelconfig.h"
#include "trainoptions.h"

#include <optional>
#include <string>

namespace gs {

// "fp32" / "bf16": the names of the CLI, the model file's history and the UI.
const char* precisionName(TrainPrecision precision);
std::optional<TrainPrecision> parsePrecision(const std::string& name);

// True when this CPU (and OS) runs bf16 matmuls natively: AVX-512 with
// AVX512_BF16, or AMX-BF16. GROOVESCAPE_NO_BF16=1 in the environment answers
// false (to compare against, and to test the fallback on such a CPU).
bool cpuHasBf16();

struct PrecisionChoice {
    TrainPrecision precision = TrainPrecision::Float32;  // what the trainer will use
    std::string note;  // why the request was not honoured (empty when it was)
};

// The precision to train `config` with when `requested` was asked for.
// bf16 falls back to fp32 (with a note) on CPUs without native bf16, for the
// recurrent model (LibTorch 1.13 autocast keeps GRUs in fp32, so its bf16
// Linear outputs would not match) and with the flat-manifold penalty (its
// finite-difference Jacobian, epsilon 1e-2, is below bf16's resolution).
PrecisionChoice choosePrecision(TrainPrecision requested, const ModelConfig& config);

} // namespace gs
