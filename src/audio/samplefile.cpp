#include "samplefile.h"

#include <samplerate.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace gs {

namespace {

constexpr sf_count_t kMaxSampleFrames = sf_count_t(60) * 192000;  // a minute at 192 kHz: a one-shot, not a song
constexpr int kMinSampleRate = 1000;  // below this a file is broken, not a recording
constexpr int kMaxSampleRate = 768000;

std::vector<float> toStereo(const std::vector<float>& in, int channels, sf_count_t frames)
{
    std::vector<float> out(std::size_t(frames) * 2);
    for (sf_count_t f = 0; f < frames; ++f) {
        const float* src = &in[std::size_t(f * channels)];
        out[std::size_t(f) * 2] = src[0];
        out[std::size_t(f) * 2 + 1] = channels > 1 ? src[1] : src[0];
    }
    return out;
}

} // namespace

Result<std::shared_ptr<const SampleData>> readSampleFile(const std::string& path, double sampleRate)
{
    std::error_code ec;
    // Only regular files: a FIFO would block the loader forever, a device never ends.
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{path, std::filesystem::exists(path, ec) ? "sample is not a regular file (a device, FIFO or folder)"
                                                              : "sample file is missing"};
    SF_INFO info{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
    if (!file)
        return Error{path, std::string("cannot read sample: ") + sf_strerror(nullptr)};
    // The length is bounded after resampling too: a 1 Hz sample of a few frames would otherwise ask for gigabytes.
    const double resampledFrames = double(info.frames) * sampleRate / double(std::max(info.samplerate, 1));
    if (info.channels < 1 || info.channels > 8 || info.samplerate < kMinSampleRate || info.samplerate > kMaxSampleRate ||
        info.frames <= 0 || info.frames > kMaxSampleFrames || resampledFrames > double(kMaxSampleFrames)) {
        sf_close(file);
        return Error{path, "unsupported sample: " + std::to_string(info.channels) + " channels, " +
                               std::to_string(info.frames) + " frames at " + std::to_string(info.samplerate) + " Hz"};
    }
    std::vector<float> raw(std::size_t(info.frames) * std::size_t(info.channels));
    const sf_count_t got = sf_readf_float(file, raw.data(), info.frames);
    sf_close(file);
    if (got <= 0)
        return Error{path, "sample has no readable audio"};
    return makeSampleData(toStereo(raw, info.channels, got), double(info.samplerate), sampleRate, path);
}

Result<std::shared_ptr<const SampleData>> makeSampleData(std::vector<float> stereo, double fromRate, double sampleRate,
                                                         const std::string& path)
{
    sf_count_t frames = sf_count_t(stereo.size() / 2);
    if (frames <= 0)
        return Error{path, "sample has no audio"};
    if (!(fromRate >= kMinSampleRate && fromRate <= kMaxSampleRate) || double(frames) * sampleRate / fromRate > double(kMaxSampleFrames))
        return Error{path, "unsupported sample: " + std::to_string(frames) + " frames at " + std::to_string(fromRate) + " Hz"};
    if (std::abs(fromRate - sampleRate) > 1e-6) {
        const double ratio = sampleRate / fromRate;
        const long outFrames = long(std::ceil(double(frames) * ratio)) + 16;
        std::vector<float> converted(std::size_t(outFrames) * 2);
        SRC_DATA data{};
        data.data_in = stereo.data();
        data.input_frames = long(frames);
        data.data_out = converted.data();
        data.output_frames = outFrames;
        data.src_ratio = ratio;
        const int err = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, 2);
        if (err != 0)
            return Error{path, std::string("cannot resample: ") + src_strerror(err)};
        converted.resize(std::size_t(data.output_frames_gen) * 2);
        stereo = std::move(converted);
        frames = data.output_frames_gen;
    }

    auto sample = std::make_shared<SampleData>();
    sample->path = path;
    sample->length = int(frames);
    stereo.resize(std::size_t(frames + 2) * 2, 0.0f);
    double peak = 0.0;
    for (float v : stereo)
        peak = std::max(peak, double(std::abs(v)));
    sample->peak = peak;
    sample->frames = std::move(stereo);
    return std::shared_ptr<const SampleData>(std::move(sample));
}

SampleCache::SampleCache(std::string kitFolder, double sampleRate) : m_folder(std::move(kitFolder)), m_sampleRate(sampleRate) {}

Result<std::shared_ptr<const SampleData>> SampleCache::load(const std::string& relative)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path rel(relative);
    const fs::path root = fs::weakly_canonical(fs::path(m_folder), ec);
    if (rel.empty() || rel.is_absolute())
        return Error{(fs::path(m_folder) / rel).string(), "sample path must be relative to the kit folder"};
    const fs::path full = fs::weakly_canonical(root / rel, ec);
    if (ec)
        return Error{(root / rel).string(), "cannot resolve sample path"};
    const auto [rootEnd, fullIt] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
    if (rootEnd != root.end())
        return Error{(root / rel).string(), "sample path escapes the kit folder " + root.string()};
    const std::string key = full.string();
    if (auto it = m_loaded.find(key); it != m_loaded.end())
        return it->second;
    auto sample = readSampleFile(key, m_sampleRate);
    if (!sample)
        return sample.error();
    m_loaded.emplace(key, sample.value());
    return sample;
}

} // namespace gs
