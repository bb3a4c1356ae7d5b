#include "audiolink.h"

#include "assetpaths.h"
#include "audio/audiodevice.h"
#include "audio/engine.h"
#include "audio/kitloader.h"
#include "audio/pattern.h"
#include "session.h"
#include "transport.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThread>

#include <chrono>
#include <vector>

namespace gs {

namespace {
QPointer<AudioLink> g_link;
constexpr unsigned kRate = 48000;
} // namespace

AudioLink::AudioLink(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_engine(std::make_unique<Engine>())
{
    g_link = this;
    m_engine->prepare(kRate);
    m_device = std::make_unique<AudioDevice>(*m_engine);
    AudioStreamOptions options;
    options.sampleRate = kRate;
    const Status opened = m_device->open(options);
    if (opened.ok()) {
        m_deviceOpen = true;
        m_status = tr("%1 · %2 Hz · %3 frames")
                       .arg(QString::fromStdString(m_device->apiName()))
                       .arg(m_device->sampleRate())
                       .arg(m_device->bufferFrames());
    } else {
        m_device.reset();
        m_status = tr("No audio device — playing silently");
        m_silentDriver = std::thread([this] { runSilentDriver(); });
    }
    m_kitDirs = AssetPaths::kitDirs();
    for (int i = 0; i < m_kitDirs.size(); ++i)
        if (QFileInfo(m_kitDirs[i]).fileName() == QLatin1String("acoustic"))
            m_kitIndex = i;  // the default kit
    if (m_kitIndex < 0 && !m_kitDirs.isEmpty())
        m_kitIndex = 0;
    if (m_kitIndex >= 0)
        loadKit(m_kitIndex);
    connect(m_session, &Session::grooveChanged, this, &AudioLink::pushPattern);
    connect(m_session, &Session::drumMapChanged, this, &AudioLink::pushPattern);
    connect(m_session, &Session::bpmChanged, this, &AudioLink::pushSettings);
    m_positionTimer.setInterval(33);
    connect(&m_positionTimer, &QTimer::timeout, this, &AudioLink::drainPositions);
    m_positionTimer.start();
    pushPattern();
    pushSettings();
}

AudioLink::~AudioLink()
{
    m_positionTimer.stop();
    m_stopDriver = true;
    if (m_silentDriver.joinable())
        m_silentDriver.join();
    if (m_device)
        m_device->close();
    if (g_link == this)
        g_link = nullptr;
}

AudioLink* AudioLink::instance() { return g_link; }

void AudioLink::runSilentDriver()
{
    // Real-time pacing without a sound card: render what the clock says is due, in small blocks.
    using Clock = std::chrono::steady_clock;
    std::vector<float> buffer(2 * 256);
    const auto start = Clock::now();
    std::int64_t rendered = 0;
    while (!m_stopDriver) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        std::int64_t due = std::int64_t(elapsed * kRate) - rendered;
        while (due > 0 && !m_stopDriver) {
            const int frames = int(std::min<std::int64_t>(due, 256));
            m_engine->process(buffer.data(), frames);
            rendered += frames;
            due -= frames;
        }
    }
}

void AudioLink::attach(Transport* transport)
{
    m_transport = transport;
    QStringList names;
    for (const QString& dir : m_kitDirs)
        names << QFileInfo(dir).fileName();
    transport->setKits(names, m_kitIndex);
    transport->setDeviceStatus(m_status, m_deviceOpen);
    connect(transport, &Transport::playingChanged, this, [this] { setPlaying(m_transport && m_transport->playing()); });
    connect(transport, &Transport::kitIndexChanged, this, [this] {
        if (m_transport && m_transport->kitIndex() != m_kitIndex && m_transport->kitIndex() >= 0)
            loadKit(m_transport->kitIndex());
    });
    for (auto signal : {&Transport::swingChanged, &Transport::humaniseChanged, &Transport::metronomeChanged,
             &Transport::volumeChanged, &Transport::voiceMixChanged})
        connect(transport, signal, this, &AudioLink::pushSettings);
    pushSettings();
}

void AudioLink::loadKit(int index)
{
    if (index < 0 || index >= m_kitDirs.size())
        return;
    m_kitIndex = index;
    const int request = ++m_kitRequest;
    const std::string path = m_kitDirs[index].toStdString();
    const double rate = m_engine->sampleRate();
    QThread* worker = QThread::create([this, path, rate, request] {
        auto kit = std::make_shared<Result<std::shared_ptr<const Kit>>>(gs::loadKit(path, rate));
        QMetaObject::invokeMethod(this, [this, kit, request] {
            if (request != m_kitRequest)
                return;  // a newer choice is on its way
            if (!kit->ok()) {
                if (m_transport)
                    m_transport->setDeviceStatus(tr("Kit failed: %1").arg(QString::fromStdString(kit->error().describe())), false);
                return;
            }
            m_engine->setKit(kit->value());
        }, Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void AudioLink::pushPattern()
{
    auto pattern = Pattern::fromGroove(m_session->groove(), Pattern::notesOf(m_session->drumMap()));
    if (pattern.ok())
        m_engine->setPattern(pattern.value(), PatternChange::Immediate);
}

void AudioLink::pushSettings()
{
    EngineSettings settings;
    settings.bpm = m_session->bpm();
    if (m_transport) {
        settings.swingPercent = m_transport->swing();
        settings.humanize = m_transport->humanise();
        settings.metronome = m_transport->metronome();
        settings.masterGain = float(m_transport->volume());
        const QList<bool> muted = m_transport->mutedVoices();
        const QList<bool> soloed = m_transport->soloedVoices();
        for (int v = 0; v < int(settings.mix.size()); ++v) {
            settings.mix[std::size_t(v)].mute = v < muted.size() && muted[v];
            settings.mix[std::size_t(v)].solo = v < soloed.size() && soloed[v];
        }
    }
    m_engine->setSettings(settings.clamped());
}

void AudioLink::setPlaying(bool on)
{
    if (on) {
        pushPattern();
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
    if (!any || !m_transport)
        return;
    m_transport->setPlayhead(m_transport->playing() && last.playing ? int(last.step) : -1, double(peak));
}

} // namespace gs
