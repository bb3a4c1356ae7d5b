#include "attributecalibration.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

struct Chain {
    std::vector<float> amounts, values;
};

// Walks one side outwards from the start and keeps each amount that goes further (up or down) than every
// nearer one: the stops are monotone in both amount and attribute.
Chain walk(float startValue, const std::vector<std::pair<float, float>>& side, bool up, float minStep)
{
    Chain chain;
    float best = startValue;
    for (const auto& [amount, value] : side) {
        if (up ? value >= best + minStep && value > best : value <= best - minStep && value < best) {
            best = value;
            chain.amounts.push_back(amount);
            chain.values.push_back(value);
        }
    }
    return chain;
}

// The better of the two sides: the one that reaches furthest (ties: more stops, then the positive side).
Chain bestChain(float startValue, const std::vector<std::pair<float, float>>& positive,
                const std::vector<std::pair<float, float>>& negative, bool up, float minStep)
{
    Chain a = walk(startValue, positive, up, minStep), b = walk(startValue, negative, up, minStep);
    if (a.values.empty())
        return b;
    if (b.values.empty())
        return a;
    const float reachA = std::abs(a.values.back() - startValue), reachB = std::abs(b.values.back() - startValue);
    if (reachA != reachB)
        return reachA > reachB ? a : b;
    return a.values.size() >= b.values.size() ? a : b;
}

// The stop nearest `target` among the start (amount 0) and `values` (monotone away from the start).
float nearestStop(float startValue, const std::vector<float>& amounts, const std::vector<float>& values, float target)
{
    float amount = 0.0f, distance = std::abs(target - startValue);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float d = std::abs(target - values[i]);
        if (d < distance) {
            distance = d;
            amount = amounts[i];
        }
    }
    return amount;
}

} // namespace

float AttributeCalibration::amountFor(float position) const
{
    position = std::clamp(std::isfinite(position) ? position : 0.0f, -1.0f, 1.0f);
    if (position > 0.0f && canRaise())
        return nearestStop(startValue, upAmounts, upValues, startValue + position * (upValues.back() - startValue));
    if (position < 0.0f && canLower())
        return nearestStop(startValue, downAmounts, downValues,
                           startValue - position * (downValues.back() - startValue));
    return 0.0f;
}

float attributeStep(const AttributeKey& key)
{
    switch (key.attribute) {
    case Attribute::Density:
    case Attribute::VoiceDensity: return 1.0f;  // one hit
    case Attribute::Velocity: return 0.5f / 127.0f;  // half a MIDI velocity step, on average over the hits
    case Attribute::Offset: return 0.005f;  // a quarter of a percent of a step
    }
    return 0.0f;
}

AttributeCalibration calibrate(float startValue, const std::vector<float>& amounts,
                               const std::vector<std::optional<float>>& values, float minStep)
{
    std::vector<std::pair<float, float>> positive, negative;
    for (std::size_t i = 0; i < amounts.size() && i < values.size(); ++i) {
        if (!values[i] || !std::isfinite(*values[i]) || !std::isfinite(amounts[i]) || amounts[i] == 0.0f)
            continue;
        (amounts[i] > 0.0f ? positive : negative).emplace_back(amounts[i], *values[i]);
    }
    const auto nearestFirst = [](const auto& x, const auto& y) { return std::abs(x.first) < std::abs(y.first); };
    std::sort(positive.begin(), positive.end(), nearestFirst);
    std::sort(negative.begin(), negative.end(), nearestFirst);
    AttributeCalibration calibration;
    calibration.startValue = startValue;
    Chain up = bestChain(startValue, positive, negative, true, minStep);
    Chain down = bestChain(startValue, positive, negative, false, minStep);
    calibration.upAmounts = std::move(up.amounts);
    calibration.upValues = std::move(up.values);
    calibration.downAmounts = std::move(down.amounts);
    calibration.downValues = std::move(down.values);
    return calibration;
}

std::optional<AttributeCalibration> calibrateAt(const LatentSpace& space, const LatentVector& start,
                                                const AttributeVector& vector, const SamplingOptions& sampling,
                                                int count, float reach)
{
    if (vector.direction.empty() || vector.direction.size() != start.size() || count < 3)
        return std::nullopt;
    std::vector<float> amounts;
    std::vector<LatentVector> zs{start};
    for (int i = 0; i < count; ++i) {
        const float amount = -reach + 2.0f * reach * float(i) / float(count - 1);
        if (amount == 0.0f)
            continue;
        amounts.push_back(amount);
        zs.push_back(moveAlong(start, vector.direction, amount, false));
    }
    const std::vector<DecodedGroove> decoded = space.decode(zs);
    const std::optional<float> startValue = attributeValue(realise(decoded[0], sampling), vector.key);
    if (!startValue)
        return std::nullopt;
    std::vector<std::optional<float>> values;
    for (std::size_t i = 1; i < decoded.size(); ++i)
        values.push_back(attributeValue(realise(decoded[i], sampling), vector.key));
    return calibrate(*startValue, amounts, values, attributeStep(vector.key));
}

} // namespace gs
