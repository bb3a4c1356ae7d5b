#include "audiodevice.h"

#include <rtaudio/RtAudio.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace gs {

namespace {

// Probing devices prints warnings to stderr from inside RtAudio; they are
// turned off and errors come back as exceptions we catch.
Result<RtAudio::Api> apiByName(const std::string& name)
{
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    for (RtAudio::Api api : apis) {
        if (api == RtAudio::RTAUDIO_DUMMY)
            continue;
        if (api == RtAudio::UNIX_JACK && !AudioDevice::jackServerRunning())
            continue;
        if (name.empty() || RtAudio::getApiName(api) == name)
            return api;
    }
    if (name.empty())
        return Error{"", "no audio API available"};
    if (name == "jack")
        return Error{"", "JACK is not running"};
    return Error{"", "audio API \"" + name + "\" is not available"};
}

} // namespace

AudioDevice::AudioDevice(Engine& engine) : m_engine(engine) {}

AudioDevice::~AudioDevice() { close(); }

bool AudioDevice::jackServerRunning()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string uid = std::to_string(getuid());
    if (fs::exists("/dev/shm/jack_default_" + uid + "_0", ec) || fs::exists("/dev/shm/jack-" + uid, ec))
        return true;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && fs::exists(fs::path(runtime) / "jack", ec))
        return true;
    return fs::exists("/tmp/jack-" + uid, ec) || fs::exists("/dev/shm/jack-" + uid + "-0", ec);
}

std::vector<std::string> AudioDevice::availableApis()
{
    std::vector<std::string> names;
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    for (RtAudio::Api api : apis) {
        if (api == RtAudio::RTAUDIO_DUMMY || (api == RtAudio::UNIX_JACK && !jackServerRunning()))
            continue;
        names.push_back(RtAudio::getApiName(api));
    }
    return names;
}

Result<std::vector<AudioDeviceInfo>> AudioDevice::listDevices(const std::string& api)
{
    auto chosen = apiByName(api);
    if (!chosen)
        return chosen.error();
    std::vector<AudioDeviceInfo> devices;
    try {
        RtAudio audio(*chosen);
        audio.showWarnings(false);
        const unsigned count = audio.getDeviceCount();
        for (unsigned i = 0; i < count; ++i) {
            RtAudio::DeviceInfo info;
            try {
                info = audio.getDeviceInfo(i);
            } catch (const RtAudioError&) {
                continue;  // a device that cannot be probed is not offered
            }
            if (!info.probed || info.outputChannels == 0)
                continue;
            devices.push_back({i, info.name, info.outputChannels, info.sampleRates, info.preferredSampleRate,
                               info.isDefaultOutput});
        }
    } catch (const RtAudioError& e) {
        return Error{"", "cannot list audio devices: " + e.getMessage()};
    } catch (const std::exception& e) {
        return Error{"", std::string("cannot list audio devices: ") + e.what()};
    }
    return devices;
}

Status AudioDevice::open(const AudioStreamOptions& options)
{
    close();
    auto chosen = apiByName(options.api);
    if (!chosen)
        return chosen.error();
    try {
        auto audio = std::make_unique<RtAudio>(*chosen);
        audio->showWarnings(false);
        if (audio->getDeviceCount() == 0)
            return Error{"", "no audio device (" + RtAudio::getApiDisplayName(*chosen) + " reports none); playing silently"};
        RtAudio::StreamParameters out;
        out.deviceId = options.deviceId >= 0 ? unsigned(options.deviceId) : audio->getDefaultOutputDevice();
        out.nChannels = 2;
        if (out.deviceId >= audio->getDeviceCount())
            return Error{"", "no audio device " + std::to_string(options.deviceId)};
        unsigned rate = options.sampleRate > 0 ? options.sampleRate : 48000;
        unsigned frames = options.bufferFrames > 0 ? options.bufferFrames : 256;
        if (std::abs(m_engine.sampleRate() - double(rate)) > 0.5)
            m_engine.prepare(double(rate));
        RtAudio::StreamOptions streamOptions;
        streamOptions.flags = RTAUDIO_SCHEDULE_REALTIME | RTAUDIO_MINIMIZE_LATENCY;
        streamOptions.streamName = "Groovescape";
        audio->openStream(&out, nullptr, RTAUDIO_FLOAT32, rate, &frames,
            &AudioDevice::callback, this, &streamOptions);
        audio->startStream();
        m_sampleRate = audio->getStreamSampleRate();
        m_bufferFrames = frames;
        m_apiName = RtAudio::getApiName(*chosen);
        m_audio = std::move(audio);
    } catch (const RtAudioError& e) {
        return Error{"", "cannot open the audio device: " + e.getMessage()};
    } catch (const std::exception& e) {
        return Error{"", std::string("cannot open the audio device: ") + e.what()};
    }
    return success();
}

void AudioDevice::close()
{
    if (!m_audio)
        return;
    try {
        if (m_audio->isStreamRunning())
            m_audio->stopStream();
        if (m_audio->isStreamOpen())
            m_audio->closeStream();
    } catch (const RtAudioError&) {
        // Closing a failed device: nothing more to do.
    }
    m_audio.reset();
}

bool AudioDevice::isOpen() const { return m_audio && m_audio->isStreamOpen(); }

int AudioDevice::callback(void* out, void*, unsigned frames, double, unsigned, void* user)
{
    static_cast<AudioDevice*>(user)->m_engine.process(static_cast<float*>(out), int(frames));
    return 0;
}

} // namespace gs
