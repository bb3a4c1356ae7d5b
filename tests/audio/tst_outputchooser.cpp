// The output fallback order (issue 15): the saved choice, else JACK (if its server runs), PulseAudio (if its
// server runs), ALSA, else the NullDriver, with the reason for every output skipped. Real servers, started here
// in private places: PulseAudio with a null sink in a private runtime folder, JACK (dummy backend) under a
// private server name, so neither a server of the machine nor one of another test is seen or disturbed. A server
// that cannot start here skips its case with the reason.
#include "audio/nulldriver.h"
#include "audio/outputchooser.h"
#include "audio/rtaudiodriver.h"
#include "audio/serverprobe.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace gs;
using Clock = std::chrono::steady_clock;

namespace {

bool have(const char* program) { return !QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty(); }

struct Timed {
    OpenedOutput output;
    double seconds = 0.0;
};

Timed timedOpen(const AudioStreamOptions& options)
{
    const auto start = Clock::now();
    Timed t{openOutput(options), 0.0};
    t.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    qInfo("openOutput: %s in %.1f ms; skipped: %s", t.output.driver->status().c_str(), t.seconds * 1000.0,
          t.output.skippedText().empty() ? "none" : t.output.skippedText().c_str());
    return t;
}

// Starts `driver` with a callback that counts frames, waits until it has called back for `seconds` of audio.
bool playsFor(AudioDriver& driver, double seconds)
{
    auto frames = std::make_shared<std::atomic<std::int64_t>>(0);
    driver.setCallback([frames](float*, int n) { frames->fetch_add(n); });
    if (!driver.start())
        return false;
    const std::int64_t wanted = std::int64_t(seconds * driver.sampleRate());
    for (int i = 0; i < 500 && frames->load() < wanted; ++i)
        QThread::msleep(10);
    driver.stop();
    return frames->load() >= wanted;
}

void stopProcess(QProcess& process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(3000);
    }
}

} // namespace

class TestOutputChooser : public QObject {
    Q_OBJECT

    QTemporaryDir m_runtime;
    QProcess m_pulse;
    QByteArray m_jackName;

    // No event loop runs here, so QProcess may still say Starting: the socket is what counts.
    bool pulseUp() const { return m_pulse.state() != QProcess::NotRunning && pulseServerRunning(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        // Private servers only: PulseAudio's socket lives in this runtime folder, JACK's under this name.
        qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
        qputenv("HOME", m_runtime.path().toLocal8Bit());
        qunsetenv("PULSE_SERVER");
        qunsetenv("PULSE_RUNTIME_PATH");
        m_jackName = "gs-chooser-" + QByteArray::number(QCoreApplication::applicationPid());
        qputenv("JACK_DEFAULT_SERVER", m_jackName);
    }

    void cleanupTestCase() { stopProcess(m_pulse); }

    void probeTellsAStaleSocketFromALiveOne()
    {
        // A crashed server leaves its socket file behind: only a listener counts.
        const std::string path = (m_runtime.path() + QStringLiteral("/probe.sock")).toStdString();
        QVERIFY(!unixSocketListening(path));  // no file
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        QVERIFY(std::filesystem::exists(path));
        QVERIFY(!unixSocketListening(path));  // a file, nobody listening
        QCOMPARE(::listen(fd, 4), 0);
        QVERIFY(unixSocketListening(path));
        ::close(fd);
        QVERIFY(!unixSocketListening(path));  // stale again
        QVERIFY(!unixSocketListening(std::string(200, 'x')));  // too long for a socket address: no, not a crash
    }

    void noServersGiveTheNullDriverAndSayWhy()
    {
        if (std::filesystem::exists("/dev/snd"))
            QSKIP("this machine has sound cards: ALSA would open one");
        QVERIFY(!jackServerRunning());
        QVERIFY(!pulseServerRunning());
        const Timed t = timedOpen({"", -1, 44100, 512});
        const AudioDriver& driver = *t.output.driver;
        QCOMPARE(driver.name(), std::string("null"));
        QVERIFY(!driver.audible());
        QVERIFY(driver.isOpen());
        QCOMPARE(driver.sampleRate(), 44100u);  // the asked rate and period: the engine keeps its settings
        QCOMPARE(driver.periodFrames(), 512u);
        QVERIFY(!t.output.savedChoiceFailed);
        QCOMPARE(t.output.skipped, (std::vector<std::string>{"JACK: no server running",
                                       "PulseAudio: no server running", "ALSA: no audio device"}));
        QVERIFY2(t.seconds < 2.0, qPrintable(QString::number(t.seconds)));  // no client library hangs
        QVERIFY(playsFor(*t.output.driver, 0.1));  // and the null driver really runs
    }

    void aSavedChoiceThatFailsFallsBackInOrder()
    {
        if (std::filesystem::exists("/dev/snd"))
            QSKIP("this machine has sound cards: ALSA would open one");
        const Timed t = timedOpen({"pulse", 0, 48000, 256});
        QCOMPARE(t.output.driver->name(), std::string("null"));
        QVERIFY(t.output.savedChoiceFailed);
        // The saved PulseAudio comes first and is not reported twice.
        QCOMPARE(t.output.skipped, (std::vector<std::string>{"PulseAudio: no server running",
                                       "JACK: no server running", "ALSA: no audio device"}));
        QCOMPARE(t.output.skippedText(),
                 std::string("PulseAudio: no server running; JACK: no server running; ALSA: no audio device"));
    }

    void aServerThatDoesNotAnswerIsGivenUp()
    {
        // A "JACK server" that accepts connections and never answers (a wedged jackd): RtAudio's JACK API
        // blocks on it for good (measured: still waiting after 20 s). The probe sees a server; the attempt runs
        // on a worker and is given up after the limit, with the reason, and the next output is tried.
        if (jackServerRunning())
            QSKIP("a JACK server already answers under this test's private name");
        const std::string path = "/dev/shm/jack_" + m_jackName.toStdString() + "_" + std::to_string(::getuid()) + "_0";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
            ::close(fd);
            QSKIP("cannot create a socket in /dev/shm here");
        }
        QCOMPARE(::listen(fd, 8), 0);
        QVERIFY(jackServerRunning());
        const auto start = Clock::now();
        const OpenedOutput output = openOutput({"", -1, 48000, 256}, defaultOutputOrder(), std::chrono::milliseconds(500));
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        qInfo("with a silent JACK server: %s after %.0f ms; skipped: %s", output.driver->status().c_str(),
              seconds * 1000.0, output.skippedText().c_str());
        QVERIFY(!output.skipped.empty());
        QCOMPARE(output.skipped.front(), std::string("JACK: the server did not answer within 500 ms"));
        QVERIFY(output.driver->isOpen());  // the next output in the order, or the null driver
        QVERIFY2(seconds < 2.5, qPrintable(QString::number(seconds)));  // 0.5 s limit, generous for a busy machine
        // The settings dialog's listing is given up the same way (after RtAudioDriver::kAnswerLimit).
        const auto listed = RtAudioDriver::listDevices("jack");
        QVERIFY(!listed);
        QVERIFY2(listed.error().message.find("did not answer") != std::string::npos, listed.error().message.c_str());
        // Hanging up on the waiting clients lets the abandoned workers end (they close what they opened).
        ::close(fd);
        ::unlink(path.c_str());
        QVERIFY(!jackServerRunning());
    }

    void aPulseAudioNullSinkIsChosen()
    {
        if (!have("pulseaudio") || !have("pactl"))
            QSKIP("PulseAudio (pulseaudio, pulseaudio-utils) is not installed");
        m_pulse.start(QStringLiteral("pulseaudio"),
            {QStringLiteral("-n"), QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
             QStringLiteral("--disallow-exit"), QStringLiteral("--load=module-native-protocol-unix"),
             QStringLiteral("--load=module-null-sink sink_name=gs rate=48000"), QStringLiteral("--load=module-always-sink")});
        bool up = false;
        for (int i = 0; i < 50 && !up; ++i) {
            QThread::msleep(100);
            up = QProcess::execute(QStringLiteral("pactl"), {QStringLiteral("set-default-sink"), QStringLiteral("gs")}) == 0;
        }
        if (!up) {
            stopProcess(m_pulse);
            QSKIP("the PulseAudio server did not start here");
        }
        QVERIFY(pulseServerRunning());
        QCOMPARE(RtAudioDriver::defaultApi(), std::string("pulse"));  // what the settings dialog lists
        const Timed t = timedOpen({"", -1, 48000, 256});
        QCOMPARE(t.output.driver->name(), std::string("pulse"));
        QVERIFY(t.output.driver->audible());
        QCOMPARE(t.output.skipped, std::vector<std::string>{"JACK: no server running"});
        QVERIFY2(t.seconds < 2.0, qPrintable(QString::number(t.seconds)));
        QVERIFY(playsFor(*t.output.driver, 0.5));  // the server takes half a second of audio from us
        t.output.driver->close();

        // A saved ALSA device that is not there: PulseAudio plays, and the status can say why.
        const Timed saved = timedOpen({"alsa", 99, 48000, 256});
        QCOMPARE(saved.output.driver->name(), std::string("pulse"));
        QVERIFY(saved.output.savedChoiceFailed);
        QVERIFY(!saved.output.skipped.empty());
        QVERIFY2(saved.output.skipped.front().rfind("ALSA: ", 0) == 0, saved.output.skipped.front().c_str());
    }

    void jackComesBeforePulseAudioAndSetsTheRate()
    {
        if (!have("jackd"))
            QSKIP("JACK (jackd2) is not installed");
        QProcess jack;
        jack.start(QStringLiteral("jackd"), {QStringLiteral("--no-realtime"), QStringLiteral("-n"), QString::fromLatin1(m_jackName),
            QStringLiteral("-d"), QStringLiteral("dummy"), QStringLiteral("-r"), QStringLiteral("48000"),
            QStringLiteral("-p"), QStringLiteral("256")});
        bool up = false;
        for (int i = 0; i < 50 && !up; ++i) {
            QThread::msleep(100);
            up = jackServerRunning();
        }
        if (!up) {
            stopProcess(jack);
            QSKIP("the JACK server (dummy backend) did not start here");
        }
        qInfo("PulseAudio running too: %s", pulseUp() ? "yes (JACK must still come first)" : "no");
        const Timed t = timedOpen({"", -1, 44100, 256});  // JACK runs at 48 kHz: the server's rate wins
        QCOMPARE(t.output.driver->name(), std::string("jack"));
        QVERIFY(t.output.skipped.empty());
        QCOMPARE(t.output.driver->sampleRate(), 48000u);
        QVERIFY(playsFor(*t.output.driver, 0.5));
        t.output.driver->close();
        stopProcess(jack);
        QTRY_VERIFY_WITH_TIMEOUT(!jackServerRunning(), 5000);  // a stopped server is seen as gone
    }
};

QTEST_GUILESS_MAIN(TestOutputChooser)
#include "tst_outputchooser.moc"
