#pragma once
// The one way to be saved with the project. A part is an object of the app (a service the
// composition root owns, or a piece of one) with a stable key, its state as JSON and a way to
// take a state back (the contract of Project::addPart, project.h). The composition root
// registers every part, in one place, with ProjectPart::add once it has made the part; a part
// that needs the project (paths, problem reports, the dirty mark) finds it in project().
// Threads: GUI thread only.
#include <QJsonValue>
#include <QPointer>
#include <QString>

namespace gs {

class Project;

class ProjectPart {
public:
    virtual ~ProjectPart() = default;

    // Registers `part` under `key`; it leaves the project when `owner` (the part's QObject) goes.
    static void add(Project* project, const QString& key, ProjectPart* part, QObject* owner);

    // The project this part is saved with (null before add(), or in tests without one).
    Project* project() const;

    // The part's state as JSON (undefined: leave the key out); cheap and deterministic.
    virtual QJsonValue savePart() const = 0;
    // Takes back what savePart() returned; Null: a new project (reset to the empty state).
    virtual void loadPart(const QJsonValue& value) = 0;

    // Marks the project dirty at once (otherwise its once-a-second check notices).
    void partChanged() const;
    // "<file>: <text>" in the project's notes, when there is a project.
    void reportProblem(const QString& text) const;
    // "<what> not found: <path>" in the project's notes, when there is a project.
    void reportMissing(const QString& path, const QString& what) const;

private:
    QPointer<QObject> m_project;  // the Project (QObject here: this header does not include project.h)
};

} // namespace gs
