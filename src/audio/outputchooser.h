#pragma once
// Which output plays: the saved choice first; else the first of JACK (if a
// JACK server runs), PulseAudio (if its server runs), ALSA that opens; else
// the NullDriver, so the engine always has a driver. A server that is not
// running is skipped without asking its client library (serverprobe.h); one
// that runs but does not answer is given up after a time limit (each attempt
// runs on a worker thread), so choosing never hangs; every failure is caught
// and kept with its reason.
// Control thread (the driver's owner).
#include "audiodriver.h"
#include "rtaudiodriver.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct OpenedOutput {
    std::unique_ptr<AudioDriver> driver;  // open, not started; never null
    std::vector<std::string> skipped;  // why each output before it was not taken, in order ("JACK: no server running")
    bool savedChoiceFailed = false;  // the options named an API or device, and it did not open

    // The reasons in one line, separated by "; " (empty if the first choice opened).
    std::string skippedText() const;
};

// The RtAudio APIs tried when there is no saved choice, in order.
std::vector<std::string> defaultOutputOrder();

// Opens the output for `options`: a saved choice (options.api or options.deviceId set) is tried first,
// then each API of `order` on its default device, then the NullDriver at options' rate and period.
// Each attempt may take up to `limit` (a server that answers in time but slowly is still taken).
OpenedOutput openOutput(const AudioStreamOptions& options, const std::vector<std::string>& order = defaultOutputOrder(),
                        std::chrono::milliseconds limit = RtAudioDriver::kAnswerLimit);

} // namespace gs
