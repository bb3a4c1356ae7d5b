#pragma once
// The drum grid's view-model: one row per cell of Session's current groove,
// voice-major (row = voice * steps + step) so a QML Grid with `steps` columns
// lays it out as voices x steps. Edits go through a QUndoStack and land in
// Session::setGroove(..., GrooveSource::Edit), so every view (map, transport) sees them.
// Mute/solo are playback state, not part of the groove: audibleVoices() tells
// the transport which voices to play.
#include "core/groove.h"

#include <QAbstractListModel>
#include <QList>
#include <QUndoStack>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace gs {

class Session;

class GrooveModel : public QAbstractListModel {
    Q_OBJECT
    Q_MOC_INCLUDE("session.h")
    QML_ELEMENT
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int steps READ steps NOTIFY shapeChanged)
    Q_PROPERTY(int voices READ voices NOTIFY shapeChanged)
    Q_PROPERTY(int hitCount READ hitCount NOTIFY grooveEdited)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
    Q_PROPERTY(QList<bool> muted READ muted NOTIFY voiceStateChanged)
    Q_PROPERTY(QList<bool> soloed READ soloed NOTIFY voiceStateChanged)
    Q_PROPERTY(QList<bool> audible READ audibleVoices NOTIFY voiceStateChanged)

public:
    enum Role { StepRole = Qt::UserRole + 1, VoiceRole, HitRole, VelocityRole, OffsetRole, BeatRole, BarRole };
    Q_ENUM(Role)

    // QML sets `session: App.session`; until then the model shows an empty groove of its own.
    explicit GrooveModel(QObject* parent = nullptr);
    GrooveModel(Session* session, QObject* parent);

    Session* session() const { return m_session; }
    void setSession(Session* session);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int steps() const;
    int voices() const;
    int hitCount() const;

    // A click: adds a hit (velocity `velocity`, no offset) or removes the one there. Undoable.
    Q_INVOKABLE void toggle(int step, int voice, double velocity = 0.8);
    // Drags: beginEdit() snapshots, setVelocity/setOffset change the groove live,
    // endEdit() records the whole drag as one undo step (nothing if nothing changed).
    Q_INVOKABLE void beginEdit();
    Q_INVOKABLE void setVelocity(int step, int voice, double velocity);
    Q_INVOKABLE void setOffset(int step, int voice, double offset);
    Q_INVOKABLE void endEdit(const QString& text);
    Q_INVOKABLE void clear();
    Q_INVOKABLE bool hitAt(int step, int voice) const;
    Q_INVOKABLE double velocityAt(int step, int voice) const;
    Q_INVOKABLE double offsetAt(int step, int voice) const;

    Q_INVOKABLE void undo() { m_undo.undo(); }
    Q_INVOKABLE void redo() { m_undo.redo(); }
    bool canUndo() const { return m_undo.canUndo(); }
    bool canRedo() const { return m_undo.canRedo(); }
    QString undoText() const { return m_undo.undoText(); }
    QString redoText() const { return m_undo.redoText(); }
    QUndoStack* undoStack() { return &m_undo; }

    QList<bool> muted() const { return m_muted; }
    QList<bool> soloed() const { return m_soloed; }
    Q_INVOKABLE void setMuted(int voice, bool on);
    Q_INVOKABLE void setSoloed(int voice, bool on);
    // Voices that sound: soloed ones if any solo is on, else the unmuted ones.
    QList<bool> audibleVoices() const;

Q_SIGNALS:
    void sessionChanged();
    void shapeChanged();
    void grooveEdited();
    void undoStateChanged();
    void voiceStateChanged();

private:
    void onGrooveChanged();
    bool validCell(int step, int voice) const;
    const Groove& groove() const;
    void applyLive(const Groove& groove);

    Session* m_session;
    QUndoStack m_undo;
    std::optional<Groove> m_editStart;
    int m_steps = 0;
    int m_voices = 0;
    QList<bool> m_muted;
    QList<bool> m_soloed;
};

} // namespace gs
