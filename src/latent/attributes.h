#pragma once
// Musical attributes of a groove and their directions in latent space
// (FM-Music-VAE section 4.3): density, mean velocity, mean offset
// (laid-back > 0, pushed < 0) and the density of one voice. Torch-free.
#include "core/groove.h"
#include "interpolation.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

enum class Attribute { Density, Velocity, Offset, VoiceDensity };

struct AttributeKey {
    Attribute attribute = Attribute::Density;
    int voice = -1;  // only for VoiceDensity
    std::string name() const;  // "density", "velocity", "offset", "voice3_density"
};

// The attribute's value, or nothing when it is undefined (velocity and offset of a groove without hits).
std::optional<float> attributeValue(const Groove& groove, const AttributeKey& key);

struct AttributeVector {
    AttributeKey key;
    LatentVector direction;  // centroid(top 25%) - centroid(bottom 25%), not normalised
    float lowMean = 0.0f;  // mean attribute value of the bottom quarter
    float highMean = 0.0f;  // ... and of the top quarter
    int samples = 0;  // data points it was computed from
};

// Direction from encoded means and the attribute of each data point. Points
// whose attribute is undefined are skipped; fewer than 4 usable points give
// an empty direction.
AttributeVector attributeVector(const AttributeKey& key, const std::vector<LatentVector>& means,
                                const std::vector<std::optional<float>>& values);

} // namespace gs
