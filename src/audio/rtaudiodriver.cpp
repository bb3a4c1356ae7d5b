#include "rtaudiodriver.h"
#include "serverprobe.h"
#include "timelimit.h"

#include <alsa/asoundlib.h>
#include <rtaudio/RtAudio.h>

#include <algorithm>
#include <mutex>

namespace gs {

namespace {

void ignoreAlsaMessage(const char*, int, const char*, int, const char*, ...) {}

// alsa-lib prints its own diagnostics to stderr when there is no card ("cannot find card '0'", a dozen lines
// per probe); RtAudio turns them into errors we report, so the printing is turned off (once, process-wide).
void quietAlsa()
{
    static std::once_flag once;
    std::call_once(once, [] { snd_lib_error_set_handler(&ignoreAlsaMessage); });
}

// Compiled APIs in the order outputs are preferred: JACK, PulseAudio, ALSA, then the rest (never the dummy).
std::vector<RtAudio::Api> compiledApis()
{
    quietAlsa();  // every RtAudio use asks for the APIs first
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    std::erase(apis, RtAudio::RTAUDIO_DUMMY);
    const auto rank = [](RtAudio::Api api) {
        switch (api) {
        case RtAudio::UNIX_JACK: return 0;
        case RtAudio::LINUX_PULSE: return 1;
        case RtAudio::LINUX_ALSA: return 2;
        default: return 3;
        }
    };
    std::stable_sort(apis.begin(), apis.end(), [&](RtAudio::Api a, RtAudio::Api b) { return rank(a) < rank(b); });
    return apis;
}

Result<RtAudio::Api> apiByName(const std::string& name)
{
    const std::string wanted = name.empty() ? RtAudioDriver::defaultApi() : name;
    for (RtAudio::Api api : compiledApis()) {
        if (RtAudio::getApiName(api) != wanted)
            continue;
        if (const std::string reason = RtAudioDriver::unavailableReason(wanted); !reason.empty())
            return Error{"", RtAudioDriver::displayNameOf(wanted) + ": " + reason};
        return api;
    }
    if (wanted.empty())
        return Error{"", "no audio API available"};
    return Error{"", "audio API \"" + wanted + "\" is not available"};
}

} // namespace

RtAudioDriver::RtAudioDriver() = default;

RtAudioDriver::~RtAudioDriver() { close(); }

std::string RtAudioDriver::unavailableReason(const std::string& api)
{
    if (api == "jack")
        return jackServerRunning() ? std::string() : "no server running";
    if (api == "pulse")
        return pulseServerRunning() ? std::string() : "no server running";
    return {};
}

std::string RtAudioDriver::displayNameOf(const std::string& api)
{
    if (api == "jack")
        return "JACK";
    if (api == "pulse")
        return "PulseAudio";
    if (api == "alsa")
        return "ALSA";
    if (api == "oss")
        return "OSS";
    return api;
}

std::vector<std::string> RtAudioDriver::availableApis()
{
    std::vector<std::string> names;
    for (RtAudio::Api api : compiledApis())
        if (api != RtAudio::UNIX_JACK || jackServerRunning())
            names.push_back(RtAudio::getApiName(api));
    return names;
}

std::string RtAudioDriver::defaultApi()
{
    const auto apis = compiledApis();
    for (RtAudio::Api api : apis)
        if (unavailableReason(RtAudio::getApiName(api)).empty())
            return RtAudio::getApiName(api);
    return {};
}

Result<std::vector<AudioDeviceInfo>> RtAudioDriver::listDevices(const std::string& api)
{
    auto chosen = apiByName(api);
    if (!chosen)
        return chosen.error();
    const RtAudio::Api which = *chosen;
    auto listed = runWithin<Result<std::vector<AudioDeviceInfo>>>(kAnswerLimit, [which] { return listApi(which); });
    if (!listed)
        return Error{"", displayNameOf(RtAudio::getApiName(which)) + ": the server did not answer within "
                             + std::to_string(kAnswerLimit.count()) + " ms"};
    return std::move(*listed);
}

Result<std::vector<AudioDeviceInfo>> RtAudioDriver::listApi(int api)
{
    std::vector<AudioDeviceInfo> devices;
    try {
        RtAudio audio{static_cast<RtAudio::Api>(api)};
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

Status RtAudioDriver::open(const AudioStreamOptions& options)
{
    close();
    m_error.clear();
    auto chosen = apiByName(options.api);
    if (!chosen)
        return fail(chosen.error().message);
    const std::string apiName = RtAudio::getApiName(*chosen);
    try {
        auto audio = std::make_unique<RtAudio>(*chosen);
        audio->showWarnings(false);
        // Each RtAudio JACK query is a client connection of its own (about 100 ms on jackd here): JACK's
        // default output is its first port group, and an unknown one shows in getDeviceInfo() below.
        const bool jack = *chosen == RtAudio::UNIX_JACK;
        const unsigned count = jack ? 0 : audio->getDeviceCount();
        if (!jack && count == 0)
            return fail(displayNameOf(apiName) + ": no audio device");
        RtAudio::StreamParameters out;
        out.deviceId = options.deviceId >= 0 ? unsigned(options.deviceId) : jack ? 0u : audio->getDefaultOutputDevice();
        out.nChannels = 2;
        if (!jack && out.deviceId >= count)
            return fail(displayNameOf(apiName) + ": no audio device " + std::to_string(options.deviceId));
        unsigned rate = options.sampleRate > 0 ? options.sampleRate : 48000;
        try {
            // A JACK server runs at one rate; a card may not offer the asked one: take the device's choice.
            const RtAudio::DeviceInfo info = audio->getDeviceInfo(out.deviceId);
            const auto& rates = info.sampleRates;
            if (!rates.empty() && std::find(rates.begin(), rates.end(), rate) == rates.end())
                rate = info.preferredSampleRate > 0 ? info.preferredSampleRate : rates.back();
        } catch (const RtAudioError&) {
            if (jack)  // no such port group
                return fail(displayNameOf(apiName) + ": no audio device"
                            + (options.deviceId >= 0 ? " " + std::to_string(options.deviceId) : std::string()));
            // Not probed: ask for the rate anyway and let openStream() decide.
        }
        unsigned frames = options.bufferFrames > 0 ? options.bufferFrames : 256;
        RtAudio::StreamOptions streamOptions;
        streamOptions.flags = RTAUDIO_SCHEDULE_REALTIME | RTAUDIO_MINIMIZE_LATENCY;
        streamOptions.streamName = "Groovescape";
        audio->openStream(&out, nullptr, RTAUDIO_FLOAT32, rate, &frames, &RtAudioDriver::callback, this,
            &streamOptions);
        m_sampleRate = audio->getStreamSampleRate();
        m_periodFrames = frames;
        m_apiName = apiName;
        m_audio = std::move(audio);
    } catch (const RtAudioError& e) {
        return fail(displayNameOf(apiName) + ": cannot open the output: " + e.getMessage());
    } catch (const std::exception& e) {
        return fail(displayNameOf(apiName) + ": cannot open the output: " + e.what());
    }
    return success();
}

Status RtAudioDriver::start()
{
    if (!isOpen())
        return fail("the audio device is not open");
    if (!m_callback)
        return fail("the audio device has no callback");
    try {
        if (!m_audio->isStreamRunning())
            m_audio->startStream();
    } catch (const RtAudioError& e) {
        return fail(displayName() + ": cannot start the output: " + e.getMessage());
    }
    m_error.clear();
    return success();
}

void RtAudioDriver::stop()
{
    if (!m_audio)
        return;
    try {
        if (m_audio->isStreamRunning())
            m_audio->stopStream();
    } catch (const RtAudioError&) {
        // A failed device: the stream is gone either way.
    }
}

void RtAudioDriver::close()
{
    if (!m_audio)
        return;
    stop();
    try {
        if (m_audio->isStreamOpen())
            m_audio->closeStream();
    } catch (const RtAudioError&) {
        // Closing a failed device: nothing more to do.
    }
    m_audio.reset();
}

bool RtAudioDriver::isOpen() const { return m_audio && m_audio->isStreamOpen(); }

bool RtAudioDriver::isRunning() const { return m_audio && m_audio->isStreamRunning(); }

int RtAudioDriver::callback(void* out, void*, unsigned frames, double, unsigned, void* user)
{
    static_cast<RtAudioDriver*>(user)->m_callback(static_cast<float*>(out), int(frames));
    return 0;
}

} // namespace gs
