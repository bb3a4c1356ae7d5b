#include "transport/audiosettings.h"
#include "files/workerguard.h"

#include "audio/rtaudiodriver.h"
#include "audio/midiinput.h"
#include "audio/midioutput.h"
#include "transport/audiolink.h"
#include "transport/clocksync.h"

#include <QSettings>
#include <QThread>

#include <algorithm>
#include <memory>

namespace gs {

namespace {

struct Listing {
    QStringList devices;
    QString deviceError;
    QStringList ports;
    QString portError;
    QStringList inputs;
};

} // namespace

AudioSettings::AudioSettings(AudioLink* link, QObject* parent)
    : QObject(parent)
    , m_link(link)
{
    QSettings settings;
    m_deviceName = settings.value(QStringLiteral("audio/device")).toString();
    m_sampleRate = std::clamp(settings.value(QStringLiteral("audio/sampleRate"), 48000).toInt(), 22050, 192000);
    m_bufferFrames = std::clamp(settings.value(QStringLiteral("audio/bufferFrames"), 256).toInt(), kMinBuffer, kMaxBuffer);
    m_midiPortName = settings.value(QStringLiteral("midi/port")).toString();
    m_midiClock = settings.value(QStringLiteral("midi/clock"), false).toBool();
    m_clockPortName = settings.value(QStringLiteral("midi/clockIn")).toString();
    if (AudioLink* audio = m_link.data()) {
        setStatus(audio->status(), audio->midiStatus());
        connect(audio->clockSync(), &ClockSync::statusChanged, this, &AudioSettings::clockStatusChanged);
    }
    refresh();
}

AudioSettings::~AudioSettings()
{
    if (m_worker)
        m_worker->wait();
    if (m_applyWorker)
        m_applyWorker->wait();
}

// The device and port lists (a worker: ALSA probing can take a while).
static void listInto(Listing& result)
{
    if (auto devices = RtAudioDriver::listDevices(); devices.ok()) {
        for (const AudioDeviceInfo& d : devices.value())
            result.devices << QString::fromStdString(d.name);
    } else {
        result.deviceError = QString::fromStdString(devices.error().describe());
    }
    if (!MidiOutput::sequencerAvailable()) {
        result.portError = QObject::tr("No MIDI output ports (no JACK server, no ALSA sequencer)");
    } else if (auto ports = MidiOutput::listPorts(); ports.ok()) {
        for (const MidiPortInfo& p : ports.value())
            result.ports << QString::fromStdString(p.name);
    } else {
        result.portError = QString::fromStdString(ports.error().describe());
    }
    if (auto inputs = MidiInput::listPorts(); inputs.ok())
        for (const MidiPortInfo& p : inputs.value())
            result.inputs << QString::fromStdString(p.name);
}

void AudioSettings::refresh()
{
    if (m_listing)
        return;
    m_listing = true;
    Q_EMIT listingChanged();
    auto result = std::make_shared<Listing>();
    QThread* worker = QThread::create([result] {
        const QString thrown = runGuarded(QStringLiteral("audio devices"), [&] { listInto(*result); });
        if (!thrown.isEmpty())
            result->deviceError = thrown;
    });
    connect(worker, &QThread::finished, this, [this, result] {
        m_listing = false;
        m_devices = result->devices;
        m_midiPorts = result->ports;
        m_clockPorts = result->inputs;
        Q_EMIT clockStatusChanged();
        const int device = m_devices.indexOf(m_deviceName);
        const int port = m_midiPorts.indexOf(m_midiPortName);
        const int clockPort = m_clockPorts.indexOf(m_clockPortName);
        if (clockPort != m_clockPortIndex) {
            m_clockPortIndex = clockPort;
            Q_EMIT clockPortIndexChanged();
        }
        Q_EMIT devicesChanged();
        Q_EMIT midiPortsChanged();
        if (device != m_deviceIndex) {
            m_deviceIndex = device;
            Q_EMIT deviceIndexChanged();
        }
        if (port != m_midiPortIndex) {
            m_midiPortIndex = port;
            Q_EMIT midiPortIndexChanged();
        }
        QString audio = m_status;
        if (m_devices.isEmpty())
            audio = result->deviceError.isEmpty() ? tr("No audio output device found — playing silently")
                                                  : tr("%1 — playing silently").arg(result->deviceError);
        QString midi = m_midiStatus;
        if (m_midiPorts.isEmpty())
            midi = result->portError.isEmpty() ? tr("No MIDI output ports found") : result->portError;
        setStatus(audio, midi);
        Q_EMIT listingChanged();
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    worker->start();
}

namespace {

// Chooses entry `index` of `names` (-1: none; clamped) and keeps its name; false when nothing changed.
bool choose(int index, const QStringList& names, int& chosen, QString& name)
{
    index = std::clamp(index, -1, int(names.size()) - 1);
    if (index == chosen)
        return false;
    chosen = index;
    name = index >= 0 ? names[index] : QString();
    return true;
}

} // namespace

void AudioSettings::setDeviceIndex(int index)
{
    if (choose(index, m_devices, m_deviceIndex, m_deviceName))
        Q_EMIT deviceIndexChanged();
}

void AudioSettings::setSampleRate(int rate)
{
    rate = std::clamp(rate, 22050, 192000);
    if (rate == m_sampleRate)
        return;
    m_sampleRate = rate;
    Q_EMIT sampleRateChanged();
}

void AudioSettings::setBufferFrames(int frames)
{
    frames = std::clamp(frames, kMinBuffer, kMaxBuffer);
    if (frames == m_bufferFrames)
        return;
    m_bufferFrames = frames;
    Q_EMIT bufferFramesChanged();
}

void AudioSettings::setMidiPortIndex(int index)
{
    if (choose(index, m_midiPorts, m_midiPortIndex, m_midiPortName))
        Q_EMIT midiPortIndexChanged();
}

void AudioSettings::setMidiClock(bool on)
{
    if (on == m_midiClock)
        return;
    m_midiClock = on;
    Q_EMIT midiClockChanged();
}

void AudioSettings::setClockPortIndex(int index)
{
    if (choose(index, m_clockPorts, m_clockPortIndex, m_clockPortName))
        Q_EMIT clockPortIndexChanged();
}

QString AudioSettings::clockStatus() const
{
    AudioLink* link = m_link.data();
    if (link && link->clockSync()->following())
        return link->clockSync()->status();
    if (m_clockPorts.isEmpty())
        return MidiOutput::sequencerAvailable() ? tr("Internal clock (no MIDI input ports)")
                                                : tr("Internal clock (no MIDI input ports: no JACK server, no ALSA sequencer)");
    return link ? link->clockSync()->status() : tr("Internal clock");
}

void AudioSettings::setStatus(const QString& audio, const QString& midi)
{
    if (audio == m_status && midi == m_midiStatus)
        return;
    m_status = audio;
    m_midiStatus = midi;
    Q_EMIT statusChanged();
}

bool AudioSettings::apply()
{
    if (m_applying)
        return false;
    QSettings settings;
    settings.setValue(QStringLiteral("audio/device"), m_deviceName);
    settings.setValue(QStringLiteral("audio/sampleRate"), m_sampleRate);
    settings.setValue(QStringLiteral("audio/bufferFrames"), m_bufferFrames);
    settings.setValue(QStringLiteral("midi/port"), m_midiPortName);
    settings.setValue(QStringLiteral("midi/clock"), m_midiClock);
    settings.setValue(QStringLiteral("midi/clockIn"), m_clockPortName);
    settings.sync();
    if (!m_link) {
        setStatus(tr("Saved; no audio engine is running"), tr("Saved; no audio engine is running"));
        Q_EMIT applied(false);
        return true;
    }
    m_applying = true;
    Q_EMIT applyingChanged();
    // Device ids are per listing: find the chosen name again, on a worker (ALSA probing takes up to seconds).
    auto deviceId = std::make_shared<int>(-1);
    const QString wanted = m_deviceName;
    QThread* worker = QThread::create([deviceId, wanted] {
        if (wanted.isEmpty())
            return;
        runGuarded(QStringLiteral("audio devices"), [&] {
            if (auto devices = RtAudioDriver::listDevices(); devices.ok())
                for (const AudioDeviceInfo& d : devices.value())
                    if (QString::fromStdString(d.name) == wanted)
                        *deviceId = int(d.id);
        });
    });
    connect(worker, &QThread::finished, this, [this, deviceId] { reopen(*deviceId); });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    m_applyWorker = worker;
    worker->start();
    return true;
}

void AudioSettings::reopen(int deviceId)
{
    AudioLink* link = m_link.data();
    bool opened = false;
    if (link) {
        AudioStreamOptions options;
        options.sampleRate = unsigned(m_sampleRate);
        options.bufferFrames = unsigned(m_bufferFrames);
        options.deviceId = deviceId;
        opened = link->reopen(options).ok();
        link->openMidiPort(m_midiPortIndex);
        link->setMidiClock(m_midiClock);
        link->clockSync()->openPort(m_clockPortIndex);
        setStatus(link->status(), link->midiStatus());
    }
    m_applying = false;
    Q_EMIT applyingChanged();
    Q_EMIT applied(opened);
}

} // namespace gs
