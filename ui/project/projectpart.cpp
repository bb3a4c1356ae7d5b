#include "project/projectpart.h"

#include "project/project.h"

namespace gs {

void ProjectPart::add(Project* project, const QString& key, ProjectPart* part, QObject* owner)
{
    if (!project || !part)
        return;
    part->m_project = project;
    project->addPart(
        key, [part] { return part->savePart(); }, [part](const QJsonValue& value) { part->loadPart(value); }, owner);
}

Project* ProjectPart::project() const { return static_cast<Project*>(m_project.data()); }

void ProjectPart::partChanged() const
{
    if (Project* p = project())
        p->partChanged();
}

void ProjectPart::reportProblem(const QString& text) const
{
    if (Project* p = project())
        p->reportProblem(text);
}

void ProjectPart::reportMissing(const QString& path, const QString& what) const
{
    if (Project* p = project())
        p->reportMissing(path, what);
}

} // namespace gs
