#pragma once
// MIDI out through RtMidi: JACK MIDI when a JACK server runs, else the ALSA
// sequencer (midibackend.h; RtMidi's JACK backend crashes without a server,
// so it is never opened without one). A sender thread drains Engine::popMidi() and sends each
// message at its frame's time (micro-timing kept), mapping engine frames to
// wall time through the frames the engine has rendered so far (miditiming.h),
// so a sound card whose clock runs off ours never pulls MIDI away from audio.
// Every RtMidi error is caught. Control thread only (the engine's owner).
#include "core/error.h"
#include "engine.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

class RtMidi;
class RtMidiOut;

namespace gs {

struct MidiPortInfo {
    unsigned index = 0;
    std::string name;
};

// The ports an RtMidi client (in or out) sees; an error names `what` ("MIDI", "MIDI input").
Result<std::vector<MidiPortInfo>> listRtMidiPorts(RtMidi& client, const std::string& what);

class MidiOutput {
public:
    explicit MidiOutput(Engine& engine);
    ~MidiOutput();
    MidiOutput(const MidiOutput&) = delete;
    MidiOutput& operator=(const MidiOutput&) = delete;

    // False when there is neither a JACK server nor an ALSA sequencer: no MIDI out at all.
    static bool sequencerAvailable();
    static Result<std::vector<MidiPortInfo>> listPorts();

    Status openPort(unsigned index);
    // A port other programs connect to (a JACK MIDI port or an ALSA sequencer port).
    Status openVirtualPort(const std::string& name = "Groovescape");
    void close();
    bool isOpen() const { return m_out != nullptr; }
    // Latency added to every message so that micro-timing survives (default one 10 ms).
    void setLatencyMs(double ms) { m_latencyMs.store(ms); }

private:
    Status startSender();
    void senderLoop();

    Engine& m_engine;
    std::unique_ptr<RtMidiOut> m_out;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<double> m_latencyMs{10.0};
};

} // namespace gs
