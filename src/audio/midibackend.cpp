#include "midibackend.h"

#include "serverprobe.h"

#include <filesystem>

namespace gs {

MidiBackend midiBackend()
{
    if (jackServerRunning())
        return MidiBackend::Jack;
    std::error_code ec;
    return std::filesystem::exists("/dev/snd/seq", ec) ? MidiBackend::Alsa : MidiBackend::None;
}

const char* midiBackendName(MidiBackend backend)
{
    switch (backend) {
    case MidiBackend::Jack: return "JACK MIDI";
    case MidiBackend::Alsa: return "ALSA sequencer";
    case MidiBackend::None: break;
    }
    return "none";
}

} // namespace gs
