#include "midioutput.h"

#include <rtmidi/RtMidi.h>

#include <chrono>
#include <deque>
#include <filesystem>

namespace gs {

namespace {

constexpr const char* kNoSequencer = "no ALSA sequencer (/dev/snd/seq is missing): MIDI out is unavailable";

Result<std::unique_ptr<RtMidiOut>> makeOut()
{
    if (!MidiOutput::sequencerAvailable())
        return Error{"", kNoSequencer};
    try {
        return std::make_unique<RtMidiOut>(RtMidi::LINUX_ALSA, "Groovescape");
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
    std::error_code ec;
    return std::filesystem::exists("/dev/snd/seq", ec);
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
    std::deque<MidiEvent> pending;
    bool anchored = false;
    std::int64_t anchorFrame = 0;
    Clock::time_point anchorTime;
    while (m_running) {
        MidiEvent e;
        while (m_engine.popMidi(e))
            pending.push_back(e);
        const double rate = m_engine.sampleRate();
        const auto now = Clock::now();
        while (!pending.empty()) {
            const MidiEvent& next = pending.front();
            if (!anchored) {
                anchorFrame = next.frame;
                anchorTime = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(m_latencyMs.load()));
                anchored = true;
            }
            auto due = anchorTime + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(double(next.frame - anchorFrame) / rate));
            if (due < now - std::chrono::milliseconds(50)) {
                // The audio clock and ours drifted apart (or the stream restarted): re-anchor.
                anchored = false;
                continue;
            }
            if (due > now)
                break;
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
