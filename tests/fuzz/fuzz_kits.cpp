// Feeds arbitrary bytes to the kit loaders through loadKit, as a kit file in a scratch folder
// that holds real samples (so mutations reach the sample and region code, not only the parser).
// A kit that loads must keep what the sampler relies on (instruments within limits, finite
// clamped gains and tunes, whole sample buffers, notes that name an instrument); a refusal must
// name the file and say why. Any broken invariant aborts, so libFuzzer and the sanitizers report
// it as a crash.
#include "fuzz_kits.h"

#include "audio/kitloader.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

fs::path g_scratch;

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_kits: broken invariant: %s\n", what);
        std::abort();
    }
}

void checkKit(const gs::Kit& kit)
{
    require(kit.instrumentCount() >= 1 && kit.instrumentCount() <= gs::Kit::kMaxInstruments, "1..256 instruments");
    for (const gs::KitInstrument& in : kit.instruments()) {
        require(std::isfinite(in.gain) && in.gain >= 0.0f && in.gain <= gs::Kit::kMaxGain, "instrument gain clamped");
        require(std::isfinite(in.tune) && std::abs(in.tune) <= gs::Kit::kMaxTune, "instrument tune clamped");
        require(std::isfinite(in.pan) && in.pan >= -1.0f && in.pan <= 1.0f, "pan within -1..1");
        for (const gs::KitLayer& layer : in.layers) {
            require(std::isfinite(layer.gain) && layer.gain >= 0.0f && layer.gain <= gs::Kit::kMaxGain, "layer gain clamped");
            for (const auto& sample : layer.samples) {
                require(sample && sample->length >= 0, "a sample exists");
                require(sample->frames.size() == 2 * (std::size_t(sample->length) + 2), "a sample's buffer is whole");
                for (float x : sample->frames)
                    require(std::isfinite(x), "finite sample values");
            }
        }
    }
    for (int note = 0; note < 128; ++note)
        require(kit.instrumentForNote(note) < kit.instrumentCount(), "notes name instruments that exist");
}

} // namespace

bool fuzzKitsSetUp(const std::string& samplesFrom)
{
    std::error_code ec;
    char pattern[] = "/tmp/gs-fuzz-kits-XXXXXX";
    if (!::mkdtemp(pattern))
        return false;
    g_scratch = pattern;
    std::atexit([] {
        std::error_code ignored;
        fs::remove_all(g_scratch, ignored);
    });
    fs::create_directories(g_scratch / "samples", ec);
    for (const auto& e : fs::directory_iterator(samplesFrom, ec)) {
        if (!e.is_regular_file())
            continue;
        fs::copy_file(e.path(), g_scratch / "samples" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
        fs::copy_file(e.path(), g_scratch / e.path().filename(), fs::copy_options::overwrite_existing, ec);
    }
    return !ec;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0 || g_scratch.empty())
        return 0;
    static const char* const names[4] = {"kit.json", "drumkit.xml", "kit.sfz", "kit.sf2"};
    const fs::path file = g_scratch / names[data[0] % 4];
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
    }
    // 44.1 kHz: the samples' own rate, so no input spends its time resampling.
    const auto kit = gs::loadKit(file.string(), 44100.0);
    if (kit)
        checkKit(**kit);
    else
        require(!kit.error().message.empty() && !kit.error().file.empty(), "kit errors say what and where");
    fs::remove(file);
    return 0;
}
