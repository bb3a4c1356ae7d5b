#pragma once
// The piano roll's view-model: Session's current groove as the MIDI notes the
// exported clip holds (grooveClipNotes: the writer's own conversion, so what
// is shown is what File > Export writes), one row per note, plus one row per
// MIDI note in use (labelled with its General MIDI drum name), top = highest.
// Rebuilt on every Session::grooveChanged / drumMapChanged (a few hundred notes:
// cheap enough for the GUI thread).
#include <QAbstractListModel>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class Session;

class PianoRollModel : public QAbstractListModel {
    Q_OBJECT
    Q_MOC_INCLUDE("session.h")
    QML_ELEMENT
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int noteCount READ noteCount NOTIFY notesChanged)
    Q_PROPERTY(QList<int> rowNotes READ rowNotes NOTIFY notesChanged)
    Q_PROPERTY(QStringList rowNames READ rowNames NOTIFY notesChanged)
    Q_PROPERTY(int ticksPerQuarter READ ticksPerQuarter NOTIFY notesChanged)
    Q_PROPERTY(int ticksPerStep READ ticksPerStep NOTIFY notesChanged)
    Q_PROPERTY(int endTick READ endTick NOTIFY notesChanged)

public:
    enum Role { TickRole = Qt::UserRole + 1, EndRole, NoteRole, VelocityRole, RowRole, NameRole };
    Q_ENUM(Role)

    // QML sets `session: App.session`; until then the roll shows an empty groove of its own.
    explicit PianoRollModel(QObject* parent = nullptr);
    PianoRollModel(Session* session, QObject* parent);

    Session* session() const { return m_session; }
    void setSession(Session* session);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int noteCount() const { return int(m_notes.size()); }
    QList<int> rowNotes() const { return m_rowNotes; }
    QStringList rowNames() const;
    int ticksPerQuarter() const { return m_ticksPerQuarter; }
    int ticksPerStep() const { return m_ticksPerStep; }
    int endTick() const { return m_endTick; }

    // General MIDI percussion name of `note` ("Acoustic Snare"), or "Note N".
    Q_INVOKABLE static QString gmDrumName(int note);
    // Every note as {tick, end, note, velocity}, in time order (tests compare it with a written file).
    Q_INVOKABLE QVariantList notes() const;

Q_SIGNALS:
    void sessionChanged();
    void notesChanged();

private:
    struct Note {
        int tick = 0;
        int end = 0;
        int note = 0;
        int velocity = 0;
        int row = 0;
    };
    void rebuild();

    Session* m_session;
    std::vector<Note> m_notes;
    QList<int> m_rowNotes;
    int m_ticksPerQuarter = 480;
    int m_ticksPerStep = 120;
    int m_endTick = 0;
};

} // namespace gs
