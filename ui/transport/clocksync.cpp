#include "transport/clocksync.h"

#include "audio/midiinput.h"
#include "session.h"
#include "transport/transport.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gs {

namespace {
constexpr double kTempoStep = 0.02;  // BPM
constexpr double kGain = 0.05;  // tempo factor per beat of phase error: about 10 s to close a gap at 120 BPM
constexpr double kMaxNudge = 0.01;  // at most 1% faster or slower (reached at 0.2 beat off; 100 ms then takes 10 s)
constexpr double kNudgeStep = 0.0005;  // the factor moves in these steps (0.01 beat of error), so reports'
                                       // jitter does not resend the engine's settings every poll
constexpr double kSmoothing = 0.2;  // of each new error in the running mean
constexpr double kRelocate = 0.25;  // beats off, for kRelocateAfter comparisons: place the engine again
constexpr int kRelocateAfter = 10;
constexpr double kHold = 0.1;  // seconds after a locate before the engine's reports count
}

ClockSync::ClockSync(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_status(tr("Internal clock"))
{
    m_timer.setInterval(20);
    connect(&m_timer, &QTimer::timeout, this, [this] { poll(MidiInput::now()); });
}

ClockSync::~ClockSync() = default;

void ClockSync::setTransport(Transport* transport) { m_transport = transport; }

Status ClockSync::openPort(int index)
{
    m_timer.stop();
    m_input.reset();
    m_follower.reset();
    m_following = false;
    m_locked = false;
    resetPhase(0.0);
    if (index < 0) {
        setStatus(tr("Internal clock"));
        return success();
    }
    m_input = std::make_unique<MidiInput>(m_follower);
    const Status opened = m_input->openPort(unsigned(index));
    if (!opened.ok()) {
        m_input.reset();
        setStatus(tr("Internal clock (%1)").arg(QString::fromStdString(opened.error().describe())));
        return opened;
    }
    startFollowing();
    return success();
}

void ClockSync::startFollowing()
{
    m_following = true;
    m_locked = false;
    setStatus(tr("Waiting for MIDI clock"));
    m_timer.start();
}

void ClockSync::feed(const std::uint8_t* bytes, std::size_t size, double seconds)
{
    // As MidiInput::received() sorts a port's messages: notes for the Groove input, the rest for the clock.
    if (bytes && size >= 3 && ((bytes[0] & 0xF0) == 0x90 || (bytes[0] & 0xF0) == 0x80)) {
        m_fedNotes.push_back({seconds, bytes[0], bytes[1], bytes[2]});
        return;
    }
    m_follower.feed(bytes, size, seconds);
}

void ClockSync::poll(double now)
{
    if (!m_following)
        return;
    const ClockFollower::State state = m_follower.take(now);
    if (state.locked) {
        // Coarse enough that the measurement's own jitter does not reschedule the engine every poll;
        // what the step leaves (a beat in about 50 minutes at 0.02 BPM off) the phase lock takes up.
        if (std::abs(state.bpm - m_session->bpm()) >= kTempoStep)
            m_session->setBpm(std::round(state.bpm * 1000.0) / 1000.0);
    } else if (m_locked) {
        setStatus(tr("MIDI clock lost: keeping %1 BPM").arg(m_session->bpm(), 0, 'f', 1));
    }
    m_locked = state.locked;
    // Notes for the Groove input: the port's (its lock-free FIFO) and feed()'s, oldest first within each.
    LiveNote note;
    while (m_input && m_input->popNote(note))
        m_fedNotes.push_back(note);
    for (const LiveNote& fed : std::exchange(m_fedNotes, {}))
        if ((fed.status & 0xF0) == 0x90 && fed.velocity > 0)
            Q_EMIT notePlayed(fed.note, fed.velocity, fed.seconds);
    for (const ClockFollower::Event& event : state.events) {
        resetPhase(now + kHold);
        if (!m_transport)
            continue;
        if (event.command == ClockFollower::Command::Stop) {
            m_transport->setPlaying(false);
            continue;
        }
        m_transport->setPlaying(false);  // start and continue both restart the engine, then place it
        m_transport->setPlaying(true);
        // Where the master is by now: its start or song position plus the time since the message came
        // (up to one poll interval), so the two play in phase from the first beat.
        const double bpm = state.locked ? state.bpm : m_session->bpm();
        Q_EMIT locateRequested(event.beat + std::max(0.0, now - event.seconds) * bpm / 60.0);
    }
    lockPhase(state, now);
    if (state.locked) {
        const QString tempo = tr("Following MIDI clock: %1 BPM").arg(state.bpm, 0, 'f', 1);
        if (!m_measured)
            setStatus(tempo);
        else  // 0.02 beat is 10 ms at 120 BPM
            setStatus(std::abs(m_phaseError) < 0.02 ? tr("%1, in phase").arg(tempo) : tr("%1, catching up").arg(tempo));
    }
}

void ClockSync::setEnginePosition(double beat, double loopBeats, double seconds)
{
    m_engineBeat = beat;
    m_engineLoop = loopBeats;
    m_engineSeconds = seconds;
    m_engineFresh = true;
}

void ClockSync::lockPhase(const ClockFollower::State& state, double now)
{
    const bool comparable = state.locked && state.running && state.beat >= 0.0 && m_transport &&
                            m_transport->playing();
    if (!comparable) {
        resetPhase(m_holdUntil);
        return;
    }
    if (!m_engineFresh || m_engineSeconds < m_holdUntil || m_engineLoop <= 0.0)
        return;
    m_engineFresh = false;
    // Where the master was when the engine was at m_engineBeat, within the engine's loop.
    const double master = state.beat + (m_engineSeconds - state.beatSeconds) * state.bpm / 60.0;
    double error = master - m_engineBeat;
    error -= std::round(error / m_engineLoop) * m_engineLoop;
    if (std::abs(error) > kRelocate) {
        // Far off (a new groove of another length, a missed start): place it again.
        if (++m_outOfPhase >= kRelocateAfter) {
            resetPhase(now + kHold);
            Q_EMIT locateRequested(state.beat + std::max(0.0, now - state.beatSeconds) * state.bpm / 60.0);
        }
        return;
    }
    m_outOfPhase = 0;
    m_phaseError = m_measured ? m_phaseError + kSmoothing * (error - m_phaseError) : error;
    m_measured = true;
    const double wanted = 1.0 + std::clamp(kGain * m_phaseError, -kMaxNudge, kMaxNudge);
    // A whole step of hysteresis: a card a little off ours settles into a slow swing between two
    // neighbouring factors (about a minute per swing), not a flicker at the rounding edge.
    if (std::abs(wanted - m_factor) > kNudgeStep)
        setFactor(1.0 + std::round((wanted - 1.0) / kNudgeStep) * kNudgeStep);
}

void ClockSync::resetPhase(double holdUntil)
{
    m_holdUntil = holdUntil;
    m_engineFresh = false;
    m_measured = false;
    m_phaseError = 0.0;
    m_outOfPhase = 0;
    setFactor(1.0);
}

void ClockSync::setFactor(double factor)
{
    if (factor == m_factor)
        return;
    m_factor = factor;
    Q_EMIT tempoFactorChanged();
}

void ClockSync::setStatus(const QString& text)
{
    if (text == m_status)
        return;
    m_status = text;
    Q_EMIT statusChanged();
}

} // namespace gs
