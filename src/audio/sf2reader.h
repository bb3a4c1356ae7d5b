#pragma once
// The SoundFont 2 parts a drum kit needs: the preset, instrument and sample
// headers with their zones' generators (the 'pdta' list), and where the
// 16-bit sample data lies ('smpl' in 'sdta'). Every chunk size, record count
// and index is checked; errors name the file and the chunk.
#include "riffreader.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gs {

// One zone's generators (SF2 2.04 section 8.1.2), by operator number; unset ones absent.
struct Sf2Zone {
    std::array<std::optional<std::int16_t>, 64> gen;
    std::optional<std::int16_t> get(int op) const { return op >= 0 && op < 64 ? gen[std::size_t(op)] : std::nullopt; }
    // keyRange (43) and velRange (44): low and high byte.
    std::pair<int, int> range(int op) const;
};

struct Sf2Preset {
    std::string name;
    int preset = 0;
    int bank = 0;
    std::optional<Sf2Zone> global;
    std::vector<Sf2Zone> zones;  // each with an instrument (41)
};

struct Sf2Instrument {
    std::string name;
    std::optional<Sf2Zone> global;
    std::vector<Sf2Zone> zones;  // each with a sampleID (53)
};

struct Sf2Sample {
    std::string name;
    std::uint32_t start = 0, end = 0;  // in sample points of 'smpl'
    std::uint32_t sampleRate = 0;
    int originalPitch = 60;
    int pitchCorrection = 0;  // cents
    int link = 0;
    int type = 1;  // 1 mono, 2 right, 4 left, 8 linked; 0x8000 ROM
};

struct Sf2File {
    std::vector<Sf2Preset> presets;
    std::vector<Sf2Instrument> instruments;
    std::vector<Sf2Sample> samples;
    std::uint64_t smplOffset = 0;  // file offset of the 16-bit sample data
    std::uint64_t smplPoints = 0;
};

namespace sf2 {
enum Generator {
    StartOffset = 0, EndOffset = 1, StartCoarseOffset = 4, Pan = 17, EndCoarseOffset = 12, Instrument = 41,
    DelayVolEnv = 33, AttackVolEnv = 34, HoldVolEnv = 35, DecayVolEnv = 36, SustainVolEnv = 37, ReleaseVolEnv = 38,
    KeyRange = 43, VelRange = 44, Attenuation = 48, CoarseTune = 51, FineTune = 52, SampleId = 53,
    ScaleTuning = 56, ExclusiveClass = 57, RootKey = 58
};
} // namespace sf2

Result<Sf2File> readSf2(RiffFile& file);

} // namespace gs
