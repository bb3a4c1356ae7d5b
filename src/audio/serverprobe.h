#pragma once
// Is a sound server there? Asked before any client library is: RtAudio's JACK
// API can hang (and RtMidi's crash) without a server, and PulseAudio's client
// may try to spawn one. Each probe connects to the server's local socket and
// hangs up at once: it answers within microseconds, starts nothing and prints
// nothing. A stale socket file left by a crashed server counts as no server.
// Any thread.
#include <string>

namespace gs {

// A JACK server (the one $JACK_DEFAULT_SERVER names, else "default") accepts connections.
bool jackServerRunning();
// A PulseAudio server (or PipeWire's pulse server) accepts connections on its socket ($PULSE_SERVER,
// else the runtime folder's). A $PULSE_SERVER on the network counts as running: it is not probed.
bool pulseServerRunning();
// True if something listens on the Unix stream socket at `path`.
bool unixSocketListening(const std::string& path);

} // namespace gs
