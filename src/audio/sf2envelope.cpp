#include "sf2envelope.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace gs {

namespace {

constexpr double kFloorDb = 100.0;  // a stage's time is for a fall of this much; below it is silence

double seconds(int timecents)
{
    // The spec's range: -12000 (1 ms) .. 8000 (100 s); below -12000 is "instant" in practice.
    return std::exp2(double(std::clamp(timecents, -12000, 8000)) / 1200.0);
}

double dbToGain(double db) { return std::pow(10.0, db / 20.0); }

} // namespace

VolumeEnvelope VolumeEnvelope::fromGenerators(int delayTc, int attackTc, int holdTc, int decayTc, int sustainCb, int releaseTc)
{
    VolumeEnvelope e;
    e.delay = delayTc <= -12000 ? 0.0 : seconds(delayTc);
    e.attack = seconds(attackTc);
    e.hold = seconds(holdTc);
    e.decay = seconds(decayTc);
    e.sustainDb = std::clamp(double(sustainCb) / 10.0, 0.0, 144.0);
    e.release = seconds(releaseTc);
    return e;
}

double VolumeEnvelope::gainAt(double t) const
{
    // Level before the note ends, in dB (attack as amplitude, as SF2 players ramp it).
    const auto held = [this](double u) -> double {
        if (u < delay)
            return 0.0;
        u -= delay;
        if (u < attack)
            return u / attack;
        u -= attack;
        if (u < hold)
            return 1.0;
        u -= hold;
        return dbToGain(decay > 0.0 ? -std::min(sustainDb, kFloorDb * u / decay) : -sustainDb);
    };
    if (t < kNoteSeconds)
        return held(t);
    const double atOff = held(kNoteSeconds);
    if (atOff <= 0.0 || !(release > 0.0))
        return 0.0;
    const double db = 20.0 * std::log10(atOff) - kFloorDb * (t - kNoteSeconds) / release;
    return db <= -kFloorDb ? 0.0 : dbToGain(db);
}

bool VolumeEnvelope::operator<(const VolumeEnvelope& o) const
{
    return std::tie(delay, attack, hold, decay, sustainDb, release) <
           std::tie(o.delay, o.attack, o.hold, o.decay, o.sustainDb, o.release);
}

std::shared_ptr<const SampleData> shapeSample(const std::shared_ptr<const SampleData>& in, const VolumeEnvelope& envelope,
                                              double sampleRate)
{
    if (!in || in->length <= 0 || !(sampleRate > 0.0))
        return in;
    const double closeEnough = 1.0 - dbToGain(-0.01);
    std::vector<float> gains(std::size_t(in->length));
    bool changes = false;
    int length = in->length;
    for (int i = 0; i < in->length; ++i) {
        const double g = envelope.gainAt(double(i) / sampleRate);
        gains[std::size_t(i)] = float(g);
        changes = changes || std::abs(1.0 - g) > closeEnough;
        if (g <= 0.0 && double(i) / sampleRate > envelope.delay) {
            length = i;  // fallen silent for good
            break;
        }
    }
    if (!changes)
        return in;
    auto out = std::make_shared<SampleData>();
    out->path = in->path;
    out->length = std::max(length, 1);
    out->frames.assign(std::size_t(out->length + 2) * 2, 0.0f);
    for (int i = 0; i < std::min(length, in->length); ++i) {
        for (int c = 0; c < 2; ++c) {
            const float v = in->frames[std::size_t(i) * 2 + std::size_t(c)] * gains[std::size_t(i)];
            out->frames[std::size_t(i) * 2 + std::size_t(c)] = v;
            out->peak = std::max(out->peak, double(std::abs(v)));
        }
    }
    return out;
}

} // namespace gs
