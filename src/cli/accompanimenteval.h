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

// Metrics per threshold; windows the accompanist refuses are left out of both sides. `locked`: with
// AccompanyOptions::lockToRhythm (hits only on the rhythm's steps, each of them kept). `atHalf` (when given)
// gets the drums generated at threshold 0.5 and `kept` the index of each one's window (the feature comparison).
inline std::map<float, std::map<std::string, double>> accompanimentEvaluation(const Accompanist& accompanist,
    const std::vector<Groove>& windows, bool locked = false, std::vector<Groove>* atHalf = nullptr,
    std::vector<std::size_t>* kept = nullptr)
{
    std::vector<DecodedGroove> decoded;
    std::vector<Groove> real, rhythms;
    for (const Groove& w : windows) {
        const Groove rhythm = monotonicGroove(w);
        auto z = accompanist.encode(rhythm);
        if (!z)
            continue;
        decoded.push_back(accompanist.decode(*z, {}));
        real.push_back(w);
        rhythms.push_back(rhythm);
        if (kept)
            kept->push_back(std::size_t(&w - windows.data()));
    }
    std::map<float, std::map<std::string, double>> out;
    for (float threshold : accompanimentThresholds()) {
        SamplingOptions sampling;
        sampling.threshold = threshold;
        std::vector<Groove> generated;
        for (std::size_t i = 0; i < decoded.size(); ++i) {
            generated.push_back(realise(decoded[i], sampling));
            if (locked)
                lockToRhythm(generated.back(), decoded[i], rhythms[i]);
        }
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
