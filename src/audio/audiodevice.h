#pragma once
// The sound card: an RtAudio output stream whose callback calls
// Engine::process(). Every RtAudio error is caught and returned as an Error;
// with no device (as in containers) listing gives none and open() says
// "no audio device" while the engine keeps working (offline, silent).
// Control thread only (the engine's owner).
#include "core/error.h"
#include "engine.h"

#include <memory>
#include <string>
#include <vector>

class RtAudio;

namespace gs {

struct AudioDeviceInfo {
    unsigned id = 0;  // RtAudio device index for this API
    std::string name;
    unsigned outputChannels = 0;
    std::vector<unsigned> sampleRates;
    unsigned preferredSampleRate = 0;
    bool isDefault = false;
};

struct AudioStreamOptions {
    std::string api;  // RtAudio API name ("alsa", "pulse", "jack"); empty = the first usable
    int deviceId = -1;  // -1 = the API's default output
    unsigned sampleRate = 48000;
    unsigned bufferFrames = 256;
};

class AudioDevice {
public:
    explicit AudioDevice(Engine& engine);
    ~AudioDevice();
    AudioDevice(const AudioDevice&) = delete;
    AudioDevice& operator=(const AudioDevice&) = delete;

    // Compiled RtAudio API names, JACK left out when no JACK server runs.
    static std::vector<std::string> availableApis();
    // Output devices of `api` (empty = the first usable API); an empty list is not an error.
    static Result<std::vector<AudioDeviceInfo>> listDevices(const std::string& api = {});
    // True if a JACK server seems to run (its socket or shared memory exists).
    static bool jackServerRunning();

    // Opens and starts a stereo float stream. If the device runs at another
    // rate than the engine, the engine is prepared at the device's rate first
    // (that drops its kit and patterns: reload the kit at sampleRate()).
    Status open(const AudioStreamOptions& options);
    void close();
    bool isOpen() const;
    unsigned sampleRate() const { return m_sampleRate; }
    unsigned bufferFrames() const { return m_bufferFrames; }
    std::string apiName() const { return m_apiName; }

private:
    static int callback(void* out, void* in, unsigned frames, double time, unsigned status, void* user);

    Engine& m_engine;
    std::unique_ptr<RtAudio> m_audio;
    unsigned m_sampleRate = 0;
    unsigned m_bufferFrames = 0;
    std::string m_apiName;
};

} // namespace gs
