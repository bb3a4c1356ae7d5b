#pragma once
// MIDI in through RtMidi (JACK MIDI when a JACK server runs, else the ALSA
// sequencer: midibackend.h), for following another program's clock: every
// clock, start, continue and stop message goes to a ClockFollower with its
// arrival time (steady clock, seconds); note-ons and note-offs wait in a FIFO
// for the Groove input (popNote()). Every RtMidi error is caught; with
// neither system nothing opens and the error says so.
// Threads: one control thread (the GUI thread in the app) makes, opens and closes it;
// RtMidi calls received() on its own input thread, which only feeds the ClockFollower
// (locked, so the control thread reads it with ClockFollower::take()).
#include "clockfollower.h"
#include "core/error.h"
#include "midioutput.h"
#include "spscfifo.h"

#include <cstdint>

#include <memory>
#include <string>
#include <vector>

class RtMidiIn;

namespace gs {

// A note as the input port delivered it. Not "MidiNote": that is a note of a MIDI file (src/midi), and
// two types of one name in one program break the one-definition rule (seen as corrupt reads in Debug).
struct LiveNote {
    double seconds = 0.0;  // arrival, on now()'s clock
    std::uint8_t status = 0;  // 0x9n note-on, 0x8n note-off (n: the channel)
    std::uint8_t note = 0;
    std::uint8_t velocity = 0;
};

class MidiInput {
public:
    explicit MidiInput(ClockFollower& follower);
    ~MidiInput();
    MidiInput(const MidiInput&) = delete;
    MidiInput& operator=(const MidiInput&) = delete;

    // Any thread (each call opens its own ALSA client; slow with many ports: not the audio thread).
    static Result<std::vector<MidiPortInfo>> listPorts();
    // Control thread. Replaces an open port; from here on received() runs on RtMidi's thread.
    Status openPort(unsigned index);
    // Control thread. Returns after RtMidi's thread has stopped calling received().
    void close();
    // Control thread.
    bool isOpen() const { return m_in != nullptr; }
    // Any thread. Seconds on the clock feed() times are measured with (for ClockFollower::take()).
    static double now();
    // One consumer thread: the notes received, oldest first; false when none.
    bool popNote(LiveNote& note) { return m_notes.pop(note); }

private:
    // RtMidi's input thread: stamps the message with now() and feeds the follower; never throws.
    static void received(double deltaSeconds, std::vector<unsigned char>* message, void* self);

    static constexpr std::size_t kNoteCapacity = 1024;
    ClockFollower& m_follower;
    SpscFifo<LiveNote> m_notes;
    std::unique_ptr<RtMidiIn> m_in;
};

} // namespace gs
