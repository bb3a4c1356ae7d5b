#include "map/freehandpath.h"

#include "latent/latentspace.h"
#include "map/mapcontroller.h"
#include "project/project.h"
#include "project/projectfile.h"
#include "session.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
constexpr int kTickMs = 5;  // replay resolution; a step at 300 BPM is 50 ms
constexpr std::size_t kMaxSamples = 4096;  // about 17 minutes of one move per step at 240 BPM
} // namespace

FreehandPath::FreehandPath(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FreehandPath::tick);
    connect(&m_player, &PathPlayer::messageChanged, this, [this] { setMessage(m_player.message()); });
}

FreehandPath::~FreehandPath() = default;

void FreehandPath::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    m_player.setController(controller);
    if (m_controller) {
        connect(m_controller, &MapController::cursorMoved, this, &FreehandPath::onCursorMoved);
        // z's of another model mean nothing on this one.
        connect(m_controller, &MapController::readyChanged, this, [this] {
            clear();
            applyPending();
        });
    }
    clear();
    applyPending();
    Q_EMIT controllerChanged();
}

void FreehandPath::setLoop(bool loop)
{
    if (loop == m_loop)
        return;
    m_loop = loop;
    Q_EMIT loopChanged();
}

QVariantList FreehandPath::path() const
{
    QVariantList out;
    if (m_controller)
        for (const FreehandSample& sample : m_samples)
            out << m_controller->project(sample.z);
    return out;
}

double FreehandPath::stepMs() const
{
    const double bpm = m_controller && m_controller->session() ? m_controller->session()->bpm() : 120.0;
    const int stepsPerBeat =
        m_controller && m_controller->space() ? std::max(1, m_controller->space()->config().grid.stepsPerBeat) : 4;
    return 60000.0 / bpm / stepsPerBeat;
}

int FreehandPath::currentStep() const
{
    return int(std::floor(double(m_clock.elapsed()) / stepMs()));
}

void FreehandPath::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void FreehandPath::setReplayIndex(int index)
{
    if (index == m_replayIndex)
        return;
    m_replayIndex = index;
    Q_EMIT replayIndexChanged();
}

void FreehandPath::startRecording()
{
    if (!m_controller || !m_controller->ready()) {
        setMessage(tr("Recording needs a model on the map."));
        return;
    }
    stopReplay();
    m_wait.drop();
    m_samples.clear();
    m_samples.push_back({0, m_controller->currentZ()});
    m_lengthSteps = 1;
    m_clock.start();
    m_recording = true;
    setMessage(tr("Recording: move the cursor"));
    Q_EMIT recordingChanged();
    Q_EMIT pathChanged();
}

void FreehandPath::stopRecording()
{
    if (!m_recording)
        return;
    m_recording = false;
    m_lengthSteps = std::max(m_samples.back().step + 1, currentStep() + 1);
    setMessage(tr("Recorded %1 positions over %2 steps").arg(m_samples.size()).arg(m_lengthSteps));
    Q_EMIT recordingChanged();
    Q_EMIT pathChanged();
}

void FreehandPath::onCursorMoved()
{
    if (!m_recording || !m_controller)
        return;
    const int step = currentStep();
    const LatentVector& z = m_controller->currentZ();
    if (m_samples.back().step == step) {
        m_samples.back().z = z;  // the last position within a step is the one that sounded
    } else if (m_samples.size() < kMaxSamples) {
        m_samples.push_back({step, z});
    } else {
        stopRecording();
        setMessage(tr("Recording stopped: %1 positions is the limit").arg(kMaxSamples));
        return;
    }
    m_lengthSteps = step + 1;
    Q_EMIT pathChanged();
}

bool FreehandPath::replay()
{
    if (m_samples.empty() || !m_controller || !m_controller->ready()) {
        setMessage(tr("Nothing to replay: record a movement first."));
        return false;
    }
    stopRecording();
    m_replaying = true;
    // The first position at once, whatever the clock says by the first tick.
    setReplayIndex(0);
    m_controller->moveToZ(m_samples.front().z);
    m_clock.start();
    m_timer.start();
    Q_EMIT replayingChanged();
    return true;
}

void FreehandPath::stopReplay()
{
    if (!m_replaying)
        return;
    m_timer.stop();
    m_replaying = false;
    setReplayIndex(-1);
    Q_EMIT replayingChanged();
}

void FreehandPath::tick()
{
    if (!m_replaying || !m_controller)
        return;
    const int step = currentStep();
    if (step >= m_lengthSteps) {
        // A late tick (a busy GUI thread) may jump past the end: the movement still ends where it was drawn.
        const int last = int(m_samples.size()) - 1;
        if (last >= 0 && m_replayIndex != last) {
            setReplayIndex(last);
            m_controller->moveToZ(m_samples.back().z);
        }
        if (m_loop) {
            m_clock.start();
            setReplayIndex(-1);
            tick();
            return;
        }
        stopReplay();
        Q_EMIT replayFinished();
        return;
    }
    // The last sample at or before this step; a late tick skips to it, as the sound should.
    const auto after = std::upper_bound(m_samples.begin(), m_samples.end(), step,
                                        [](int s, const FreehandSample& sample) { return s < sample.step; });
    const int index = int(after - m_samples.begin()) - 1;
    if (index >= 0 && index != m_replayIndex) {
        setReplayIndex(index);
        m_controller->moveToZ(m_samples[std::size_t(index)].z);
    }
}

void FreehandPath::clear()
{
    stopRecording();
    stopReplay();
    m_player.stop();
    if (m_samples.empty())
        return;
    m_samples.clear();
    m_lengthSteps = 0;
    Q_EMIT pathChanged();
}

void FreehandPath::setSamples(std::vector<FreehandSample> samples, int lengthSteps)
{
    stopRecording();
    stopReplay();
    m_wait.drop();
    std::stable_sort(samples.begin(), samples.end(),
                     [](const FreehandSample& a, const FreehandSample& b) { return a.step < b.step; });
    m_samples = std::move(samples);
    m_lengthSteps = m_samples.empty() ? 0 : std::max(lengthSteps, m_samples.back().step + 1);
    Q_EMIT pathChanged();
}

std::vector<LatentVector> FreehandPath::exportPoints(int bars) const
{
    std::vector<LatentVector> out;
    if (m_samples.empty())
        return out;
    if (bars <= 0) {
        for (const FreehandSample& sample : m_samples)
            if (out.empty() || out.back() != sample.z)
                out.push_back(sample.z);
        return out;
    }
    for (int i = 0; i < bars; ++i) {
        const double at = double(i) * m_lengthSteps / bars;
        std::size_t index = 0;
        while (index + 1 < m_samples.size() && m_samples[index + 1].step <= at)
            ++index;
        out.push_back(m_samples[index].z);
    }
    return out;
}

bool FreehandPath::playAsSequence()
{
    if (m_samples.empty()) {
        setMessage(tr("Nothing to play: record a movement first."));
        return false;
    }
    stopReplay();
    m_player.play(exportPoints(0));
    return true;
}

bool FreehandPath::exportMidi(const QString& pathOrUrl, int bars)
{
    if (m_samples.empty()) {
        setMessage(tr("Nothing to export: record a movement first."));
        return false;
    }
    return m_player.exportClip(exportPoints(std::min(bars, 256)), pathOrUrl);
}

bool FreehandPath::exportWav(const QString& pathOrUrl, int bars)
{
    if (m_samples.empty()) {
        setMessage(tr("Nothing to export: record a movement first."));
        return false;
    }
    return m_player.exportWav(exportPoints(std::min(bars, 256)), pathOrUrl);
}

QJsonValue FreehandPath::savePart() const
{
    if (m_wait.holding())
        return m_wait.value();  // not applied yet: keep it as the file had it
    QJsonArray samples;
    for (const FreehandSample& sample : m_samples) {
        samples.append(QJsonObject{{QStringLiteral("step"), sample.step},
                                   {QStringLiteral("z"), ProjectFile::latentToJson(sample.z)}});
    }
    return QJsonObject{{QStringLiteral("lengthSteps"), m_lengthSteps},
                       {QStringLiteral("loop"), m_loop},
                       {QStringLiteral("samples"), samples}};
}

void FreehandPath::loadPart(const QJsonValue& value)
{
    m_wait.drop();
    clear();
    if (!value.isObject()) {  // Null: a new project
        setLoop(false);
        return;
    }
    setLoop(value.toObject().value(QStringLiteral("loop")).toBool(false));
    const QJsonArray stored = value.toObject().value(QStringLiteral("samples")).toArray();
    const int latent = stored.isEmpty() ? 0
        : int(ProjectFile::latentFromJson(stored.first().toObject().value(QStringLiteral("z"))).size());
    if (latent == 0)
        return;  // no path (or not one of any model)
    m_wait.hold(value, latent);
    applyPending();
}

bool FreehandPath::applyPending()
{
    if (!m_controller)
        return false;
    return m_wait.applyWhenReady(*m_controller, [this](const QJsonValue& value) { applyStored(value.toObject()); });
}

void FreehandPath::applyStored(const QJsonObject& o)
{
    const int latent = m_controller->latent();
    std::vector<FreehandSample> samples;
    for (const QJsonValue& item : o.value(QStringLiteral("samples")).toArray()) {
        FreehandSample sample;
        sample.step = std::max(0, item.toObject().value(QStringLiteral("step")).toInt());
        sample.z = ProjectFile::latentFromJson(item.toObject().value(QStringLiteral("z")));
        if (int(sample.z.size()) != latent)
            return;  // a path mixing models' z's: nothing to restore
        samples.push_back(std::move(sample));
        if (samples.size() >= kMaxSamples)
            break;
    }
    setSamples(std::move(samples), o.value(QStringLiteral("lengthSteps")).toInt());
}

} // namespace gs
