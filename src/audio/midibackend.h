#pragma once
// Which MIDI system Groovescape's MIDI in and out use, chosen as Hydrogen
// chooses its audio: JACK MIDI when a JACK server runs (RtMidi's UNIX_JACK;
// ports sit beside the audio ones, sample-synchronous with the server), else
// the ALSA sequencer when /dev/snd/seq exists, else none. The server is
// probed first (serverprobe.h): RtMidi's JACK client crashes without one.
// Any thread.
namespace gs {

enum class MidiBackend { None, Jack, Alsa };

MidiBackend midiBackend();
// "JACK MIDI", "ALSA sequencer" or "none", for the settings and messages.
const char* midiBackendName(MidiBackend backend);

} // namespace gs
