#pragma once
// INTERNAL (torch): bf16 autocast on CPU for one scope (the forward pass and
// the loss), like torch.autocast('cpu', dtype=torch.bfloat16) in Python.
// Inside, Linear / matmul run in bfloat16 on bf16 copies of the fp32 weights;
// the losses (BCE, MSE) run in fp32 (autocast's fp32 list); the backward
// pass, run after the scope, follows the recorded dtypes, so gradients reach
// the fp32 weights as fp32. Leaving the outermost scope drops the cached bf16
// weight copies: they would be stale after the optimizer step. Autocast state
// is per thread. Does nothing when constructed with enabled = false.
#include <ATen/autocast_mode.h>

namespace gs {

class Bf16Autocast {
public:
    explicit Bf16Autocast(bool enabled);
    ~Bf16Autocast();
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;

private:
    bool m_enabled;
    bool m_wasEnabled = false;
    at::ScalarType m_previousDtype = at::kBFloat16;
};

} // namespace gs
