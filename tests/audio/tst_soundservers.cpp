// The real device path against real sound servers (issue 15): a PulseAudio server with a null sink, and a JACK
// server with its dummy backend. The engine plays a known groove through RtAudioDriver for a few seconds,
// the server's own recorder (parec, jack-record) records what came out, and the onsets must be where the
// sequencer put them: one hi-hat per beat at 120 BPM, 0.5 s apart. A server that cannot start here skips its case
// with the reason; the test starts and stops its servers itself, in a private runtime folder.
#include "audio/rtaudiodriver.h"
#include "audio/serverprobe.h"
#include "audiotest.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <sndfile.h>

#include <cstdlib>
#include <thread>

using namespace gs;
using namespace gs::test;

namespace {

struct Recording {
    int rate = 0;
    std::vector<float> mono;  // the channels averaged
};

Recording readWav(const QString& path)
{
    Recording r;
    SF_INFO info{};
    SNDFILE* file = sf_open(path.toLocal8Bit().constData(), SFM_READ, &info);
    if (!file)
        return r;
    std::vector<float> frames(std::size_t(info.frames) * std::size_t(info.channels));
    const sf_count_t read = sf_readf_float(file, frames.data(), info.frames);
    sf_close(file);
    r.rate = info.samplerate;
    r.mono.resize(std::size_t(read));
    for (sf_count_t i = 0; i < read; ++i) {
        float sum = 0.0f;
        for (int c = 0; c < info.channels; ++c)
            sum += frames[std::size_t(i) * std::size_t(info.channels) + std::size_t(c)];
        r.mono[std::size_t(i)] = sum / float(info.channels);
    }
    return r;
}

// Onset times (seconds): where the level of 2 ms blocks jumps to more than four times the loudest of the 20 ms
// before it (and above a floor), at most one per 0.2 s. Rises, not silences: a kit's tails overlap the next beat.
std::vector<double> onsets(const Recording& r, float floor = 0.02f, double refractory = 0.2)
{
    const std::size_t block = std::size_t(r.rate / 500);
    std::vector<float> level;
    for (std::size_t i = 0; i + block <= r.mono.size(); i += block) {
        float peak = 0.0f;
        for (std::size_t j = i; j < i + block; ++j)
            peak = std::max(peak, std::fabs(r.mono[j]));
        level.push_back(peak);
    }
    std::vector<double> times;
    for (std::size_t b = 10; b < level.size(); ++b) {
        float before = 0.0f;
        for (std::size_t k = b - 10; k < b; ++k)
            before = std::max(before, level[k]);
        const double t = double(b * block) / r.rate;
        if (level[b] > floor && level[b] > 4.0f * before && (times.empty() || t - times.back() > refractory))
            times.push_back(t);
    }
    return times;
}

// The engine with the acoustic kit and a closed hi-hat (short, clear onsets) on every beat of two 4/4 bars at
// 120 BPM.
bool prepareEngine(Engine& engine, double rate)
{
    std::vector<TestHit> kicks;
    for (int step = 0; step < 32; step += 4)
        kicks.push_back({step, 2, 1.0f, 0.0f});
    auto kit = loadAssetKit("acoustic", rate);
    auto pattern = makePattern(kicks, 2);
    if (!kit || !pattern)
        return false;
    EngineSettings settings;
    settings.bpm = 120.0;
    return engine.setKit(kit) && engine.setPattern(pattern) && engine.setSettings(settings);
}

// Plays through the opened device for `seconds` (the audio thread renders; this thread collects garbage).
void play(Engine& engine, double seconds)
{
    engine.start();
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        engine.collectGarbage();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    engine.stop();
}

// Hits 0.5 s apart: each interval between two recorded onsets is a whole number of beats, within `tolerance`.
// A server on a busy machine may drop periods of the recording (jack-record on JACK's dummy backend without
// real-time scheduling loses 256 frames, 5.3 ms, now and then: the intervals come out shorter, never longer),
// so the tolerance is given per server: PulseAudio is exact to the block here, JACK within a few periods.
void checkBeats(const std::vector<double>& times, const char* server, double tolerance)
{
    QString list;
    for (double t : times)
        list += QString::number(t, 'f', 4) + QLatin1Char(' ');
    qInfo("%s onsets (s): %s", server, qPrintable(list));
    QVERIFY2(times.size() >= 3, qPrintable(QStringLiteral("%1: %2 onsets recorded").arg(server).arg(times.size())));
    double worst = 0.0;
    int exact = 0;
    for (std::size_t i = 1; i < times.size(); ++i) {
        const double beats = (times[i] - times[i - 1]) / 0.5;
        QVERIFY2(std::round(beats) >= 1.0, "two onsets within one beat");
        const double off = std::fabs(beats - std::round(beats)) * 0.5;
        worst = std::max(worst, off);
        exact += off < 0.0005 ? 1 : 0;
    }
    qInfo("%s: %zu hits recorded; %d of %zu intervals exact to the sample block, worst %.2f ms off", server, times.size(),
          exact, times.size() - 1, worst * 1000.0);
    QVERIFY2(worst < tolerance, qPrintable(QStringLiteral("%1: an interval %2 ms off the beat").arg(server).arg(worst * 1000.0)));
}

// Opens `device`, prepares the engine at the device's rate and starts the engine's callback on it.
bool openDevice(RtAudioDriver& device, Engine& engine, const AudioStreamOptions& options)
{
    const Status opened = device.open(options);
    if (!opened) {
        qWarning("%s", opened.error().describe().c_str());
        return false;
    }
    engine.prepare(double(device.sampleRate()));
    device.setCallback([&engine](float* out, int frames) { engine.process(out, frames); });
    const Status started = device.start();
    if (!started)
        qWarning("%s", started.error().describe().c_str());
    return started.ok() && device.isRunning();
}

bool have(const char* program) { return !QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty(); }

} // namespace

class TestSoundServers : public QObject {
    Q_OBJECT

    QTemporaryDir m_runtime;
    void keepIfAsked() { m_runtime.setAutoRemove(qEnvironmentVariableIsEmpty("GS_KEEP_RECORDINGS")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        keepIfAsked();  // GS_KEEP_RECORDINGS=1 keeps the WAVs (the path is printed)
        qInfo("recordings in %s", qPrintable(m_runtime.path()));
        // Private servers: their sockets live here, never in the user's session.
        qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
        qputenv("HOME", m_runtime.path().toLocal8Bit());
        qunsetenv("PULSE_SERVER");
    }

    void pulseAudioNullSink()
    {
        if (!have("pulseaudio") || !have("parec") || !have("pactl"))
            QSKIP("PulseAudio (pulseaudio, pulseaudio-utils) is not installed");
        QProcess server;
        server.start(QStringLiteral("pulseaudio"),
            {QStringLiteral("-n"), QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
             QStringLiteral("--disallow-exit"), QStringLiteral("--load=module-native-protocol-unix"),
             QStringLiteral("--load=module-null-sink sink_name=gs rate=48000"), QStringLiteral("--load=module-always-sink")});
        bool up = false;
        for (int i = 0; i < 50 && !up; ++i) {
            QThread::msleep(100);
            up = QProcess::execute(QStringLiteral("pactl"), {QStringLiteral("set-default-sink"), QStringLiteral("gs")}) == 0;
        }
        if (!up) {
            server.kill();
            server.waitForFinished(3000);
            QSKIP("the PulseAudio server did not start here");
        }
        const QString wav = m_runtime.filePath(QStringLiteral("pulse.wav"));
        QProcess recorder;
        recorder.start(QStringLiteral("parec"), {QStringLiteral("-d"), QStringLiteral("gs.monitor"),
            QStringLiteral("--file-format=wav"), QStringLiteral("--rate=48000"), QStringLiteral("--channels=2"), wav});
        QVERIFY(recorder.waitForStarted(5000));
        QThread::msleep(300);

        Engine engine;
        RtAudioDriver device;
        QVERIFY(openDevice(device, engine, {"pulse", -1, 48000, 512}));
        QCOMPARE(device.name(), std::string("pulse"));
        QVERIFY(prepareEngine(engine, device.sampleRate()));
        play(engine, 4.0);
        qInfo("PulseAudio: the engine played %llu hits", (unsigned long long)engine.stats().hitsPlayed);
        QThread::msleep(300);
        device.close();
        recorder.terminate();
        recorder.waitForFinished(5000);
        server.terminate();
        server.waitForFinished(5000);

        const Recording r = readWav(wav);
        QVERIFY2(r.rate > 0 && !r.mono.empty(), "parec wrote no WAV");
        checkBeats(onsets(r), "PulseAudio", 0.008);
    }

    void jackDummyBackend()
    {
        if (!have("jackd") || !have("jack-record"))
            QSKIP("JACK (jackd2, jack-tools) is not installed");
        if (jackServerRunning())
            QSKIP("a JACK server already runs on this machine; not starting another");
        QProcess server;
        server.start(QStringLiteral("jackd"), {QStringLiteral("--no-realtime"), QStringLiteral("-d"), QStringLiteral("dummy"),
            QStringLiteral("-r"), QStringLiteral("48000"), QStringLiteral("-p"), QStringLiteral("256")});
        bool up = false;
        for (int i = 0; i < 50 && !up; ++i) {
            QThread::msleep(100);
            up = jackServerRunning()
                && QProcess::execute(QStringLiteral("jack_lsp"), {}) == 0;
        }
        if (!up) {
            server.kill();
            server.waitForFinished(3000);
            QSKIP("the JACK server (dummy backend) did not start here");
        }
        Engine engine;
        RtAudioDriver device;
        QVERIFY(openDevice(device, engine, {"jack", -1, 48000, 256}));
        QCOMPARE(device.name(), std::string("jack"));
        QVERIFY(prepareEngine(engine, device.sampleRate()));
        // The recorder connects to our output ports, which exist once the stream is open.
        const QString wav = m_runtime.filePath(QStringLiteral("jack.wav"));
        QProcess recorder;
        // A large ring buffer: its disk thread must not drop frames on a busy machine.
        recorder.start(QStringLiteral("jack-record"), {QStringLiteral("-b"), QStringLiteral("262144"), QStringLiteral("-n"),
            QStringLiteral("2"), QStringLiteral("-t"), QStringLiteral("5"), wav});
        QVERIFY(recorder.waitForStarted(5000));
        // Our outputs into the recorder's inputs (its client is named after its process).
        const QString client = QStringLiteral("jack-record-%1").arg(recorder.processId());
        bool connected = false;
        for (int i = 0; i < 50 && !connected; ++i) {
            QThread::msleep(50);
            connected = QProcess::execute(QStringLiteral("jack_connect"), {QStringLiteral("Groovescape:outport 0"), client + QStringLiteral(":in_1")}) == 0;
        }
        QVERIFY2(connected, "could not connect Groovescape:outport 0 to the recorder");
        QCOMPARE(QProcess::execute(QStringLiteral("jack_connect"), {QStringLiteral("Groovescape:outport 1"), client + QStringLiteral(":in_2")}), 0);
        QProcess ports;
        ports.start(QStringLiteral("jack_lsp"), {QStringLiteral("-c")});
        ports.waitForFinished(5000);
        qInfo("JACK ports and connections:\n%s", ports.readAllStandardOutput().constData());
        play(engine, 4.0);
        qInfo("JACK: the engine played %llu hits", (unsigned long long)engine.stats().hitsPlayed);
        recorder.waitForFinished(10000);
        device.close();
        server.terminate();  // jackd removes its shared memory on a clean exit
        server.waitForFinished(5000);

        const Recording r = readWav(wav);
        QVERIFY2(r.rate == 48000 && !r.mono.empty(), "jack-record wrote no WAV");
        checkBeats(onsets(r), "JACK", 4 * 256.0 / 48000.0 + 0.002);
    }
};

QTEST_GUILESS_MAIN(TestSoundServers)
#include "tst_soundservers.moc"
