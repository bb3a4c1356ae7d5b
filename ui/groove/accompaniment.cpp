#include "groove/accompaniment.h"

#include "assetpaths.h"
#include "audio/engine.h"
#include "audio/midiinput.h"
#include "core/latestworker.h"
#include "generatejob.h"
#include "latent/accompanist.h"
#include "model/model.h"
#include "session.h"
#include "transport/transport.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
constexpr double kArmAhead = 0.12;  // seconds: closer than this to a pass's end, a precise timer takes over
// A model's display name: its file name without the extension.
QString nameOf(const QString& path) { return QFileInfo(path).completeBaseName(); }
}

struct Accompaniment::Workers {
    LatestWorker<QString, std::shared_ptr<const Accompanist>> load;
    LatestWorker<GenerateJob, GenerateResult> generate;

    explicit Workers(Accompaniment* owner)
        : load("gs-accload",
              [](const QString& path) -> std::shared_ptr<const Accompanist> {
                  Result<Model> model = Model::load(path.toStdString());
                  if (!model.ok())
                      throw std::runtime_error(model.error().describe());
                  Result<Accompanist> made = Accompanist::create(model.value());
                  if (!made.ok())
                      throw std::runtime_error(path.toStdString() + ": " + made.error().describe());
                  return std::make_shared<const Accompanist>(std::move(made.value()));
              },
              [owner](auto&& reply) {
                  QMetaObject::invokeMethod(owner, [owner, reply] {
                      if (reply.id != owner->m_loadId)
                          return;  // a later load was asked for
                      if (!reply.error.empty()) {
                          owner->setStatus(tr("Cannot use this accompaniment model: %1").arg(QString::fromStdString(reply.error)));
                          return;
                      }
                      owner->adopt(reply.result, nameOf(reply.request));
                  }, Qt::QueuedConnection);
              })
        , generate("gs-accompany", [](const GenerateJob& job) { return runGenerateJob(job); },
              [owner](auto&& reply) {
                  GenerateResult result = reply.error.empty() ? reply.result : GenerateResult{};
                  if (!reply.error.empty())
                      result.error = reply.error;
                  QMetaObject::invokeMethod(owner, [owner, result] { owner->deliver(result); }, Qt::QueuedConnection);
              })
    {
    }
};

Accompaniment::Accompaniment(Session* session, Transport* transport, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_transport(transport)
    , m_status(tr("No accompaniment model loaded"))
    , m_capture(Grid{})
    , m_rhythm(Grid{}, 1)
    , m_now(&MidiInput::now)
    , m_workers(std::make_unique<Workers>(this))
{
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_closeTimer, &QTimer::timeout, this, &Accompaniment::closePass);
    if (m_transport)
        connect(m_transport, &Transport::playingChanged, this, [this] {
            if (m_transport->playing())
                return;
            m_clock.stop();
            m_closeTimer.stop();
            m_liveStep = -1;
            Q_EMIT liveStepChanged();
        });
}

Accompaniment::~Accompaniment()
{
    m_workers.reset();  // joins both workers while every member they reach still exists
}

QString Accompaniment::defaultModelPath()
{
    const QString dir = AssetPaths::findModelsDir();
    if (dir.isEmpty())
        return {};
    const QString path = QDir(dir).filePath(QStringLiteral("groove-transformer.gsmodel"));
    return QFileInfo(path).isFile() ? path : QString();
}

void Accompaniment::loadModel(const QString& path)
{
    if (path.isEmpty()) {
        m_loadId = m_nextId++;  // asked once: ensureLoaded() does not ask again
        setStatus(tr("No accompaniment model: models/groove-transformer.gsmodel is missing"));
        return;
    }
    setStatus(tr("Loading %1…").arg(nameOf(path)));
    m_loadId = m_nextId++;
    m_workers->load.request(m_loadId, path);
}

void Accompaniment::ensureLoaded()
{
    if (m_accompanist || m_loadId != 0)
        return;
    loadModel(defaultModelPath());
}

void Accompaniment::adopt(std::shared_ptr<const Accompanist> accompanist, const QString& name)
{
    m_accompanist = std::move(accompanist);
    m_modelName = name;
    m_styles.clear();
    for (const std::string& style : m_accompanist->styles())
        m_styles << QString::fromStdString(style);
    if (!m_styles.contains(m_style))
        m_style.clear();
    const Grid grid = m_accompanist->grid();
    if (!(grid == m_capture.grid())) {
        m_capture = RhythmCapture(grid);
        m_rhythm = Groove(grid, 1);
    }
    m_memory.clear();
    m_current.clear();
    setLatents(m_a, m_b);  // those of another model's size go
    setStatus(tr("Ready: tap or play a rhythm, then Generate (or turn on Follow and play)"));
    Q_EMIT modelChanged();
    Q_EMIT laneChanged();
    Q_EMIT livePassChanged();
    Q_EMIT conditionsChanged();
    Q_EMIT abChanged();
}

QStringList Accompaniment::groups() const
{
    QStringList names;
    for (int g = 0; g < kVoiceGroups; ++g)
        names << QString::fromLatin1(voiceGroupName(VoiceGroup(g)));
    return names;
}

void Accompaniment::setStatus(const QString& text)
{
    if (text == m_status)
        return;
    m_status = text;
    Q_EMIT statusChanged();
}

static QVariantList velocities(const Groove& groove)
{
    QVariantList out;
    for (int s = 0; s < groove.steps(); ++s)
        out << (groove.voices() > 0 && groove.hit(s, 0) ? double(groove.velocity(s, 0)) : 0.0);
    return out;
}

QVariantList Accompaniment::lane() const { return velocities(m_rhythm); }
QVariantList Accompaniment::livePass() const { return velocities(m_capture.open()); }

void Accompaniment::toggleStep(int step, double velocity)
{
    if (step < 0 || step >= m_rhythm.steps())
        return;
    if (m_rhythm.hit(step, 0))
        m_rhythm.clearHit(step, 0);
    else
        m_rhythm.setHit(step, 0, float(std::clamp(velocity, 0.05, 1.0)));
    Q_EMIT laneChanged();
}

void Accompaniment::setStepVelocity(int step, double velocity)
{
    if (step < 0 || step >= m_rhythm.steps() || !std::isfinite(velocity))
        return;
    m_rhythm.setHit(step, 0, float(std::clamp(velocity, 0.05, 1.0)), m_rhythm.hit(step, 0) ? m_rhythm.offset(step, 0) : 0.0f);
    Q_EMIT laneChanged();
}

void Accompaniment::clearLane()
{
    m_rhythm.clear();
    Q_EMIT laneChanged();
}

void Accompaniment::setRhythm(const Groove& rhythm)
{
    if (rhythm.voices() != 1 || rhythm.steps() != m_capture.steps())
        return;
    m_rhythm = rhythm;
    Q_EMIT laneChanged();
}

void Accompaniment::tap(double velocity) { tapAt(m_now(), velocity); }

void Accompaniment::tapAt(double seconds, double velocity)
{
    if (!m_clock.valid()) {
        setStatus(tr("Press Play to tap or play the input rhythm in time (or click steps in the lane)"));
        return;
    }
    const double global = m_clock.globalStepAt(seconds);
    while (m_capture.passOf(global) > m_capture.openPass())
        closePass();  // the timer was late: the pass before is complete
    if (m_capture.tap(global, float(std::clamp(velocity, 0.0, 1.0))))
        Q_EMIT livePassChanged();
}

void Accompaniment::playheadAt(double step, int steps, qint64 loop, int stepsPerBeat, double seconds)
{
    const bool wasValid = m_clock.valid();
    const double before = wasValid ? m_clock.globalStepAt(seconds) : 0.0;
    m_clock.report(step, steps, loop, stepsPerBeat, m_session ? m_session->bpm() : 120.0, seconds);
    if (!m_clock.valid())
        return;
    const double global = m_clock.globalStepAt(seconds);
    if (!wasValid || global + 1.0 < before) {
        // Started (or the engine was placed elsewhere): catching starts with the pass under the playhead.
        m_capture.restart(m_capture.passOf(global));
        Q_EMIT livePassChanged();
    }
    while (m_capture.passOf(global) > m_capture.openPass())
        closePass();
    const int live = int(std::floor(global - double(m_capture.openPass()) * m_capture.steps()));
    const int wrapped = ((live % m_capture.steps()) + m_capture.steps()) % m_capture.steps();
    if (wrapped != m_liveStep) {
        m_liveStep = wrapped;
        Q_EMIT liveStepChanged();
    }
    armCloseTimer();
}

void Accompaniment::armCloseTimer()
{
    const double closeAt = m_clock.secondsAt(m_capture.closesAt(m_capture.openPass()));
    const double wait = closeAt - m_now();
    if (wait > kArmAhead)
        return;  // a later report arms it
    m_closeTimer.start(std::max(0, int(std::lround(wait * 1000.0))));
}

void Accompaniment::closePass()
{
    m_closeTimer.stop();
    const std::int64_t closed = m_capture.close();
    ++m_passesClosed;
    Q_EMIT livePassChanged();
    const bool hadInput = m_capture.lastHasInput();
    if (hadInput) {
        m_rhythm = m_capture.last();
        Q_EMIT laneChanged();
    }
    if (!m_accompanist || !m_clock.valid())
        return;
    const double loopEnd = m_clock.secondsAt(double(closed + 1) * m_capture.steps());
    if (m_oscillationRate > 0.0 && hasA() && hasB()) {
        m_crossfade = oscillation(double(m_passesClosed), m_oscillationRate);
        Q_EMIT abChanged();
        GenerateJob job = baseJob();
        job.kind = GenerateJob::Kind::Latent;
        job.z = lerp(m_a, m_b, float(m_crossfade));
        job.rhythm = m_crossfade < 0.5 ? m_aRhythm : m_bRhythm;  // locked to the nearer end's rhythm
        job.timed = true;
        job.loopEndSeconds = loopEnd;
        post(std::move(job));
        return;
    }
    if (!m_follow || !hadInput)
        return;  // a silent pass leaves the drums playing as they are
    GenerateJob job = baseJob();
    job.memory = m_memory;
    job.current = m_current;
    job.followAmount = float(m_followAmount);
    job.timed = true;
    job.loopEndSeconds = loopEnd;
    post(std::move(job));
}

GenerateJob Accompaniment::baseJob() const
{
    GenerateJob job;
    job.accompanist = m_accompanist;
    job.rhythm = m_rhythm;
    for (int g = 0; g < kVoiceGroups; ++g)
        job.conditions.without[std::size_t(g)] = m_without[std::size_t(g)];
    job.conditions.style = m_style.toStdString();
    job.options.temperature = float(m_temperature);
    job.options.variation = float(m_variation);
    job.options.threshold = float(m_threshold);
    job.options.lockToRhythm = m_lock;
    job.options.seed = m_nextId;
    return job;
}

void Accompaniment::generate()
{
    if (!m_accompanist) {
        setStatus(tr("No accompaniment model loaded"));
        return;
    }
    if (m_rhythm.hitCount() == 0) {
        setStatus(tr("The input lane is empty: click steps, tap T while playing, or play a MIDI input"));
        return;
    }
    GenerateJob job = baseJob();
    job.memory = m_memory;
    job.current = m_current;
    job.followAmount = 1.0f;  // asked for by hand: the answer to this rhythm, whole
    post(std::move(job));
}

void Accompaniment::post(GenerateJob job)
{
    m_workers->generate.request(m_nextId++, std::move(job));
}

void Accompaniment::deliver(const GenerateResult& result)
{
    if (!result.error.empty()) {
        setStatus(tr("Cannot generate: %1").arg(QString::fromStdString(result.error)));
        return;
    }
    if (result.kind == GenerateJob::Kind::Rhythm)
        m_memory.push(result.encoded);
    m_current = result.z;
    m_currentRhythm = result.rhythm;
    m_lastGenerationMs = result.seconds * 1000.0;
    m_lastHits = result.drums.hitCount();
    ++m_generations;
    if (m_transport && m_transport->playing()) {
        if (result.timed) {
            // Ready before the loop's end: it takes over exactly there; late: at once, the playhead keeps its place.
            const double now = m_now();
            m_lastLatencyMs = (now - result.loopEndSeconds) * 1000.0;
            m_transport->takeNextGrooveAt(now < result.loopEndSeconds ? PatternChange::Queue : PatternChange::Immediate);
        } else {
            m_transport->takeNextGrooveAt(PatternChange::Immediate);  // asked for by hand: heard at once
        }
    }
    if (m_session) {
        const DrumMap& map = m_accompanist ? m_accompanist->drumMap() : m_session->drumMap();
        if (!(m_session->drumMap() == map))
            m_session->setDrumMap(map);
        m_session->setGroove(result.drums, GrooveSource::Accompaniment);
    }
    setStatus(result.timed ? tr("Answered the last loop: %1 hits (%2 ms)").arg(m_lastHits).arg(m_lastGenerationMs, 0, 'f', 1)
                           : tr("Generated %1 hits (%2 ms)").arg(m_lastHits).arg(m_lastGenerationMs, 0, 'f', 1));
    Q_EMIT generated();
}

void Accompaniment::setStyle(const QString& style)
{
    // Before the model has loaded (a project opened, the tab not shown yet) the style is kept; adopt()
    // drops it if the model does not know it.
    const QString chosen = !m_accompanist || m_styles.contains(style) ? style : QString();
    if (chosen == m_style)
        return;
    m_style = chosen;
    Q_EMIT conditionsChanged();
}

QVariantList Accompaniment::without() const
{
    QVariantList out;
    for (bool on : m_without)
        out << on;
    return out;
}

void Accompaniment::setWithout(int group, bool on)
{
    if (group < 0 || group >= kVoiceGroups || m_without[std::size_t(group)] == on)
        return;
    m_without[std::size_t(group)] = on;
    Q_EMIT conditionsChanged();
}

void Accompaniment::setTemperature(double t)
{
    if (!std::isfinite(t))
        return;
    t = std::clamp(t, 0.1, 3.0);
    if (t == m_temperature)
        return;
    m_temperature = t;
    Q_EMIT optionsChanged();
}

void Accompaniment::setVariation(double v)
{
    if (!std::isfinite(v))
        return;
    v = std::clamp(v, 0.0, 1.0);
    if (v == m_variation)
        return;
    m_variation = v;
    Q_EMIT optionsChanged();
}

void Accompaniment::setThreshold(double t)
{
    if (!std::isfinite(t))
        return;
    t = std::clamp(t, 0.05, 0.95);
    if (t == m_threshold)
        return;
    m_threshold = t;
    Q_EMIT optionsChanged();
}

void Accompaniment::setLockToRhythm(bool on)
{
    if (on == m_lock)
        return;
    m_lock = on;
    Q_EMIT optionsChanged();
}

void Accompaniment::setFollow(bool on)
{
    if (on == m_follow)
        return;
    m_follow = on;
    if (on)
        m_memory.clear();  // a new take: earlier passes do not pull on it
    Q_EMIT followChanged();
}

void Accompaniment::setMemory(int loops)
{
    if (std::clamp(loops, 1, 16) == m_memory.loops())
        return;
    m_memory.setLoops(loops);
    Q_EMIT followChanged();
}

void Accompaniment::setFollowAmount(double amount)
{
    if (!std::isfinite(amount))
        return;
    amount = std::clamp(amount, 0.0, 1.0);
    if (amount == m_followAmount)
        return;
    m_followAmount = amount;
    Q_EMIT followChanged();
}

void Accompaniment::storeA()
{
    if (m_current.empty())
        return setStatus(tr("Generate drums first, then store them as A"));
    m_a = m_current;
    m_aRhythm = m_currentRhythm;
    Q_EMIT abChanged();
}

void Accompaniment::storeB()
{
    if (m_current.empty())
        return setStatus(tr("Generate drums first, then store them as B"));
    m_b = m_current;
    m_bRhythm = m_currentRhythm;
    Q_EMIT abChanged();
}

void Accompaniment::setCrossfade(double x)
{
    if (!std::isfinite(x))
        return;
    x = std::clamp(x, 0.0, 1.0);
    if (x == m_crossfade)
        return;
    m_crossfade = x;
    Q_EMIT abChanged();
    crossfadeChanged();
}

void Accompaniment::setCrossfadeQuietly(double x)
{
    if (!std::isfinite(x) || std::clamp(x, 0.0, 1.0) == m_crossfade)
        return;
    m_crossfade = std::clamp(x, 0.0, 1.0);
    Q_EMIT abChanged();
}

void Accompaniment::setLatents(LatentVector a, LatentVector b)
{
    const auto fits = [this](const LatentVector& z) {
        return !z.empty() && (!m_accompanist || int(z.size()) == m_accompanist->latent());
    };
    m_a = fits(a) ? std::move(a) : LatentVector{};
    m_b = fits(b) ? std::move(b) : LatentVector{};
    Q_EMIT abChanged();
}

void Accompaniment::crossfadeChanged()
{
    if (!m_accompanist || !hasA() || !hasB())
        return;
    GenerateJob job = baseJob();
    job.kind = GenerateJob::Kind::Latent;
    job.z = lerp(m_a, m_b, float(m_crossfade));
    job.rhythm = m_crossfade < 0.5 ? m_aRhythm : m_bRhythm;  // locked to the nearer end's rhythm
    post(std::move(job));
}

void Accompaniment::setOscillationRate(double cyclesPerLoop)
{
    if (!std::isfinite(cyclesPerLoop))
        return;
    cyclesPerLoop = std::clamp(cyclesPerLoop, 0.0, 4.0);
    if (cyclesPerLoop == m_oscillationRate)
        return;
    m_oscillationRate = cyclesPerLoop;
    Q_EMIT abChanged();
}

void Accompaniment::waitIdle()
{
    m_workers->load.waitIdle();
    m_workers->generate.waitIdle();
}

} // namespace gs
