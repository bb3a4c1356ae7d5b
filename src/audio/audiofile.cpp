#include "audiofile.h"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>

namespace gs {

Result<AudioFileFormat> audioFormatForPath(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".wav")
        return AudioFileFormat::Wav;
    if (ext == ".flac")
        return AudioFileFormat::Flac;
    return Error{path, "unsupported audio format \"" + ext + "\" (use .wav or .flac)"};
}

Status writeAudioFile(const std::string& path, const std::vector<float>& interleavedStereo, double sampleRate)
{
    namespace fs = std::filesystem;
    auto format = audioFormatForPath(path);
    if (!format)
        return format.error();
    const fs::path target(path);
    std::error_code ec;
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!fs::is_directory(dir, ec))
        return Error{path, "folder does not exist: " + dir.string()};
    std::random_device rd;
    std::string tempName = ".";
    tempName += target.filename().string();
    tempName += ".tmp";
    tempName += std::to_string(rd() % 1000000);
    const fs::path temp = dir / tempName;

    SF_INFO info{};
    info.samplerate = int(std::lround(sampleRate));
    info.channels = 2;
    info.format = (*format == AudioFileFormat::Wav ? SF_FORMAT_WAV : SF_FORMAT_FLAC) | SF_FORMAT_PCM_24;
    SNDFILE* file = sf_open(temp.c_str(), SFM_WRITE, &info);
    if (!file)
        return Error{path, std::string("cannot write: ") + sf_strerror(nullptr)};
    sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    const sf_count_t frames = sf_count_t(interleavedStereo.size() / 2);
    const sf_count_t written = sf_writef_float(file, interleavedStereo.data(), frames);
    const int closeError = sf_close(file);
    if (written != frames || closeError != 0) {
        fs::remove(temp, ec);
        return Error{path, "cannot write the audio (disk full?)"};
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        return Error{path, "cannot move the finished file into place: " + ec.message()};
    }
    return success();
}

} // namespace gs
