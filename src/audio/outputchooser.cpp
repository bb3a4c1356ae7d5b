#include "outputchooser.h"
#include "nulldriver.h"
#include "rtaudiodriver.h"
#include "timelimit.h"

#include <algorithm>

namespace gs {

namespace {

void note(std::vector<std::string>& skipped, const std::string& reason)
{
    if (std::find(skipped.begin(), skipped.end(), reason) == skipped.end())
        skipped.push_back(reason);  // a saved API that failed is not reported twice
}

// Opens `options` on a worker, waiting at most `limit`: the driver if it opened, else null and the reason.
std::unique_ptr<AudioDriver> tryOpen(const AudioStreamOptions& options, std::chrono::milliseconds limit,
                                     std::vector<std::string>& skipped)
{
    auto opened = runWithin<std::unique_ptr<RtAudioDriver>>(limit, [options] {
        auto driver = std::make_unique<RtAudioDriver>();
        driver->open(options);
        return driver;
    });
    if (!opened) {
        const std::string api = options.api.empty() ? RtAudioDriver::defaultApi() : options.api;
        note(skipped, RtAudioDriver::displayNameOf(api) + ": the server did not answer within "
                          + std::to_string(limit.count()) + " ms");
        return nullptr;
    }
    if (!(*opened)->isOpen()) {
        note(skipped, (*opened)->errorDescription());
        return nullptr;
    }
    return std::move(*opened);
}

} // namespace

std::string OpenedOutput::skippedText() const
{
    std::string text;
    for (const std::string& reason : skipped)
        text += (text.empty() ? "" : "; ") + reason;
    return text;
}

std::vector<std::string> defaultOutputOrder() { return {"jack", "pulse", "alsa"}; }

OpenedOutput openOutput(const AudioStreamOptions& options, const std::vector<std::string>& order,
                        std::chrono::milliseconds limit)
{
    OpenedOutput result;
    if (!options.api.empty() || options.deviceId >= 0) {
        if ((result.driver = tryOpen(options, limit, result.skipped)))
            return result;
        result.savedChoiceFailed = true;
    }
    for (const std::string& api : order) {
        if (const std::string reason = RtAudioDriver::unavailableReason(api); !reason.empty()) {
            note(result.skipped, RtAudioDriver::displayNameOf(api) + ": " + reason);
            continue;
        }
        AudioStreamOptions fallback = options;
        fallback.api = api;
        fallback.deviceId = -1;
        if ((result.driver = tryOpen(fallback, limit, result.skipped)))
            return result;
    }
    result.driver = std::make_unique<NullDriver>();
    result.driver->open(options);  // never fails
    return result;
}

} // namespace gs
