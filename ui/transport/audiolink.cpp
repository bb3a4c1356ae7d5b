#include "transport/audiolink.h"
#include "files/workerguard.h"

#include "assetpaths.h"
#include "kits/kitvoicesettings.h"
#include "audio/kitremap.h"
#include "transport/clocksync.h"
#include "audio/engine.h"
#include "audio/kitloader.h"
#include "audio/manualdriver.h"
#include "audio/midibackend.h"
#include "audio/midiinput.h"
#include "audio/midioutput.h"
#include "audio/nulldriver.h"
#include "audio/outputchooser.h"
#include "audio/pattern.h"
#include "audio/rtaudiodriver.h"
#include "session.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <vector>

namespace gs {

namespace {
constexpr unsigned kRate = 48000;
const char* kAddedKitsKey = "kits/added";
} // namespace

AudioLink::AudioLink(Session* session, QObject* parent, Driver driver)
    : QObject(parent)
    , m_session(session)
    , m_engine(std::make_unique<Engine>())
    , m_clockSync(std::make_unique<ClockSync>(session))
    , m_driver(driver)
{
    connect(m_clockSync.get(), &ClockSync::locateRequested, this,
        [this](double beat) { m_engine->locate(beat * m_session->stepsPerBeat()); });
    connect(m_clockSync.get(), &ClockSync::tempoFactorChanged, this, &AudioLink::pushSettings);
    m_engine->prepare(kRate);
    m_options.sampleRate = kRate;
    if (m_driver == Driver::Device) {
        QSettings settings;
        m_options.api = settings.value(QStringLiteral("audio/api")).toString().toStdString();
        m_options.sampleRate = settings.value(QStringLiteral("audio/sampleRate"), kRate).toUInt();
        m_options.bufferFrames = settings.value(QStringLiteral("audio/bufferFrames"), 256).toUInt();
        const QString deviceName = settings.value(QStringLiteral("audio/device")).toString();
        if (!deviceName.isEmpty()) {
            if (auto devices = RtAudioDriver::listDevices(m_options.api); devices.ok())
                for (const AudioDeviceInfo& d : devices.value())
                    if (QString::fromStdString(d.name) == deviceName)
                        m_options.deviceId = int(d.id);
        }
        m_midiClock = settings.value(QStringLiteral("midi/clock"), false).toBool();
        reopen(m_options);
        // Saved ports are kept by name (indices change between runs); none saved lists nothing.
        const auto savedPort = [&settings](const char* key, auto list) {
            const QString name = settings.value(QLatin1String(key)).toString();
            if (!name.isEmpty())
                if (auto ports = list(); ports.ok())
                    for (const MidiPortInfo& p : ports.value())
                        if (QString::fromStdString(p.name) == name)
                            return int(p.index);
            return -1;
        };
        if (const int in = savedPort("midi/clockIn", &MidiInput::listPorts); in >= 0)
            m_clockSync->openPort(in);
        if (const int out = savedPort("midi/port", &MidiOutput::listPorts); out >= 0)
            openMidiPort(out);
    } else {
        setStatus(tr("Manual engine driver (tests)"), false);
        openManualDriver();
    }
    if (m_midiStatus.isEmpty())
        m_midiStatus = midiOffStatus();
    for (const QString& dir : AssetPaths::kitDirs()) {
        if (QFileInfo(dir).fileName() == QLatin1String("acoustic"))
            m_kitIndex = int(m_kits.size());  // the default kit
        // Clean paths: a kit's id (its saved voice mapping) is the same however it was reached.
        m_kits.push_back({QDir::cleanPath(dir), -1, QFileInfo(dir).fileName()});
    }
    for (const QVariant& v : QSettings().value(QLatin1String(kAddedKitsKey)).toList()) {
        const QVariantMap m = v.toMap();
        if (!m.value(QStringLiteral("path")).toString().isEmpty())
            m_kits.push_back({m.value(QStringLiteral("path")).toString(), m.value(QStringLiteral("preset"), -1).toInt(),
                              m.value(QStringLiteral("name")).toString()});
    }
    if (m_kitIndex < 0 && !m_kits.empty())
        m_kitIndex = 0;
    if (m_kitIndex >= 0)
        loadKit(m_kitIndex);
    m_positionTimer.setInterval(33);
    connect(&m_positionTimer, &QTimer::timeout, this, &AudioLink::drainPositions);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(50);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_engine->collectGarbage();
        pushSettings();
        handOver(m_when);
    });
    if (m_driver == Driver::Device)
        m_positionTimer.start();
    pushSettings();
}

AudioLink::~AudioLink()
{
    m_positionTimer.stop();
    m_midi.reset();  // stops its sender thread before the engine goes
    stopDriver();
    for (const QPointer<QThread>& worker : m_kitWorkers)
        if (worker)
            worker->wait();
}

void AudioLink::setStatus(const QString& text, bool deviceOpen)
{
    m_status = text;
    m_deviceOpen = deviceOpen;
    setDeviceStatus(m_status, m_deviceOpen);
    Q_EMIT statusChanged();
}

void AudioLink::setDeviceStatus(const QString& text, bool ok)
{
    if (text == m_deviceStatus && ok == m_deviceStatusOk)
        return;
    m_deviceStatus = text;
    m_deviceStatusOk = ok;
    Q_EMIT deviceStatusChanged();
}

void AudioLink::stopDriver()
{
    if (m_output) {
        m_output->close();  // returns once the audio thread has left Engine::process
        m_output.reset();
    }
}

Status AudioLink::startOutput()
{
    // The engine runs at the output's rate (a device may run at another than asked); no driver runs yet.
    if (std::abs(m_engine->sampleRate() - double(m_output->sampleRate())) > 0.5)
        m_engine->prepare(double(m_output->sampleRate()));
    Engine* engine = m_engine.get();
    m_output->setCallback([engine](float* out, int frames) { engine->process(out, frames); });
    return m_output->start();
}

void AudioLink::openManualDriver()
{
    m_output = std::make_unique<ManualDriver>();
    m_output->open({"", -1, kRate, 256});
    startOutput();
}

Status AudioLink::reopen(const AudioStreamOptions& requested)
{
    AudioStreamOptions options = requested;
    options.bufferFrames = std::clamp(options.bufferFrames, 64u, 2048u);
    options.sampleRate = std::clamp(options.sampleRate, 8000u, 192000u);
    m_options = options;
    if (m_driver == Driver::Manual)
        return Error{"", "the manual driver has no device"};
    stopDriver();
    m_frameClock.reset();  // a new stream renders on its own schedule (and prepare() restarts the frame count)
    const double rateBefore = m_engine->sampleRate();
    // The saved choice, else JACK, PulseAudio, ALSA; else the NullDriver at the requested rate.
    OpenedOutput output = openOutput(options);
    std::string skipped = output.skippedText();
    m_output = std::move(output.driver);
    if (const Status started = startOutput(); !started.ok()) {
        // A device that opened but does not start: the null driver plays instead.
        skipped += (skipped.empty() ? "" : "; ") + started.error().message;
        m_output = std::make_unique<NullDriver>();
        m_output->open(options);
        startOutput();
    }
    const QString reasons = QString::fromStdString(skipped);
    Status opened = success();
    if (m_output->audible()) {
        QString text = tr("%1 · %2 Hz · %3 frames")
                           .arg(QString::fromStdString(m_output->displayName()))
                           .arg(m_output->sampleRate())
                           .arg(m_output->periodFrames());
        if (!reasons.isEmpty())
            text += tr(" (%1)").arg(reasons);  // why the outputs before it were skipped
        setStatus(text, true);
    } else {
        opened = Error{"", "no audio device" + (skipped.empty() ? std::string() : " (" + skipped + ")")};
        setStatus(reasons.isEmpty() ? tr("No audio device — playing silently")
                                    : tr("No audio device — playing silently (%1)").arg(reasons),
                  false);
    }
    if (std::abs(m_engine->sampleRate() - rateBefore) > 0.5) {
        // prepare() dropped the kit and the patterns: load and hand them again.
        if (m_kitIndex >= 0)
            loadKit(m_kitIndex);
        handOver(m_when);
        pushSettings();
        if (m_playing)
            m_engine->start();
    }
    return opened;
}

QString AudioLink::midiOffStatus()
{
    // The settings say which MIDI system is in use: JACK MIDI when a JACK server runs, else ALSA.
    const MidiBackend backend = midiBackend();
    return backend == MidiBackend::None ? tr("No MIDI output ports (no JACK server, no ALSA sequencer)")
                                        : tr("MIDI out off (%1)").arg(QLatin1String(midiBackendName(backend)));
}

Status AudioLink::openMidiPort(int index)
{
    m_midi.reset();
    Status result = Status(Done{});
    if (index < 0) {
        m_midiStatus = midiOffStatus();
    } else {
        m_midi = std::make_unique<MidiOutput>(*m_engine);
        result = m_midi->openPort(unsigned(index));
        if (result.ok()) {
            m_midiStatus = tr("MIDI out on port %1 (%2)").arg(index).arg(QLatin1String(midiBackendName(midiBackend())));
        } else {
            m_midi.reset();
            m_midiStatus = QString::fromStdString(result.error().describe());
        }
    }
    pushSettings();
    Q_EMIT statusChanged();
    return result;
}

bool AudioLink::midiOpen() const { return m_midi && m_midi->isOpen(); }

void AudioLink::setMidiClock(bool on)
{
    if (on == m_midiClock)
        return;
    m_midiClock = on;
    pushSettings();
    Q_EMIT statusChanged();
}

void AudioLink::processFrames(int frames)
{
    if (m_driver != Driver::Manual)
        return;  // a device or the null driver owns process()
    if (auto* manual = dynamic_cast<ManualDriver*>(m_output.get()))
        manual->run(frames);  // in periods of 256 frames
    drainPositions();
}

void AudioLink::setManualClock(double originSeconds, double framesPerSecond)
{
    if (m_driver != Driver::Manual || framesPerSecond <= 0.0)
        return;
    m_manualOrigin = originSeconds;
    m_manualRate = framesPerSecond;
    m_frameClock.reset();
}

QStringList AudioLink::kitNames() const
{
    QStringList names;
    for (const KitEntry& kit : m_kits)
        names << kit.name;
    return names;
}

void AudioLink::chooseKit(int index)
{
    if (index != m_kitIndex && index >= 0)
        loadKit(index);
}

void AudioLink::chooseKitFile(const QString& path, int preset, const QString& name)
{
    const QString clean = QDir::cleanPath(path);
    auto it = std::find_if(m_kits.begin(), m_kits.end(),
        [&](const KitEntry& k) { return QDir::cleanPath(k.path) == clean && k.preset == preset; });
    if (it == m_kits.end()) {
        m_kits.push_back({clean, preset, name.isEmpty() ? QFileInfo(clean).completeBaseName() : name});
        it = m_kits.end() - 1;
        // Kept for the next start, so the kit box (and a project naming the kit) finds it again.
        QSettings settings;
        QVariantList added = settings.value(QLatin1String(kAddedKitsKey)).toList();
        added.append(QVariantMap{{QStringLiteral("path"), it->path}, {QStringLiteral("preset"), preset},
                                 {QStringLiteral("name"), it->name}});
        settings.setValue(QLatin1String(kAddedKitsKey), added);
    }
    loadKit(int(it - m_kits.begin()));
    Q_EMIT kitsChanged();
}

void AudioLink::reloadKit()
{
    if (m_kitIndex >= 0)
        loadKit(m_kitIndex);
}

bool AudioLink::audition(int note, float velocity)
{
    return m_engine->audition(note, velocity);
}

void AudioLink::play(std::shared_ptr<const Pattern> pattern, PatternChange when)
{
    m_pattern = std::move(pattern);
    m_when = when;
    m_sequence = {};
    handOver(when);
}

void AudioLink::playSequence(const PatternSequence& sequence)
{
    if (sequence.patterns.empty())
        return;
    m_sequence = sequence;
    m_sequenceSeen = false;
    if (!sequence.loop) {
        m_pattern = sequence.tail;  // what plays once the sequence is over
        m_when = PatternChange::Immediate;
    }
    pushSequence();
}

void AudioLink::setSettings(const EngineSettings& settings)
{
    m_settings = settings;
    pushSettings();
}

void AudioLink::loadKit(int index)
{
    if (index < 0 || index >= int(m_kits.size()))
        return;
    m_kitIndex = index;
    const int request = ++m_kitRequest;
    const KitEntry& entry = m_kits[std::size_t(index)];
    const std::string path = entry.path.toStdString();
    const QString id = kitvoices::kitId(entry.path, entry.preset);
    const QVariantMap choices = kitvoices::saved(id);  // read here: the musician may change them meanwhile
    KitLoadOptions options;
    options.preset = entry.preset;
    const double rate = m_engine->sampleRate();
    auto kit = std::make_shared<Result<std::shared_ptr<const Kit>>>(Error{path, "not loaded"});
    QThread* worker = QThread::create([path, rate, options, choices, kit] {
        // A hostile kit.json (wrong JSON types, a sample at 1 Hz asking for gigabytes) must end as
        // "Kit failed: ..." in the transport, not in std::terminate.
        const QString thrown = runGuarded(QString::fromStdString(path), [&] {
            *kit = gs::loadKit(path, rate, options);
            if (kit->ok() && !choices.isEmpty())
                *kit = remapKit(*kit->value(), kitvoices::resolve(choices, *kit->value()));
        });
        if (!thrown.isEmpty())
            *kit = Error{"", thrown.toStdString()};
    });
    // finished is delivered to this object on the GUI thread (nothing, if it is gone by then).
    connect(worker, &QThread::finished, this, [this, kit, request, rate, id] {
        if (request != m_kitRequest || std::abs(rate - m_engine->sampleRate()) > 0.5)
            return;  // a newer choice (or a new rate) is on its way
        if (!kit->ok()) {
            setDeviceStatus(tr("Kit failed: %1").arg(QString::fromStdString(kit->error().describe())), false);
            return;
        }
        m_engine->setKit(kit->value());
        m_currentKit = kit->value();
        m_currentKitId = id;
        Q_EMIT kitLoaded();
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    std::erase_if(m_kitWorkers, [](const QPointer<QThread>& w) { return w.isNull(); });
    m_kitWorkers.emplace_back(worker);
    worker->start();
}

void AudioLink::handOver(PatternChange when)
{
    // The transport decided what plays (its groove or a sequence) and when a new groove takes over.
    if (!m_sequence.patterns.empty()) {
        pushSequence();
        return;
    }
    bool taken = m_engine->clearQueue();  // also drops a groove still waiting for its bar line: the newest one wins
    if (m_pattern)
        taken = m_engine->setPattern(m_pattern, when) && taken;
    retryUnless(taken);
}

void AudioLink::retryUnless(bool taken)
{
    // The engine's command FIFO was full (a stalled device): the musician's change is not dropped; the newest
    // state is handed over again shortly (latest wins), and the status says the device is not keeping up.
    if (taken) {
        if (m_retries > 0)
            setDeviceStatus(m_status, m_deviceOpen);
        m_retries = 0;
        return;
    }
    if (m_retries++ == 0)
        setDeviceStatus(tr("The audio device is not keeping up: changes wait for it"), false);
    m_retryTimer.start();
}

void AudioLink::pushSequence()
{
    const auto& sequence = m_sequence.patterns;
    if (sequence.empty())
        return;
    bool taken = m_engine->clearQueue();
    taken = m_engine->setPattern(sequence.front(), PatternChange::Immediate) && taken;
    taken = m_engine->locate(0.0) && taken;
    for (std::size_t i = 1; i < sequence.size(); ++i)
        taken = m_engine->setPattern(sequence[i], PatternChange::Queue) && taken;
    if (m_sequence.loop)
        queueSequenceCycle();
    else if (m_sequence.tail)
        taken = m_engine->setPattern(m_sequence.tail, PatternChange::Queue) && taken;
    retryUnless(taken);
}

void AudioLink::queueSequenceCycle()
{
    for (const auto& pattern : m_sequence.patterns)
        m_engine->setPattern(pattern, PatternChange::Queue);
}

void AudioLink::pushSettings()
{
    EngineSettings settings = m_settings;
    settings.bpm *= m_clockSync->tempoFactor();  // the factor is 1 unless phase-locking
    settings.midiOut = midiOpen();
    settings.midiClock = midiOpen() && m_midiClock;
    retryUnless(m_engine->setSettings(settings.clamped()));
}

void AudioLink::setPlaying(bool on)
{
    m_playing = on;
    if (on) {
        handOver(PatternChange::Immediate);  // a stopped engine starts on the newest groove
        m_engine->start();
    } else {
        m_engine->stop();
    }
}

void AudioLink::drainPositions()
{
    m_engine->collectGarbage();
    PositionEvent event;
    PositionEvent last;
    bool any = false;
    float peak = 0.0f;
    while (m_engine->popPosition(event)) {
        last = event;
        any = true;
        peak = std::max({peak, event.peakLeft, event.peakRight});
    }
    if (!any)
        return;
    m_lastPosition = last;
    const double rate = m_engine->sampleRate();
    if (m_driver == Driver::Manual && m_manualOrigin >= 0.0)
        m_frameClock.observe(last.frame, rate, m_manualOrigin + double(last.frame) / m_manualRate);
    else if (m_driver != Driver::Manual)
        m_frameClock.observe(last.frame, rate, MidiInput::now());
    if (m_frameClock.valid() && last.playing && !last.countIn && last.stepsPerBeat > 0 && last.steps > 0) {
        const double perBeat = last.stepsPerBeat;
        const double heard = m_frameClock.secondsAt(last.frame, rate);
        m_clockSync->setEnginePosition(last.step / perBeat, last.steps / perBeat, heard);
        Q_EMIT playheadAt(last.step, last.steps, qint64(last.loop), last.stepsPerBeat, heard);
    }
    Q_EMIT positionReported(m_playing && last.playing ? int(last.step) : -1, double(peak), last.overFramesTotal,
        last.playing ? last.patternId : 0);
    if (!m_sequence.patterns.empty() && last.playing) {
        const bool inSequence = std::any_of(m_sequence.patterns.begin(), m_sequence.patterns.end(),
            [&](const auto& pattern) { return pattern->id == last.patternId; });
        m_sequenceSeen = m_sequenceSeen || inSequence;
        // A one-shot sequence is over once the engine went on to its tail: from now on the tail is what plays.
        if (!inSequence && m_sequenceSeen && !m_sequence.loop && m_sequence.tail && last.patternId == m_sequence.tail->id)
            m_sequence = {};
    }
    // A looping sequence keeps at least one whole cycle queued ahead of the playhead.
    const int length = int(m_sequence.patterns.size());
    if (length > 0 && m_sequence.loop && last.queued < length)
        queueSequenceCycle();
}

} // namespace gs
