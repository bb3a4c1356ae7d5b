#include "grid/groovecommand.h"

#include "session.h"

namespace gs {

GrooveCommand::GrooveCommand(Session* session, Groove before, Groove after, const QString& text, bool applied)
    : QUndoCommand(text)
    , m_session(session)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_skipFirstRedo(applied)
{
}

void GrooveCommand::undo() { m_session->setGroove(m_before, GrooveSource::Edit); }

void GrooveCommand::redo()
{
    if (m_skipFirstRedo) {
        m_skipFirstRedo = false;
        return;
    }
    m_session->setGroove(m_after, GrooveSource::Edit);
}

} // namespace gs
