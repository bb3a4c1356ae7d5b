#pragma once
// Writing rendered audio: 24-bit stereo WAV or FLAC through libsndfile,
// atomically (a temp file beside the target, then rename), so a failed write
// never leaves a half-written file. Normal threads only.
#include "core/error.h"

#include <string>
#include <vector>

namespace gs {

enum class AudioFileFormat { Wav, Flac };

// .wav or .flac from the path's extension; an error naming the path for anything else.
Result<AudioFileFormat> audioFormatForPath(const std::string& path);
Status writeAudioFile(const std::string& path, const std::vector<float>& interleavedStereo, double sampleRate);

} // namespace gs
