#pragma once
// An attribute slider calibrated on the model and the point it starts from. A direction found from the whole
// dataset (attributes.h) can run backwards or both ways at some points (the first-hour report: "Density +1"
// gave 52 -> 38 hits at one place). So the slider is checked on decoded grooves: along the direction, both
// ways, the amounts whose decoded attribute rises (or falls) step by step become the slider's stops, and a
// slider position only ever lands on a stop. "Up" then means more, every time; a side with no stop is a
// control the model cannot honour here. Torch-free.
#include "attributes.h"
#include "latentspace.h"

#include <optional>
#include <vector>

namespace gs {

struct AttributeCalibration {
    float startValue = 0.0f;  // the attribute decoded at the start point
    // Stops nearest first: amounts along the direction (z = start + amount x direction) and their decoded
    // attribute, strictly rising (up) or strictly falling (down).
    std::vector<float> upAmounts, upValues;
    std::vector<float> downAmounts, downValues;

    bool canRaise() const { return !upAmounts.empty(); }
    bool canLower() const { return !downAmounts.empty(); }
    // The amount for a slider position -1..1: position p > 0 aims at start + p x (highest stop - start) and
    // lands on the stop nearest that value (the start itself below the first stop's half-way); p < 0 likewise
    // downwards. Monotone: a higher position never decodes to a lower attribute.
    float amountFor(float position) const;
};

// From the attribute decoded at `amounts` (any order, both signs; nullopt where it is undefined, e.g. the
// velocity of an empty groove). A stop must go at least `minStep` further than the one before (a hit for
// density, a fraction of a MIDI velocity step for velocity): differences a musician cannot hear, or that are
// only the arithmetic of one decode against another, are no stops.
AttributeCalibration calibrate(float startValue, const std::vector<float>& amounts,
                               const std::vector<std::optional<float>>& values, float minStep = 0.0f);
// The least audible change of an attribute (calibrateAt's minStep).
float attributeStep(const AttributeKey& key);

// Decodes start + a x direction at `count` amounts evenly over [-reach, reach] under `sampling` (one batch)
// and calibrates. Nothing when the direction is empty or the start point decodes to no attribute value.
std::optional<AttributeCalibration> calibrateAt(const LatentSpace& space, const LatentVector& start,
                                                const AttributeVector& vector, const SamplingOptions& sampling,
                                                int count = 33, float reach = 2.0f);

} // namespace gs
