#pragma once
// A sound card or sound server through RtAudio (JACK, PulseAudio, ALSA): a
// stereo float output stream whose callback is the driver's callback. Every
// RtAudio error is caught and returned as an Error, with RtAudio's own
// printing turned off; a server that is not running is never asked (see
// serverprobe.h), so nothing hangs or prints when there is no sound at all.
// Threads: see audiodriver.h; the audio thread is RtAudio's (or JACK's).
#include "audiodriver.h"

#include <chrono>
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

class RtAudioDriver : public AudioDriver {
public:
    // How long the control thread waits for a server to answer (listing, opening) before it gives up on it.
    static constexpr std::chrono::milliseconds kAnswerLimit{3000};

    RtAudioDriver();
    ~RtAudioDriver() override;

    // Any thread. The RtAudio APIs built in that can be used now: JACK left out when no JACK server runs.
    static std::vector<std::string> availableApis();
    // Any thread. The API an empty AudioStreamOptions::api stands for: the first of JACK, PulseAudio and
    // ALSA (then any other) whose server runs; empty if none is built in.
    static std::string defaultApi();
    // Any thread. Why `api` cannot be opened now ("no server running"); empty if it may be tried.
    static std::string unavailableReason(const std::string& api);
    // Any thread. "JACK", "PulseAudio", "ALSA" (RtAudio's display name), or `api` itself if unknown.
    static std::string displayNameOf(const std::string& api);
    // Output devices of `api` (empty = defaultApi()); an empty list is not an error. Any thread; asked on a
    // worker, so a server that does not answer costs kAnswerLimit, then an error, never a hang.
    static Result<std::vector<AudioDeviceInfo>> listDevices(const std::string& api = {});

    // Opens a stereo float stream on `options.api` (empty = defaultApi()) without starting it. A device
    // that does not offer the asked rate runs at its preferred one (a JACK server's rate, say). It waits
    // for the server as long as it takes: openOutput() calls it on a worker, with kAnswerLimit.
    Status open(const AudioStreamOptions& options) override;
    Status start() override;
    void stop() override;
    void close() override;

    bool isOpen() const override;
    bool isRunning() const override;
    std::string name() const override { return m_apiName; }
    std::string displayName() const override { return displayNameOf(m_apiName); }
    bool audible() const override { return true; }

private:
    static int callback(void* out, void* in, unsigned frames, double time, unsigned status, void* user);
    static Result<std::vector<AudioDeviceInfo>> listApi(int api);  // RtAudio::Api; may block on a server

    std::unique_ptr<RtAudio> m_audio;
    std::string m_apiName;
};

} // namespace gs
