#pragma once
// One undoable grid edit: the whole groove before and after. Grooves are a few
// kilobytes, so snapshots keep undo exact (velocity drags, offset drags and
// toggles all undo the same way) without per-cell bookkeeping.
#include "core/groove.h"

#include <QUndoCommand>

namespace gs {

class Session;

class GrooveCommand : public QUndoCommand {
public:
    // `applied`: the edit is already in the session (a finished drag), so the
    // first redo() that QUndoStack::push() calls does nothing.
    GrooveCommand(Session* session, Groove before, Groove after, const QString& text, bool applied);

    void undo() override;
    void redo() override;

private:
    Session* m_session;
    Groove m_before;
    Groove m_after;
    bool m_skipFirstRedo;
};

} // namespace gs
