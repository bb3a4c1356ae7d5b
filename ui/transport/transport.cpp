#include "transport/transport.h"

#include "audio/engine.h"
#include "audio/pattern.h"
#include "midi/groovemidi.h"
#include "session.h"

#include <QFileInfo>
#include <QPointer>
#include <QUrl>
#include <QVariantMap>

#include <algorithm>

namespace gs {

Transport::Transport(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_deviceStatus(tr("No audio engine attached — playing silently"))
{
    Q_ASSERT(m_session);
    connect(m_session, &Session::bpmChanged, this, &Transport::bpmChanged);
    // Every setting the engine takes goes out as one value (the audio link keeps the newest).
    for (auto signal : {&Transport::bpmChanged, &Transport::swingChanged, &Transport::humaniseChanged,
             &Transport::metronomeChanged, &Transport::volumeChanged, &Transport::voiceMixChanged})
        connect(this, signal, this, [this] { Q_EMIT settingsReady(engineSettings()); });
    connect(m_session, &Session::grooveChanged, this, [this] {
        if (m_session->source() == GrooveSource::Sequence)
            return;  // a step of the sequence already playing, shown on the grid (PathPlayer)
        m_patternIsEdit = m_session->source() == GrooveSource::Edit;
        buildPattern();
    });
    connect(m_session, &Session::drumMapChanged, this, [this] {
        m_patternIsEdit = true;  // the same groove on other notes: at once
        buildPattern();
    });
    buildPattern();
}

Transport::~Transport() = default;

EngineSettings Transport::engineSettings() const
{
    EngineSettings settings;
    settings.bpm = m_session->bpm();
    settings.swingPercent = m_swing;
    settings.humanize = m_humanise;
    settings.metronome = m_metronome;
    settings.masterGain = float(m_volume);
    for (int v = 0; v < int(settings.mix.size()); ++v) {
        settings.mix[std::size_t(v)].mute = v < m_muted.size() && m_muted[v];
        settings.mix[std::size_t(v)].solo = v < m_soloed.size() && m_soloed[v];
    }
    return settings;
}

PatternSequence Transport::sequence() const
{
    PatternSequence out;
    out.patterns = m_sequence;
    out.loop = m_sequenceLoop;
    if (!m_sequenceLoop)
        out.tail = m_sessionPattern;
    return out;
}

void Transport::buildPattern()
{
    const Groove& groove = m_session->groove();
    std::shared_ptr<const Pattern> pattern;
    if (groove.steps() > 0) {
        auto built = Pattern::fromGroove(groove, Pattern::notesOf(m_session->drumMap()));
        if (!built.ok()) {
            setMessage(tr("Cannot play this groove: %1").arg(QString::fromStdString(built.error().describe())));
            return;  // the engine keeps the last playable pattern
        }
        pattern = built.value();
    }
    m_sessionPattern = pattern;
    m_pattern = pattern;
    endSequence();
    const PatternChange when = m_nextChangeSet && m_playing ? m_nextChange : patternChange();
    m_nextChangeSet = false;
    m_changeWaits = when != PatternChange::Immediate;
    Q_EMIT patternChanged();
    Q_EMIT patternReady(m_pattern, when);
}

void Transport::setChangeAt(int when)
{
    when = std::clamp(when, 0, 2);
    if (when == m_changeAt)
        return;
    m_changeAt = when;
    Q_EMIT changeAtChanged();
}

PatternChange Transport::patternChange() const
{
    if (!m_playing || m_patternIsEdit || m_changeAt == 0)
        return PatternChange::Immediate;
    return m_changeAt == 1 ? PatternChange::NextBar : PatternChange::Queue;
}

void Transport::setChangePending(bool on)
{
    if (on == m_changePending)
        return;
    m_changePending = on;
    Q_EMIT changePendingChanged();
}

void Transport::endSequence()
{
    const bool had = !m_sequence.empty();
    m_sequence.clear();
    m_sequenceSeen = false;
    if (had)
        Q_EMIT sequenceChanged();
    if (m_sequenceIndex != -1) {
        m_sequenceIndex = -1;
        Q_EMIT sequenceIndexChanged();
    }
}

void Transport::playSequence(const std::vector<Groove>& bars, bool loop)
{
    if (bars.empty()) {
        if (m_sequence.empty())
            return;
        endSequence();
        if (m_pattern != m_sessionPattern) {
            m_pattern = m_sessionPattern;
            Q_EMIT patternChanged();
        }
        Q_EMIT patternReady(m_pattern, patternChange());
        return;
    }
    const std::vector<int> notes = Pattern::notesOf(m_session->drumMap());
    std::vector<std::shared_ptr<const Pattern>> patterns;
    QString firstError;
    for (const Groove& groove : bars) {
        auto built = Pattern::fromGroove(groove, notes);
        if (built.ok())
            patterns.push_back(built.value());
        else if (firstError.isEmpty())
            firstError = QString::fromStdString(built.error().describe());
    }
    if (patterns.size() < bars.size())
        setMessage(tr("Sequence: %1 of %2 grooves cannot play (%3)")
                       .arg(bars.size() - patterns.size())
                       .arg(bars.size())
                       .arg(firstError));
    if (patterns.empty())
        return;
    m_sequence = std::move(patterns);
    m_sequenceLoop = loop;
    m_sequenceSeen = false;
    m_pattern = m_sequence.front();
    Q_EMIT patternChanged();
    Q_EMIT sequenceChanged();
    if (m_sequenceIndex != 0) {
        m_sequenceIndex = 0;
        Q_EMIT sequenceIndexChanged();
    }
    Q_EMIT sequenceReady(sequence());
    setPlaying(true);
}

void Transport::setPlayingPattern(std::uint64_t patternId)
{
    if (m_sequence.empty() && m_pattern && patternId != 0) {
        if (patternId == m_pattern->id)
            m_changeWaits = false;
        setChangePending(m_changeWaits && m_playing);
    }
    if (m_sequence.empty() || patternId == 0)
        return;
    for (std::size_t i = 0; i < m_sequence.size(); ++i) {
        if (m_sequence[i]->id != patternId)
            continue;
        m_sequenceSeen = true;
        if (m_sequenceIndex != int(i)) {
            m_sequenceIndex = int(i);
            Q_EMIT sequenceIndexChanged();
        }
        return;
    }
    // A one-shot sequence is over once the engine went on to the Session groove after its last bar;
    // before it reached the sequence, reports of the Session pattern are stale ones.
    if (!m_sequenceLoop && m_sequenceSeen && m_sequenceIndex == int(m_sequence.size()) - 1 && m_sessionPattern &&
        patternId == m_sessionPattern->id) {
        endSequence();
        m_pattern = m_sessionPattern;
        Q_EMIT patternChanged();
    }
}

void Transport::setOverFrames(std::uint64_t total)
{
    if (total < m_overFrames)
        m_overFramesCleared = 0;  // the engine was prepared again: its count starts over
    m_overFrames = total;
    const bool clipped = m_overFrames > m_overFramesCleared;
    if (clipped != m_clipped) {
        m_clipped = clipped;
        Q_EMIT clippedChanged();
    }
}

void Transport::clearClip()
{
    m_overFramesCleared = m_overFrames;
    if (m_clipped) {
        m_clipped = false;
        Q_EMIT clippedChanged();
    }
}

int Transport::patternHits() const { return m_pattern ? int(m_pattern->hits.size()) : 0; }

QVariantList Transport::patternCells() const
{
    QVariantList cells;
    if (!m_pattern)
        return cells;
    cells.reserve(qsizetype(m_pattern->hits.size()));
    for (const PatternHit& hit : m_pattern->hits)
        cells.append(QVariantMap{{QStringLiteral("voice"), hit.voice},
                                 {QStringLiteral("step"), hit.step},
                                 {QStringLiteral("velocity"), double(hit.velocity)},
                                 {QStringLiteral("offset"), double(hit.offset)}});
    return cells;
}

void Transport::setVoiceMix(const QList<bool>& muted, const QList<bool>& soloed)
{
    if (muted == m_muted && soloed == m_soloed)
        return;
    m_muted = muted;
    m_soloed = soloed;
    Q_EMIT voiceMixChanged();
}

void Transport::setPlaying(bool on)
{
    if (on == m_playing)
        return;
    m_playing = on;
    if (!on) {
        setPlayhead(-1, 0.0);
        m_changeWaits = false;  // AudioLink hands the newest groove over at once when it stops
        setChangePending(false);
    }
    Q_EMIT playingChanged();
}

double Transport::bpm() const { return m_session->bpm(); }

void Transport::setBpm(double bpm) { m_session->setBpm(bpm); }

void Transport::setSwing(double percent)
{
    percent = std::clamp(percent, 50.0, 75.0);
    if (percent == m_swing)
        return;
    m_swing = percent;
    Q_EMIT swingChanged();
}

void Transport::setHumanise(double amount)
{
    amount = std::clamp(amount, 0.0, 1.0);
    if (amount == m_humanise)
        return;
    m_humanise = amount;
    Q_EMIT humaniseChanged();
}

void Transport::setMetronome(bool on)
{
    if (on == m_metronome)
        return;
    m_metronome = on;
    Q_EMIT metronomeChanged();
}

void Transport::setVolume(double gain)
{
    gain = std::clamp(gain, 0.0, 1.0);
    if (gain == m_volume)
        return;
    m_volume = gain;
    Q_EMIT volumeChanged();
}

void Transport::setKitIndex(int index)
{
    if (index == m_kitIndex || index < -1 || index >= m_kits.size())
        return;
    m_kitIndex = index;
    Q_EMIT kitIndexChanged();
}

void Transport::setKits(const QStringList& names, int current)
{
    m_kits = names;
    Q_EMIT kitsChanged();
    m_kitIndex = -2;  // force the notify: the list changed under the index
    setKitIndex(std::clamp(current, -1, int(names.size()) - 1));
}

void Transport::setExternalClock(bool on)
{
    if (on == m_externalClock)
        return;
    m_externalClock = on;
    Q_EMIT externalClockChanged();
}

void Transport::setDeviceStatus(const QString& text, bool ok)
{
    if (text == m_deviceStatus && ok == m_deviceOk)
        return;
    m_deviceStatus = text;
    m_deviceOk = ok;
    Q_EMIT deviceStatusChanged();
}

void Transport::setPlayhead(int step, double level)
{
    if (step != m_playStep) {
        m_playStep = step;
        Q_EMIT playStepChanged();
    }
    if (level != m_level) {
        m_level = level;
        Q_EMIT levelChanged();
    }
}

void Transport::setMessage(const QString& text)
{
    m_message = text;
    Q_EMIT messageChanged();
}

bool Transport::exportMidi(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) {
        setMessage(tr("Export: no file name given"));
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".mid");
    ClipOptions options;
    options.bpm = m_session->bpm();
    const Status status = writeGrooveMidi(path.toStdString(), {m_session->groove()}, m_session->drumMap(), options);
    if (!status.ok()) {
        setMessage(tr("Export failed: %1").arg(QString::fromStdString(status.error().describe())));
        return false;
    }
    setMessage(tr("Exported %1").arg(QFileInfo(path).fileName()));
    return true;
}

} // namespace gs
