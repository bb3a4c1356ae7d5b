#include "grid/groovemodel.h"

#include "grid/groovecommand.h"
#include "session.h"

#include <algorithm>

namespace gs {

GrooveModel::GrooveModel(QObject* parent)
    : GrooveModel(nullptr, parent)
{
}

GrooveModel::GrooveModel(Session* session, QObject* parent)
    : QAbstractListModel(parent)
    , m_session(session ? session : new Session(this))
{
    m_steps = groove().steps();
    m_voices = groove().voices();
    m_muted = QList<bool>(m_voices, false);
    m_soloed = QList<bool>(m_voices, false);
    connect(m_session, &Session::grooveChanged, this, &GrooveModel::onGrooveChanged);
    connect(&m_undo, &QUndoStack::indexChanged, this, &GrooveModel::undoStateChanged);
    connect(&m_undo, &QUndoStack::canUndoChanged, this, &GrooveModel::undoStateChanged);
    connect(&m_undo, &QUndoStack::canRedoChanged, this, &GrooveModel::undoStateChanged);
}

const Groove& GrooveModel::groove() const { return m_session->groove(); }

void GrooveModel::setSession(Session* session)
{
    if (!switchSession(this, m_session, session))
        return;
    m_undo.clear();  // its steps belong to the other session's groove
    connect(m_session, &Session::grooveChanged, this, &GrooveModel::onGrooveChanged);
    onGrooveChanged();
    Q_EMIT sessionChanged();
}

int GrooveModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_steps * m_voices;
}

QVariant GrooveModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int voice = index.row() / m_steps;
    const int step = index.row() % m_steps;
    const Groove& g = groove();
    switch (role) {
    case StepRole: return step;
    case VoiceRole: return voice;
    case HitRole: return g.hit(step, voice);
    case VelocityRole: return double(g.velocity(step, voice));
    case OffsetRole: return double(g.offset(step, voice));
    case BeatRole: return step % g.grid().stepsPerBeat == 0;
    case BarRole: return step % g.grid().stepsPerBar() == 0;
    default: return {};
    }
}

QHash<int, QByteArray> GrooveModel::roleNames() const
{
    return {{StepRole, "step"}, {VoiceRole, "voice"}, {HitRole, "hit"}, {VelocityRole, "velocity"},
        {OffsetRole, "offset"}, {BeatRole, "beatStart"}, {BarRole, "barStart"}};
}

int GrooveModel::steps() const { return m_steps; }
int GrooveModel::voices() const { return m_voices; }
int GrooveModel::hitCount() const { return groove().hitCount(); }

void GrooveModel::onGrooveChanged()
{
    const Groove& g = groove();
    if (g.steps() == m_steps && g.voices() == m_voices) {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {HitRole, VelocityRole, OffsetRole});
    } else {
        beginResetModel();
        m_steps = g.steps();
        const bool voicesChanged = g.voices() != m_voices;
        m_voices = g.voices();
        endResetModel();
        if (voicesChanged) {
            m_muted = QList<bool>(m_voices, false);
            m_soloed = QList<bool>(m_voices, false);
            Q_EMIT voiceStateChanged();
        }
        Q_EMIT shapeChanged();
    }
    Q_EMIT grooveEdited();
}

bool GrooveModel::validCell(int step, int voice) const
{
    return step >= 0 && step < m_steps && voice >= 0 && voice < m_voices;
}

void GrooveModel::applyLive(const Groove& g) { m_session->setGroove(g, GrooveSource::Edit); }

void GrooveModel::toggle(int step, int voice, double velocity)
{
    if (!validCell(step, voice))
        return;
    Groove after = groove();
    const bool adding = !after.hit(step, voice);
    if (adding)
        after.setHit(step, voice, float(velocity));
    else
        after.clearHit(step, voice);
    m_undo.push(new GrooveCommand(m_session, groove(), std::move(after),
        adding ? tr("Add hit") : tr("Remove hit"), false));
}

void GrooveModel::beginEdit() { m_editStart = groove(); }

void GrooveModel::setVelocity(int step, int voice, double velocity)
{
    if (!validCell(step, voice))
        return;
    Groove g = groove();
    // A velocity drag on an empty cell creates the hit: dragging is how a loud or soft hit is drawn.
    g.setHit(step, voice, float(std::clamp(velocity, 0.0, 1.0)), g.hit(step, voice) ? g.offset(step, voice) : 0.0f);
    applyLive(g);
}

void GrooveModel::setOffset(int step, int voice, double offset)
{
    if (!validCell(step, voice) || !groove().hit(step, voice))
        return;  // timing only means something for a hit
    Groove g = groove();
    g.setHit(step, voice, g.velocity(step, voice), float(std::clamp(offset, -1.0, 1.0)));
    applyLive(g);
}

void GrooveModel::endEdit(const QString& text)
{
    if (!m_editStart)
        return;
    Groove before = std::move(*m_editStart);
    m_editStart.reset();
    if (before.sameAs(groove(), 0.0f) && before.steps() == groove().steps())
        return;
    m_undo.push(new GrooveCommand(m_session, std::move(before), groove(), text, true));
}

void GrooveModel::clear()
{
    if (groove().hitCount() == 0)
        return;
    Groove after = groove();
    after.clear();
    m_undo.push(new GrooveCommand(m_session, groove(), std::move(after), tr("Clear groove"), false));
}

bool GrooveModel::hitAt(int step, int voice) const { return validCell(step, voice) && groove().hit(step, voice); }

double GrooveModel::velocityAt(int step, int voice) const
{
    return validCell(step, voice) ? double(groove().velocity(step, voice)) : 0.0;
}

double GrooveModel::offsetAt(int step, int voice) const
{
    return validCell(step, voice) ? double(groove().offset(step, voice)) : 0.0;
}

void GrooveModel::setMuted(int voice, bool on)
{
    if (voice < 0 || voice >= m_voices || m_muted[voice] == on)
        return;
    m_muted[voice] = on;
    Q_EMIT voiceStateChanged();
}

void GrooveModel::setSoloed(int voice, bool on)
{
    if (voice < 0 || voice >= m_voices || m_soloed[voice] == on)
        return;
    m_soloed[voice] = on;
    Q_EMIT voiceStateChanged();
}

QList<bool> GrooveModel::audibleVoices() const
{
    const bool anySolo = std::any_of(m_soloed.begin(), m_soloed.end(), [](bool b) { return b; });
    QList<bool> audible(m_voices);
    for (int v = 0; v < m_voices; ++v)
        audible[v] = anySolo ? m_soloed[v] : !m_muted[v];
    return audible;
}

} // namespace gs
