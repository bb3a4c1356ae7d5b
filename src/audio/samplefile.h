#pragma once
// Reading one-shot samples: libsndfile decodes (WAV, FLAC, OGG, AIFF; 8..32-bit
// integer or float; mono or stereo) and libsamplerate converts to the engine
// rate. Normal threads only (file I/O and allocation).
#include "core/error.h"
#include "kit.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gs {

// Decodes `path` to stereo float at `sampleRate`. Errors name the file.
Result<std::shared_ptr<const SampleData>> readSampleFile(const std::string& path, double sampleRate);

// Stereo interleaved frames at `fromRate` (decoded by a kit reader, e.g. SF2) as a kit sample at `sampleRate`.
Result<std::shared_ptr<const SampleData>> makeSampleData(std::vector<float> stereo, double fromRate, double sampleRate,
                                                         const std::string& path);

// Loads the samples of one kit folder, each file once, refusing paths that
// leave the folder (../, absolute paths, symlinks pointing out).
class SampleCache {
public:
    SampleCache(std::string kitFolder, double sampleRate);

    // `relative` is a path inside the kit folder.
    Result<std::shared_ptr<const SampleData>> load(const std::string& relative);

private:
    std::string m_folder;
    double m_sampleRate;
    std::map<std::string, std::shared_ptr<const SampleData>> m_loaded;
};

} // namespace gs
