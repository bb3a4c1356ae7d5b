#pragma once
// eval's accompaniment figures for a groove-mode transformer: the monotonic groove of every window
// in, drums out (no conditions, the mean z), compared with the real drums (accompanimentmetrics.h)
// at a few hit thresholds: above 0.5 trades recall for precision.
#include "jsonout.h"

#include "core/monotonic.h"
#include "latent/accompanimentmetrics.h"
#include "latent/accompanist.h"

#include <map>
#include <string>
#include <vector>

namespace gs::cli {

inline const std::vector<float>& accompanimentThresholds()
{
    static const std::vector<float> thresholds = {0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
    return thresholds;
}

// Metrics per threshold; windows the accompanist refuses are left out of both sides. `atHalf` (when given)
// gets the drums generated at threshold 0.5 and `kept` the index of each one's window (the feature comparison).
inline std::map<float, std::map<std::string, double>> accompanimentEvaluation(const Accompanist& accompanist,
    const std::vector<Groove>& windows, std::vector<Groove>* atHalf = nullptr, std::vector<std::size_t>* kept = nullptr)
{
    std::vector<DecodedGroove> decoded;
    std::vector<Groove> real;
    for (const Groove& w : windows) {
        auto z = accompanist.encode(monotonicGroove(w));
        if (!z)
            continue;
        decoded.push_back(accompanist.decode(*z, {}));
        real.push_back(w);
        if (kept)
            kept->push_back(std::size_t(&w - windows.data()));
    }
    std::map<float, std::map<std::string, double>> out;
    for (float threshold : accompanimentThresholds()) {
        SamplingOptions sampling;
        sampling.threshold = threshold;
        std::vector<Groove> generated;
        for (const DecodedGroove& d : decoded)
            generated.push_back(realise(d, sampling));
        out[threshold] = accompanimentMetrics(generated, real);
        if (atHalf && threshold == 0.5f)
            *atHalf = generated;
    }
    return out;
}

inline nlohmann::json accompanimentJson(const std::map<float, std::map<std::string, double>>& byThreshold)
{
    nlohmann::json curve = nlohmann::json::array();
    nlohmann::json atHalf;
    for (const auto& [threshold, metrics] : byThreshold) {
        nlohmann::json m(metrics);
        m["threshold"] = threshold;
        curve.push_back(m);
        if (threshold == 0.5f)
            atHalf = m;
    }
    atHalf["thresholds"] = curve;
    return atHalf;
}

} // namespace gs::cli
