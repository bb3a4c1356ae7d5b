#pragma once
// Zones of a sampler format (SFZ regions, SF2 zones) to our instruments: the
// keys that play the same zones at the same pitch become one instrument,
// zones with the same velocity range one layer (round robin in order).
#include "kit.h"

#include <memory>
#include <string>
#include <vector>

namespace gs {

struct KitRegion {
    std::shared_ptr<const SampleData> sample;
    std::string name;  // the instrument's name when this zone is its first
    int lokey = 0, hikey = 127;
    int lovel = 0, hivel = 127;
    int rootKey = 60;  // the key that plays the sample at its own pitch
    float keytrack = 1.0f;  // semitones per key (SF2 scaleTuning / 100, SFZ pitch_keytrack / 100)
    float tune = 0.0f;  // semitones added at every key
    float gain = 1.0f;  // linear
    float pan = 0.0f;  // -1..1
    int chokeGroup = 0;
    int roundRobin = 1;  // order inside a layer (SFZ seq_position)
    std::vector<float> velocityGain;  // empty, or 128 gains by velocity (SFZ amp_velcurve_N)
};

// `where` names the file in warnings (clamped pitch, too many instruments).
std::vector<KitInstrument> instrumentsFromRegions(const std::vector<KitRegion>& regions, const std::string& where,
                                                  std::vector<std::string>& warnings);

} // namespace gs
