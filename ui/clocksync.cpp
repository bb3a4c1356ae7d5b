#include "clocksync.h"

#include "audio/midiinput.h"
#include "session.h"
#include "transport.h"

#include <cmath>

namespace gs {

namespace {
constexpr double kTempoStep = 0.02;  // BPM
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
    m_follower.feed(bytes, size, seconds);
}

void ClockSync::poll(double now)
{
    if (!m_following)
        return;
    const ClockFollower::State state = m_follower.take(now);
    if (state.locked) {
        // Fine enough not to drift (0.02 BPM off at 120 BPM is a beat in about 50 minutes), coarse
        // enough that the measurement's own jitter does not reschedule the engine every poll.
        if (std::abs(state.bpm - m_session->bpm()) >= kTempoStep)
            m_session->setBpm(std::round(state.bpm * 1000.0) / 1000.0);
        setStatus(tr("Following MIDI clock: %1 BPM").arg(state.bpm, 0, 'f', 1));
    } else if (m_locked) {
        setStatus(tr("MIDI clock lost: keeping %1 BPM").arg(m_session->bpm(), 0, 'f', 1));
    }
    m_locked = state.locked;
    for (const ClockFollower::Event& event : state.events) {
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
}

void ClockSync::setStatus(const QString& text)
{
    if (text == m_status)
        return;
    m_status = text;
    Q_EMIT statusChanged();
}

} // namespace gs
