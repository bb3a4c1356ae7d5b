#include "grid/pianorollmodel.h"

#include "midi/clipnotes.h"
#include "session.h"

#include <algorithm>
#include <array>

namespace gs {

namespace {

// General MIDI Level 1 percussion key map (35..81) with the GM2 additions (27..34, 82..87).
constexpr std::array<const char*, 61> kGmDrums = {
    "High Q", "Slap", "Scratch Push", "Scratch Pull", "Sticks", "Square Click", "Metronome Click",
    "Metronome Bell", "Acoustic Bass Drum", "Bass Drum 1", "Side Stick", "Acoustic Snare", "Hand Clap",
    "Electric Snare", "Low Floor Tom", "Closed Hi-Hat", "High Floor Tom", "Pedal Hi-Hat", "Low Tom",
    "Open Hi-Hat", "Low-Mid Tom", "Hi-Mid Tom", "Crash Cymbal 1", "High Tom", "Ride Cymbal 1",
    "Chinese Cymbal", "Ride Bell", "Tambourine", "Splash Cymbal", "Cowbell", "Crash Cymbal 2", "Vibraslap",
    "Ride Cymbal 2", "Hi Bongo", "Low Bongo", "Mute Hi Conga", "Open Hi Conga", "Low Conga", "High Timbale",
    "Low Timbale", "High Agogo", "Low Agogo", "Cabasa", "Maracas", "Short Whistle", "Long Whistle",
    "Short Guiro", "Long Guiro", "Claves", "Hi Wood Block", "Low Wood Block", "Mute Cuica", "Open Cuica",
    "Mute Triangle", "Open Triangle", "Shaker", "Jingle Bell", "Bell Tree", "Castanets", "Mute Surdo",
    "Open Surdo"};
constexpr int kFirstGmDrum = 27;

} // namespace

PianoRollModel::PianoRollModel(QObject* parent)
    : PianoRollModel(nullptr, parent)
{
}

PianoRollModel::PianoRollModel(Session* session, QObject* parent)
    : QAbstractListModel(parent)
    , m_session(session ? session : new Session(this))
{
    connect(m_session, &Session::grooveChanged, this, &PianoRollModel::rebuild);
    connect(m_session, &Session::drumMapChanged, this, &PianoRollModel::rebuild);
    rebuild();
}

void PianoRollModel::setSession(Session* session)
{
    if (!switchSession(this, m_session, session))
        return;
    connect(m_session, &Session::grooveChanged, this, &PianoRollModel::rebuild);
    connect(m_session, &Session::drumMapChanged, this, &PianoRollModel::rebuild);
    rebuild();
    Q_EMIT sessionChanged();
}

QString PianoRollModel::gmDrumName(int note)
{
    const int i = note - kFirstGmDrum;
    if (i >= 0 && i < int(kGmDrums.size()))
        return QString::fromLatin1(kGmDrums[std::size_t(i)]);
    return tr("Note %1").arg(note);
}

void PianoRollModel::rebuild()
{
    const Groove& groove = m_session->groove();
    const DrumMap& map = m_session->drumMap();
    ClipOptions options;
    options.bpm = m_session->bpm();
    // The writer refuses a groove whose voices differ from the map's: show nothing rather than a wrong clip.
    const bool usable = groove.steps() > 0 && groove.voices() == map.voiceCount();
    const ClipNotes clip = usable ? grooveClipNotes({groove}, map, options) : ClipNotes{};

    beginResetModel();
    m_notes.clear();
    m_rowNotes.clear();
    for (const ClipNote& n : clip.notes)
        if (!m_rowNotes.contains(n.note))
            m_rowNotes.append(n.note);
    std::sort(m_rowNotes.begin(), m_rowNotes.end(), std::greater<int>());
    for (const ClipNote& n : clip.notes)
        m_notes.push_back(Note{int(n.tick), int(n.end), n.note, n.velocity, int(m_rowNotes.indexOf(n.note))});
    m_ticksPerQuarter = clip.ticksPerQuarter;
    m_ticksPerStep = usable ? std::max(1, clip.ticksPerQuarter / std::max(1, groove.grid().stepsPerBeat)) : 120;
    m_endTick = int(clip.endTick);
    endResetModel();
    Q_EMIT notesChanged();
}

int PianoRollModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_notes.size());
}

QVariant PianoRollModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Note& n = m_notes[std::size_t(index.row())];
    switch (role) {
    case TickRole: return n.tick;
    case EndRole: return n.end;
    case NoteRole: return n.note;
    case VelocityRole: return n.velocity;
    case RowRole: return n.row;
    case NameRole:
    case Qt::DisplayRole: return gmDrumName(n.note);
    default: return {};
    }
}

QHash<int, QByteArray> PianoRollModel::roleNames() const
{
    return {{TickRole, "tick"}, {EndRole, "endTick"}, {NoteRole, "note"}, {VelocityRole, "velocity"},
            {RowRole, "row"}, {NameRole, "name"}};
}

QStringList PianoRollModel::rowNames() const
{
    QStringList names;
    for (int note : m_rowNotes)
        names << QStringLiteral("%1  %2").arg(note).arg(gmDrumName(note));
    return names;
}

QVariantList PianoRollModel::notes() const
{
    QVariantList list;
    for (const Note& n : m_notes)
        list.append(QVariantMap{{QStringLiteral("tick"), n.tick}, {QStringLiteral("end"), n.end},
                                {QStringLiteral("note"), n.note}, {QStringLiteral("velocity"), n.velocity}});
    return list;
}

} // namespace gs
