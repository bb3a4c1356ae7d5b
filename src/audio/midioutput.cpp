#include "midioutput.h"
#include "midibackend.h"
#include "miditiming.h"

#include <rtmidi/RtMidi.h>

#include <chrono>
#include <deque>
#include <filesystem>

namespace gs {

namespace {

constexpr const char* kNoSequencer = "no JACK server and no ALSA sequencer (/dev/snd/seq is missing): MIDI out is unavailable";

Result<std::unique_ptr<RtMidiOut>> makeOut()
{
    const MidiBackend backend = midiBackend();
    if (backend == MidiBackend::None)
        return Error{"", kNoSequencer};
    try {
        return std::make_unique<RtMidiOut>(backend == MidiBackend::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA, "Groovescape");
    } catch (const RtMidiError& e) {
        return Error{"", "MIDI out is unavailable: " + e.getMessage()};
    } catch (const std::exception& e) {
        return Error{"", std::string("MIDI out is unavailable: ") + e.what()};
    }
}

} // namespace

MidiOutput::MidiOutput(Engine& engine) : m_engine(engine) {}

MidiOutput::~MidiOutput() { close(); }

bool MidiOutput::sequencerAvailable()
{
    return midiBackend() != MidiBackend::None;
}

Result<std::vector<MidiPortInfo>> listRtMidiPorts(RtMidi& client, const std::string& what)
{
    std::vector<MidiPortInfo> ports;
    try {
        const unsigned count = client.getPortCount();
        for (unsigned i = 0; i < count; ++i)
            ports.push_back({i, client.getPortName(i)});
    } catch (const RtMidiError& e) {
        return Error{"", "cannot list " + what + " ports: " + e.getMessage()};
    }
    return ports;
}

Result<std::vector<MidiPortInfo>> MidiOutput::listPorts()
{
    auto out = makeOut();
    if (!out)
        return out.error();
    return listRtMidiPorts(**out, "MIDI");
}

Status MidiOutput::openPort(unsigned index)
{
    close();
    auto out = makeOut();
    if (!out)
        return out.error();
    try {
        if (index >= (*out)->getPortCount())
            return Error{"", "no MIDI port " + std::to_string(index)};
        (*out)->openPort(index, "Groovescape out");
    } catch (const RtMidiError& e) {
        return Error{"", "cannot open MIDI port " + std::to_string(index) + ": " + e.getMessage()};
    }
    m_out = std::move(*out);
    return startSender();
}

Status MidiOutput::openVirtualPort(const std::string& name)
{
    close();
    auto out = makeOut();
    if (!out)
        return out.error();
    try {
        (*out)->openVirtualPort(name);
    } catch (const RtMidiError& e) {
        return Error{"", "cannot create the virtual MIDI port \"" + name + "\": " + e.getMessage()};
    }
    m_out = std::move(*out);
    return startSender();
}

Status MidiOutput::startSender()
{
    m_running = true;
    m_thread = std::thread([this] { senderLoop(); });
    return success();
}

void MidiOutput::close()
{
    m_running = false;
    if (m_thread.joinable())
        m_thread.join();
    if (m_out) {
        try {
            m_out->closePort();
        } catch (const RtMidiError&) {
            // Already gone.
        }
        m_out.reset();
    }
}

void MidiOutput::senderLoop()
{
    using Clock = std::chrono::steady_clock;
    const auto origin = Clock::now();
    const auto seconds = [origin](Clock::time_point t) { return std::chrono::duration<double>(t - origin).count(); };
    std::deque<MidiEvent> pending;
    MidiTiming timing;
    while (m_running) {
        MidiEvent e;
        while (m_engine.popMidi(e))
            pending.push_back(e);
        const double rate = m_engine.sampleRate();
        const double now = seconds(Clock::now());
        // Where the sound card's clock is now: the mapping from frames to our clock follows it.
        timing.observe(m_engine.framesRendered(), rate, now);
        while (!pending.empty()) {
            const MidiEvent& next = pending.front();
            if (timing.dueSeconds(next.frame, rate, m_latencyMs.load() / 1000.0, now) > now)
                break;  // late ones (a stalled stream) go at once
            try {
                m_out->sendMessage(next.data, next.size);
            } catch (const RtMidiError&) {
                // A vanished port: drop the message, keep the engine running.
            }
            pending.pop_front();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace gs
