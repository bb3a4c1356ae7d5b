#pragma once
// Following another program's MIDI clock (the DAW or drum machine is the
// master): its tempo becomes the session's (within 0.02 BPM), its start plays
// the transport from the top and its continue from the song position (both
// ahead by the time the message waited), its stop stops it. The
// MIDI input (RtMidi, ALSA) feeds a ClockFollower on its own thread; a 20 ms
// timer on the GUI thread applies what arrived. Owned by AudioLink. Without
// an ALSA sequencer the port cannot open and status() says so; feed() is the
// same entry the port uses, for tests on machines without MIDI.
#include "audio/clockfollower.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdint>
#include <memory>

namespace gs {

class MidiInput;
class Session;
class Transport;

class ClockSync : public QObject {
    Q_OBJECT

public:
    explicit ClockSync(Session* session, QObject* parent = nullptr);
    ~ClockSync() override;

    void setTransport(Transport* transport);
    // Port index from MidiInput::listPorts(); -1 stops following.
    Status openPort(int index);
    bool following() const { return m_following; }
    QString status() const { return m_status; }

    // One MIDI message at `seconds` (MidiInput::now()'s clock), as the port delivers it.
    void feed(const std::uint8_t* bytes, std::size_t size, double seconds);
    // Applies tempo and transport messages received up to `now` (the timer calls it).
    void poll(double now);
    void startFollowing();  // without a port (tests): poll on the timer as for a port

Q_SIGNALS:
    void statusChanged();
    // After a start or continue: play from this many quarter notes into the groove (AudioLink locates).
    void locateRequested(double beat);

private:
    void setStatus(const QString& text);

    Session* m_session;
    QPointer<Transport> m_transport;
    ClockFollower m_follower;
    std::unique_ptr<MidiInput> m_input;
    QTimer m_timer;
    bool m_following = false;
    bool m_locked = false;
    QString m_status;
};

} // namespace gs
