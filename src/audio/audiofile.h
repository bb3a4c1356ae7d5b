#pragma once
// Writing rendered audio: 24-bit stereo WAV or FLAC through libsndfile,
// atomically (core/atomicfile.h: an exclusively created temp beside the target,
// fsync, rename), so a failed write never leaves a half-written file. Normal
// threads only.
#include "core/atomicfile.h"
#include "core/error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sf_private_tag;  // libsndfile's SNDFILE

namespace gs {

enum class AudioFileFormat { Wav, Flac };

// .wav or .flac from the path's extension; an error naming the path for anything else.
Result<AudioFileFormat> audioFormatForPath(const std::string& path);
Status writeAudioFile(const std::string& path, const std::vector<float>& interleavedStereo, double sampleRate);

// Writes a file block by block as it is rendered (any length, little memory), atomically: into a
// temp file beside the target, moved into place by finish(). Destroyed unfinished (an error, a
// cancel), it removes the temp file and the target is untouched.
class AudioFileWriter {
public:
    static Result<std::unique_ptr<AudioFileWriter>> open(const std::string& path, double sampleRate);
    ~AudioFileWriter();
    AudioFileWriter(const AudioFileWriter&) = delete;
    AudioFileWriter& operator=(const AudioFileWriter&) = delete;

    Status write(const float* interleavedStereo, std::int64_t frames);
    Status finish();
    std::int64_t frames() const { return m_frames; }

private:
    AudioFileWriter() = default;
    void discard();

    std::string m_path;
    std::unique_ptr<AtomicFile> m_temp;
    sf_private_tag* m_file = nullptr;
    std::int64_t m_frames = 0;
};

} // namespace gs
