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

Result<std::unique_ptr<AudioFileWriter>> AudioFileWriter::open(const std::string& path, double sampleRate)
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
    std::string tempName = ".";  // built with += : GCC 12 warns (wrongly, -Wrestrict) about a + chain here
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
    std::unique_ptr<AudioFileWriter> writer(new AudioFileWriter);
    writer->m_path = path;
    writer->m_temp = temp.string();
    writer->m_file = file;
    return writer;
}

AudioFileWriter::~AudioFileWriter() { discard(); }

void AudioFileWriter::discard()
{
    if (!m_file)
        return;
    sf_close(m_file);
    m_file = nullptr;
    std::error_code ec;
    std::filesystem::remove(m_temp, ec);
}

Status AudioFileWriter::write(const float* interleavedStereo, std::int64_t frames)
{
    if (!m_file)
        return Error{m_path, "the file is already closed"};
    if (frames <= 0)
        return success();
    if (sf_writef_float(m_file, interleavedStereo, sf_count_t(frames)) != sf_count_t(frames)) {
        discard();
        return Error{m_path, "cannot write the audio (disk full?)"};
    }
    m_frames += frames;
    return success();
}

Status AudioFileWriter::finish()
{
    if (!m_file)
        return Error{m_path, "the file is already closed"};
    const int closeError = sf_close(m_file);
    m_file = nullptr;
    std::error_code ec;
    if (closeError != 0) {
        std::filesystem::remove(m_temp, ec);
        return Error{m_path, "cannot write the audio (disk full?)"};
    }
    std::filesystem::rename(m_temp, m_path, ec);
    if (ec) {
        std::filesystem::remove(m_temp, ec);
        return Error{m_path, "cannot move the finished file into place: " + ec.message()};
    }
    return success();
}

Status writeAudioFile(const std::string& path, const std::vector<float>& interleavedStereo, double sampleRate)
{
    auto writer = AudioFileWriter::open(path, sampleRate);
    if (!writer)
        return writer.error();
    if (Status written = (*writer)->write(interleavedStereo.data(), std::int64_t(interleavedStereo.size() / 2)); !written)
        return written;
    return (*writer)->finish();
}

} // namespace gs
