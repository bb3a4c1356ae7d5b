#include "audiofile.h"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <cmath>

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
    auto format = audioFormatForPath(path);
    if (!format)
        return format.error();
    auto temp = AtomicFile::create(path);
    if (!temp)
        return temp.error();
    SF_INFO info{};
    info.samplerate = int(std::lround(sampleRate));
    info.channels = 2;
    info.format = (*format == AudioFileFormat::Wav ? SF_FORMAT_WAV : SF_FORMAT_FLAC) | SF_FORMAT_PCM_24;
    // libsndfile writes into our exclusively created temp; the descriptor stays the AtomicFile's.
    SNDFILE* file = sf_open_fd((*temp)->fd(), SFM_WRITE, &info, SF_FALSE);
    if (!file)
        return Error{path, std::string("cannot write: ") + sf_strerror(nullptr)};
    sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    std::unique_ptr<AudioFileWriter> writer(new AudioFileWriter);
    writer->m_path = path;
    writer->m_temp = std::move(*temp);
    writer->m_file = file;
    return writer;
}

AudioFileWriter::~AudioFileWriter() { discard(); }

void AudioFileWriter::discard()
{
    if (m_file)
        sf_close(m_file);
    m_file = nullptr;
    if (m_temp)
        m_temp->discard();
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
    if (closeError != 0) {
        m_temp->discard();
        return Error{m_path, std::string("cannot write the audio: ") + sf_error_number(closeError)};
    }
    return m_temp->commit();
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
