// Feeds arbitrary bytes to the dataset file reader, the drum map reader and the model config
// reader (the first byte chooses, so one corpus holds all three; a .gsd seed starts with 'G').
// Whatever loads must keep the invariants the rest of the program relies on; any broken
// invariant aborts, so libFuzzer and the sanitizers report it as a crash.
#include "fuzz_files.h"

#include "dataset/contenthash.h"
#include "dataset/datasetfile.h"
#include "model/modelconfig.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_files: broken invariant: %s\n", what);
        std::abort();
    }
}

void checkMap(const gs::DrumMap& map)
{
    require(map.voiceCount() >= 1 && map.voiceCount() <= 64, "1..64 voices");
    for (int v = 0; v < map.voiceCount(); ++v)
        require(map.outputNote(v) >= 0 && map.outputNote(v) <= 127, "output notes 0..127");
    for (int note = 0; note < 128; ++note)
        require(map.voiceForNote(note) < map.voiceCount(), "notes map to voices that exist");
}

void checkDataset(const gs::Dataset& d)
{
    checkMap(d.settings().map);
    for (const gs::FileRecord& f : d.files())
        require(gs::plausibleBpm(f.bpm) && f.meter.valid(), "file tempo and meter valid");
    for (const gs::DatasetWindow& w : d.windows()) {
        require(w.file >= 0 && std::size_t(w.file) < d.files().size(), "window file index valid");
        require(w.groove.grid().valid() && w.groove.voices() == d.voiceCount(), "window grid and voices valid");
        require(gs::plausibleBpm(w.bpm), "window tempo valid");
        for (std::size_t i = 0; i < w.groove.cells(); ++i)
            require(std::isfinite(w.groove.velocities()[i]) && std::isfinite(w.groove.offsets()[i]), "finite planes");
    }
    // What loads saves and loads again identically.
    const std::vector<std::uint8_t> again = gs::DatasetFile::encode(d);
    require(gs::DatasetFile::decode(again.data(), again.size(), "again").ok(), "a loaded dataset round-trips");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string name = "fuzz.file";
    if (data[0] == 'G') {
        // The checksum would stop nearly every mutation at the door; anyone can recompute it, so the
        // harness does, and the fuzzer reaches the payload's parser.
        std::vector<std::uint8_t> bytes(data, data + size);
        if (size >= 24) {
            const std::uint64_t payload = size - 24;
            const std::uint64_t sum = gs::fnv1a64(bytes.data() + 24, payload);
            std::memcpy(bytes.data() + 8, &payload, 8);
            std::memcpy(bytes.data() + 16, &sum, 8);
        }
        const gs::Result<gs::Dataset> d = gs::DatasetFile::decode(bytes.data(), bytes.size(), name);
        if (d)
            checkDataset(*d);
        else
            require(!d.error().message.empty() && d.error().file == name, "dataset errors say what and where");
        return 0;
    }
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        const gs::Result<gs::DrumMap> map = gs::DrumMap::fromJsonText(text, name);
        if (map)
            checkMap(*map);
        else
            require(!map.error().message.empty() && map.error().file == name, "map errors say what and where");
    } else {
        const gs::Result<gs::ModelConfig> c = gs::ModelConfig::fromJson(text, name);
        if (c) {
            require(c->problem().empty(), "a loaded config has no problem");
            checkMap(c->drumMap);
            require(c->weightValues() > 0, "a loaded config describes weights");
        } else {
            require(!c.error().message.empty() && c.error().file == name, "config errors say what and where");
        }
    }
    return 0;
}
