#include "midiinput.h"
#include "midibackend.h"

#include <rtmidi/RtMidi.h>

#include <chrono>

namespace gs {

namespace {

Result<std::unique_ptr<RtMidiIn>> makeIn()
{
    const MidiBackend backend = midiBackend();
    if (backend == MidiBackend::None)
        return Error{"", "no JACK server and no ALSA sequencer (/dev/snd/seq is missing): MIDI in is unavailable"};
    try {
        return std::make_unique<RtMidiIn>(backend == MidiBackend::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA, "Groovescape");
    } catch (const RtMidiError& e) {
        return Error{"", "MIDI in is unavailable: " + e.getMessage()};
    } catch (const std::exception& e) {
        return Error{"", std::string("MIDI in is unavailable: ") + e.what()};
    }
}

} // namespace

MidiInput::MidiInput(ClockFollower& follower) : m_follower(follower)
{
    m_notes.reset(kNoteCapacity);
}

MidiInput::~MidiInput() { close(); }

double MidiInput::now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Result<std::vector<MidiPortInfo>> MidiInput::listPorts()
{
    auto in = makeIn();
    if (!in)
        return in.error();
    return listRtMidiPorts(**in, "MIDI input");
}

Status MidiInput::openPort(unsigned index)
{
    close();
    auto in = makeIn();
    if (!in)
        return in.error();
    try {
        if (index >= (*in)->getPortCount())
            return Error{"", "no MIDI input port " + std::to_string(index)};
        (*in)->setCallback(&MidiInput::received, this);
        (*in)->ignoreTypes(true, false, true);  // keep timing (clock, start, stop); drop sysex and active sensing
        (*in)->openPort(index, "Groovescape clock in");
    } catch (const RtMidiError& e) {
        return Error{"", "cannot open MIDI input port " + std::to_string(index) + ": " + e.getMessage()};
    }
    m_in = std::move(*in);
    return success();
}

void MidiInput::close()
{
    if (!m_in)
        return;
    try {
        m_in->closePort();
        m_in->cancelCallback();
    } catch (const RtMidiError&) {
        // Closing a port that went away: nothing left to release.
    }
    m_in.reset();
}

void MidiInput::received(double, std::vector<unsigned char>* message, void* self)
{
    // The arrival time on the steady clock rather than RtMidi's deltas: take() compares it with now().
    if (!message || message->empty())
        return;
    auto* input = static_cast<MidiInput*>(self);
    const double at = now();
    const unsigned char kind = message->front() & 0xF0;
    if ((kind == 0x90 || kind == 0x80) && message->size() >= 3) {
        // Notes for the Groove input; dropped when nobody drains them (the FIFO is full).
        input->m_notes.push({at, message->at(0), message->at(1), message->at(2)});
        return;
    }
    input->m_follower.feed(message->data(), message->size(), at);
}

} // namespace gs
