#include "limiter.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
// Close enough to unity to stop releasing: a float release would otherwise
// creep towards 1 for ever and never let the signal pass untouched again.
constexpr double kUnitySnap = 0.99999;  // -0.0001 dB
} // namespace

void Limiter::prepare(double sampleRate)
{
    const double rate = std::isfinite(sampleRate) && sampleRate > 0.0 ? sampleRate : 48000.0;
    m_holdFrames = std::max(1, int(kHoldSeconds * rate));
    m_release = 1.0 - std::exp(-1.0 / (kReleaseSeconds * rate));
    reset();
}

void Limiter::reset()
{
    m_gain = 1.0;
    m_holdLeft = 0;
}

LimiterReport Limiter::process(float* x, int frames)
{
    LimiterReport report;
    double g = m_gain;
    int hold = m_holdLeft;
    for (int i = 0; i < frames; ++i) {
        float& left = x[2 * i];
        float& right = x[2 * i + 1];
        const float al = std::abs(left);
        const float ar = std::abs(right);
        report.inputPeakLeft = std::max(report.inputPeakLeft, al);
        report.inputPeakRight = std::max(report.inputPeakRight, ar);
        const float peak = std::max(al, ar);  // stereo-linked: one gain keeps the image in place
        if (peak >= 1.0f)
            ++report.overFrames;
        // The gain this frame would get from the last: held, then released towards unity.
        if (hold > 0) {
            --hold;
        } else if (g < 1.0) {
            g += (1.0 - g) * m_release;
            if (g > kUnitySnap)
                g = 1.0;
        }
        // Instant attack: exactly enough reduction to meet the ceiling, held from here.
        if (double(peak) * g > double(kCeiling)) {
            g = double(kCeiling) / double(peak);
            hold = m_holdFrames;
        }
        if (g < 1.0) {
            const float gain = float(g);
            left *= gain;
            right *= gain;
            if (gain < kAudibleGain)
                ++report.limitedFrames;
            report.minGain = std::min(report.minGain, gain);
        }
    }
    m_gain = g;
    m_holdLeft = hold;
    return report;
}

LimiterReport Limiter::measure(const float* x, int frames)
{
    LimiterReport report;
    for (int i = 0; i < frames; ++i) {
        const float al = std::abs(x[2 * i]);
        const float ar = std::abs(x[2 * i + 1]);
        report.inputPeakLeft = std::max(report.inputPeakLeft, al);
        report.inputPeakRight = std::max(report.inputPeakRight, ar);
        if (std::max(al, ar) >= 1.0f)
            ++report.overFrames;
    }
    return report;
}

} // namespace gs
