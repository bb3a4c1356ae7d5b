#include "audiodriver.h"

namespace gs {

std::string AudioDriver::status() const
{
    if (!isOpen())
        return displayName() + " (not open)";
    return displayName() + " · " + std::to_string(m_sampleRate) + " Hz · " + std::to_string(m_periodFrames) + " frames";
}

Error AudioDriver::fail(std::string message)
{
    m_error = message;
    return Error{"", std::move(message)};
}

} // namespace gs
