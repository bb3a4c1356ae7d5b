#pragma once
// INTERNAL (torch): Adam (with L2 weight decay, as torch::optim::Adam) in one
// pass over each parameter: torch's Adam walks every parameter about eight
// times per step and allocates temporaries; for our MLPs that was a fifth of
// a training step. Same update rule and defaults (betas 0.9/0.999, eps 1e-8).
#include <torch/torch.h>

#include <string>
#include <vector>

namespace gs {

class FusedAdam {
public:
    FusedAdam(std::vector<torch::Tensor> parameters, double lr, double weightDecay);

    void zeroGrad();
    void step();
    double lr() const { return m_lr; }
    void setLr(double lr) { m_lr = lr; }

    // The moments and step count, as bytes (a torch archive) for the model file.
    std::string save() const;
    // Throws c10::Error / std::exception on bytes that do not fit these parameters.
    void load(const std::string& bytes);

private:
    std::vector<torch::Tensor> m_params, m_m, m_v;
    double m_lr, m_weightDecay;
    double m_beta1 = 0.9, m_beta2 = 0.999, m_eps = 1e-8;
    std::int64_t m_step = 0;
};

} // namespace gs
