#pragma once
// MIDI in through RtMidi's ALSA API, for following another program's clock:
// every clock, start, continue and stop message goes to a ClockFollower with
// its arrival time (steady clock, seconds). Every RtMidi error is caught;
// with no ALSA sequencer nothing opens and the error says so.
#include "clockfollower.h"
#include "core/error.h"
#include "midioutput.h"

#include <memory>
#include <string>
#include <vector>

class RtMidiIn;

namespace gs {

class MidiInput {
public:
    explicit MidiInput(ClockFollower& follower);
    ~MidiInput();
    MidiInput(const MidiInput&) = delete;
    MidiInput& operator=(const MidiInput&) = delete;

    static Result<std::vector<MidiPortInfo>> listPorts();
    Status openPort(unsigned index);
    void close();
    bool isOpen() const { return m_in != nullptr; }
    // Seconds on the clock feed() times are measured with (for ClockFollower::take()).
    static double now();

private:
    static void received(double deltaSeconds, std::vector<unsigned char>* message, void* self);

    ClockFollower& m_follower;
    std::unique_ptr<RtMidiIn> m_in;
};

} // namespace gs
