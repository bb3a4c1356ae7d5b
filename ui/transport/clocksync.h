#pragma once
// Following another program's MIDI clock (the DAW or drum machine is the
// master): its tempo becomes the session's (within 0.02 BPM), its start plays
// the transport from the top and its continue from the song position (both
// ahead by the time the message waited), its stop stops it. The
// MIDI input (RtMidi, ALSA) feeds a ClockFollower on its own thread; a 20 ms
// timer on the GUI thread applies what arrived. While both play, a phase lock
// keeps the engine on the master's beat: it compares the engine's playhead
// (reported by AudioLink with the time it was rendered) with the master's
// place counted in ticks (the groove loops from the master's beat 0, as a DAW's
// clip does from the song's start), and runs the engine up to 1% faster or slower until
// they agree (within about 0.01 beat), so neither the 0.02 BPM tempo step nor a
// sound card whose clock is a little off makes it drift. Owned by AudioLink. Without
// an ALSA sequencer the port cannot open and status() says so; feed() is the
// same entry the port uses, for tests on machines without MIDI.
#include "audio/clockfollower.h"
#include "audio/midiinput.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <vector>

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

    // The engine's playhead in quarter notes into its loop of `loopBeats` quarter notes, at `seconds`
    // (the feed clock), while it plays.
    void setEnginePosition(double beat, double loopBeats, double seconds);
    // The phase lock's tempo factor for the engine (1 when not locking; 0.99..1.01).
    double tempoFactor() const { return m_factor; }
    // The engine's lag behind the master in beats (smoothed; positive: the engine is late), 0 when not measured.
    double phaseError() const { return m_phaseError; }

Q_SIGNALS:
    void statusChanged();
    // After a start or continue: play from this many quarter notes into the groove (AudioLink locates).
    void locateRequested(double beat);
    void tempoFactorChanged();
    // A note-on arrived (any channel; the Groove panel's input): velocity 1..127, at `seconds` on the feed clock.
    void notePlayed(int note, int velocity, double seconds);

private:
    void setStatus(const QString& text);
    void lockPhase(const ClockFollower::State& state, double now);
    void setFactor(double factor);
    void resetPhase(double holdUntil);

    Session* m_session;
    QPointer<Transport> m_transport;
    ClockFollower m_follower;
    std::unique_ptr<MidiInput> m_input;
    std::vector<LiveNote> m_fedNotes;  // feed()'s notes, and the port's, until poll() hands them on
    QTimer m_timer;
    bool m_following = false;
    bool m_locked = false;
    QString m_status;
    // Phase lock.
    double m_engineBeat = 0.0;
    double m_engineLoop = 0.0;
    double m_engineSeconds = 0.0;
    bool m_engineFresh = false;  // a report since the last comparison
    double m_holdUntil = 0.0;  // reports rendered before this may be from before the last locate
    bool m_measured = false;
    double m_phaseError = 0.0;
    int m_outOfPhase = 0;  // comparisons in a row with the engine more than a quarter beat off
    double m_factor = 1.0;
};

} // namespace gs
