#include "fusedadam.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace gs {

namespace {

// Elements per task: below this a parameter (a bias, a small layer) is not worth a second thread.
constexpr std::int64_t kGrain = 32768;

// Archive key of one moment tensor ("m3", "v3"); built without operator+ (GCC 12 -Wrestrict false alarm).
std::string key(char moment, std::size_t index)
{
    std::string k(1, moment);
    k += std::to_string(index);
    return k;
}

} // namespace

FusedAdam::FusedAdam(std::vector<torch::Tensor> parameters, double lr, double weightDecay)
    : m_params(std::move(parameters)), m_lr(lr), m_weightDecay(weightDecay)
{
    for (const torch::Tensor& p : m_params) {
        m_m.push_back(torch::zeros_like(p, torch::MemoryFormat::Contiguous));
        m_v.push_back(torch::zeros_like(p, torch::MemoryFormat::Contiguous));
    }
}

void FusedAdam::zeroGrad()
{
    for (torch::Tensor& p : m_params)
        if (p.grad().defined())
            p.mutable_grad().zero_();
}

void FusedAdam::step()
{
    torch::NoGradGuard noGrad;
    ++m_step;
    const float b1 = float(m_beta1), b2 = float(m_beta2), eps = float(m_eps), wd = float(m_weightDecay);
    const double bc1 = 1.0 - std::pow(m_beta1, double(m_step));
    const float invSqrtBc2 = float(1.0 / std::sqrt(1.0 - std::pow(m_beta2, double(m_step))));
    const float stepSize = float(m_lr / bc1);
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        torch::Tensor& p = m_params[k];
        if (!p.grad().defined())
            continue;
        const torch::Tensor g = p.grad().contiguous();
        float* const pData = p.data_ptr<float>();
        const float* const gData = g.data_ptr<float>();
        float* const mData = m_m[k].data_ptr<float>();
        float* const vData = m_v[k].data_ptr<float>();
        // Split over torch's threads (with one thread: one chunk). Element-wise, so the result does not depend
        // on the split: runs stay bitwise reproducible across thread counts.
        at::parallel_for(0, p.numel(), kGrain, [&](std::int64_t begin, std::int64_t end) {
            float* __restrict pp = pData;
            const float* __restrict gp = gData;
            float* __restrict mp = mData;
            float* __restrict vp = vData;
            for (std::int64_t i = begin; i < end; ++i) {
                const float gi = gp[i] + wd * pp[i];
                mp[i] = b1 * mp[i] + (1.0f - b1) * gi;
                vp[i] = b2 * vp[i] + (1.0f - b2) * gi * gi;
                pp[i] -= stepSize * mp[i] / (std::sqrt(vp[i]) * invSqrtBc2 + eps);
            }
        });
    }
}

std::string FusedAdam::save() const
{
    torch::serialize::OutputArchive archive;
    archive.write("step", torch::tensor(m_step));
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        archive.write(key('m', k), m_m[k]);
        archive.write(key('v', k), m_v[k]);
    }
    std::ostringstream bytes;
    archive.save_to(bytes);
    return bytes.str();
}

void FusedAdam::load(const std::string& bytes)
{
    std::istringstream in(bytes);
    torch::serialize::InputArchive archive;
    archive.load_from(in);
    torch::Tensor step;
    archive.read("step", step);
    std::vector<torch::Tensor> m(m_params.size()), v(m_params.size());
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        archive.read(key('m', k), m[k]);
        archive.read(key('v', k), v[k]);
        if (!m[k].sizes().equals(m_params[k].sizes()) || !v[k].sizes().equals(m_params[k].sizes()))
            throw std::runtime_error("the optimizer state does not fit the model");
    }
    m_step = step.item<std::int64_t>();
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        m_m[k] = m[k].contiguous().to(torch::kFloat);
        m_v[k] = v[k].contiguous().to(torch::kFloat);
    }
}

} // namespace gs
