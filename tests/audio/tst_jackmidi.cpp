// MIDI through a real JACK server (jackd's dummy backend, private to this test by its own server
// name): with a server running, MIDI out and MIDI in choose JACK MIDI; the engine's notes and clock
// leave through Groovescape's JACK MIDI port and reach a second JACK client; a second client's clock
// and notes reach Groovescape's MIDI input (the clock follower and the note FIFO). Skipped with the
// reason where jackd is missing or does not start.
#include "audio/clockfollower.h"
#include "audio/engine.h"
#include "audio/midibackend.h"
#include "audio/midiinput.h"
#include "audio/midioutput.h"
#include "audio/serverprobe.h"
#include "audiotest.h"

#include <rtmidi/RtMidi.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QtTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace gs;
using namespace gs::test;

namespace {

struct Received {
    std::mutex mutex;
    std::vector<std::vector<unsigned char>> messages;
};

void collect(double, std::vector<unsigned char>* message, void* data)
{
    auto* r = static_cast<Received*>(data);
    std::lock_guard<std::mutex> lock(r->mutex);
    r->messages.push_back(*message);
}

int portIndex(RtMidi& client, const std::string& part)
{
    for (unsigned i = 0; i < client.getPortCount(); ++i)
        if (client.getPortName(i).find(part) != std::string::npos)
            return int(i);
    return -1;
}

} // namespace

class TstJackMidi : public QObject {
    Q_OBJECT

    QTemporaryDir m_runtime;
    QProcess m_server;
    bool m_up = false;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
        qputenv("HOME", m_runtime.path().toLocal8Bit());
        // Our own server name: another JACK server on this machine (or another test's) is left alone.
        const QByteArray name = "gs-jackmidi-" + QByteArray::number(QCoreApplication::applicationPid());
        qputenv("JACK_DEFAULT_SERVER", name);
        qputenv("JACK_NO_AUDIO_RESERVATION", "1");
        if (QStandardPaths::findExecutable(QStringLiteral("jackd")).isEmpty())
            QSKIP("JACK (jackd2) is not installed");
        m_server.start(QStringLiteral("jackd"), {QStringLiteral("--no-realtime"), QStringLiteral("-n"), QString::fromLatin1(name),
            QStringLiteral("-d"), QStringLiteral("dummy"), QStringLiteral("-r"), QStringLiteral("48000"), QStringLiteral("-p"),
            QStringLiteral("256")});
        for (int i = 0; i < 50 && !m_up; ++i) {
            QThread::msleep(100);
            m_up = jackServerRunning();
        }
        if (!m_up) {
            m_server.kill();
            m_server.waitForFinished(3000);
            QSKIP(qPrintable(QStringLiteral("the JACK server (dummy backend) did not start here: %1")
                                 .arg(QString::fromLocal8Bit(m_server.readAllStandardError()).left(300))));
        }
        QThread::msleep(200);
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();  // jackd removes its shared memory on a clean exit
            if (!m_server.waitForFinished(5000))
                m_server.kill();
        }
    }

    void theBackendIsJackWhileAServerRuns()
    {
        QCOMPARE(midiBackend(), MidiBackend::Jack);
        QCOMPARE(QString::fromLatin1(midiBackendName(midiBackend())), QStringLiteral("JACK MIDI"));
        QVERIFY(MidiOutput::sequencerAvailable());
    }

    void notesAndClockLeaveThroughJackMidi()
    {
        Engine engine;
        engine.prepare(48000.0);
        EngineSettings settings;
        settings.midiOut = true;
        settings.midiClock = true;
        settings.bpm = 120.0;
        QVERIFY(engine.setSettings(settings));
        // Kick on every beat, snare on 2 and 4 (GrooVAE voices 0 and 1: notes 36 and 38).
        QVERIFY(engine.setPattern(makePattern({{0, 0, 0.8f, 0}, {4, 0, 0.8f, 0}, {4, 1, 0.8f, 0}, {8, 0, 0.8f, 0},
                                               {12, 0, 0.8f, 0}, {12, 1, 0.8f, 0}})));
        MidiOutput out(engine);
        QVERIFY2(out.openVirtualPort("Groovescape out").ok(), "no JACK MIDI port");

        Received received;
        RtMidiIn reader(RtMidi::UNIX_JACK, "gs-reader");
        reader.ignoreTypes(true, false, true);
        reader.setCallback(&collect, &received);
        const int port = portIndex(reader, "Groovescape out");
        QVERIFY2(port >= 0, "Groovescape's JACK MIDI port is not listed");
        reader.openPort(unsigned(port), "in");

        // Two seconds of the engine as an audio callback would run it: 256 frames per 5.3 ms.
        QVERIFY(engine.start());
        std::vector<float> block(512);
        const auto begin = std::chrono::steady_clock::now();
        for (int i = 1; i <= 375; ++i) {
            engine.process(block.data(), 256);
            std::this_thread::sleep_until(begin + std::chrono::microseconds(std::int64_t(i) * 256 * 1000000 / 48000));
        }
        QThread::msleep(200);
        out.close();
        reader.closePort();

        std::lock_guard<std::mutex> lock(received.mutex);
        int kicks = 0, snares = 0, clocks = 0, starts = 0;
        for (const auto& m : received.messages) {
            if (m.size() == 3 && m[0] == 0x99 && m[2] > 0) {
                kicks += m[1] == 36;
                snares += m[1] == 38;
            }
            clocks += m.size() == 1 && m[0] == 0xF8;
            starts += m.size() == 1 && m[0] == 0xFA;
        }
        qInfo("through JACK MIDI in 2 s at 120 BPM: %d kicks, %d snares, %d clocks, %d starts", kicks, snares, clocks, starts);
        // 2 s at 120 BPM: 4 beats, 4 kicks and 2 snares; 24 clocks a beat (give or take the edges).
        QVERIFY(kicks >= 3 && kicks <= 5);
        QVERIFY(snares >= 1 && snares <= 3);
        QVERIFY2(clocks >= 80 && clocks <= 100, qPrintable(QString::number(clocks)));
        QCOMPARE(starts, 1);
    }

    void clockAndNotesArriveThroughJackMidi()
    {
        RtMidiOut sender(RtMidi::UNIX_JACK, "gs-sender");
        sender.openVirtualPort("clock and notes");
        ClockFollower follower;
        MidiInput in(follower);
        auto ports = MidiInput::listPorts();
        QVERIFY(ports.ok());
        int index = -1;
        for (const MidiPortInfo& p : ports.value())
            if (p.name.find("clock and notes") != std::string::npos)
                index = int(p.index);
        QVERIFY2(index >= 0, "the sender's JACK MIDI port is not listed");
        QVERIFY(in.openPort(unsigned(index)).ok());
        QThread::msleep(100);

        // Start, then 100 BPM of clock (24 a beat) for 1.5 s, with a snare note on and off half way.
        const std::vector<unsigned char> start{0xFA}, tick{0xF8}, on{0x99, 38, 100}, off{0x89, 38, 0};
        sender.sendMessage(&start);
        const double tickSeconds = 60.0 / 100.0 / 24.0;
        const auto begin = std::chrono::steady_clock::now();
        for (int i = 0; i < 60; ++i) {
            std::this_thread::sleep_until(begin + std::chrono::microseconds(std::int64_t(i * tickSeconds * 1e6)));
            sender.sendMessage(&tick);
            if (i == 30)
                sender.sendMessage(&on);
            if (i == 32)
                sender.sendMessage(&off);
        }
        QThread::msleep(100);
        const ClockFollower::State state = follower.take(MidiInput::now());
        in.close();
        qInfo("through JACK MIDI: followed %.2f BPM, %d transport events", state.bpm, int(state.events.size()));
        QVERIFY2(std::abs(state.bpm - 100.0) < 2.0, qPrintable(QString::number(state.bpm)));
        QVERIFY(!state.events.empty());
        QCOMPARE(state.events.front().command, ClockFollower::Command::Start);
        LiveNote note;
        QVERIFY(in.popNote(note));
        QCOMPARE(int(note.status), 0x99);
        QCOMPARE(int(note.note), 38);
        QCOMPARE(int(note.velocity), 100);
        QVERIFY(in.popNote(note));
        QCOMPARE(int(note.status), 0x89);
        QVERIFY(!in.popNote(note));
    }
};

QTEST_GUILESS_MAIN(TstJackMidi)
#include "tst_jackmidi.moc"
