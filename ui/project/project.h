#pragma once
// The open project: one *.gsproj file (ProjectFile) holding the state of
// every part of the app that wants to be saved. Project does not know the
// parts; each registers itself, in one way (ProjectPart, projectpart.h, for objects
// QML makes; the composition root for the services it owns), through:
//
//   project->addPart(key, save, load [, owner]);
//
//   - key:  a stable name, the key under "parts" in the file ("bookmarks", "transport",
//           "session", "interpolation", ...). One part per key; registering a key again
//           replaces the previous part.
//   - save: std::function<QJsonValue()>: the part's state as JSON (GUI thread). Called for
//           every save and, about once a second, to tell whether the project is dirty, so
//           keep it cheap and deterministic (same state -> same JSON). Return an undefined
//           QJsonValue to leave the key out.
//   - load: std::function<void(const QJsonValue&)>: restore from what save() returned
//           (GUI thread). QJsonValue::Null means "the project has nothing for you"
//           (File > New, or an older file): reset to your empty state. Slow work (files,
//           models) goes to workers as usual; a part may apply the value later.
//   - owner (optional): the QObject whose lifetime bounds the lambdas; the part is
//           removed when it is destroyed (view-models made by QML come and go).
//   If a project was opened before the part registered (a view loaded later), addPart
//   calls load() at once with the value the file had. Keys nobody registered are kept
//   and written back unchanged.
//   Paths inside a part's JSON: store encodePath(absolute) and read resolvePath(stored)
//   (relative to the project folder, "data:..." for bundled data), and report a missing
//   file with reportMissing(path, what) so the user sees it by name.
//   After a change, a part may call partChanged() for an immediate dirty mark (otherwise
//   the once-a-second check notices).
//
// Also: autosave (every 30 s when dirty, and on quit), never into the opened project
// file itself: an opened project's work goes beside it (.NAME.autosave.gsproj, or into
// <AppDataLocation>/autosaves/ when its folder is read-only) until the musician saves,
// and opening it again offers that autosave when it is newer. Untitled work goes to a
// per-instance autosave-<instance>.gsproj, and at quit to autosave.gsproj (what the next
// start reopens). Each running instance has its own crash marker running-<instance>.marker
// (PID and process start time), so a second window quitting never removes the first one's,
// and a recycled PID does not hide a crash; the recent-projects list.
// Loading reports problems (missing files, wrong values) as notes, batched: one change
// signal per open, and long lists of missing files summarised.
// File I/O runs on a worker (one at a time, in order); results arrive as signals.
// GS_PROJECT_DEBUG=1 in the environment prints which part made the project dirty.
// Threads: GUI thread only.
#include "project/processstamp.h"
#include "project/projectfile.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace gs {

class RecentProjects;

class Project : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one Project: App.project")
    Q_PROPERTY(QString filePath READ filePath NOTIFY filePathChanged)
    Q_PROPERTY(QString name READ name NOTIFY filePathChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY dirtyChanged)
    Q_PROPERTY(QString title READ title NOTIFY titleChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QStringList notes READ notes NOTIFY notesChanged)
    Q_PROPERTY(QStringList recentProjects READ recentProjects NOTIFY recentProjectsChanged)
    Q_PROPERTY(bool recoveryAvailable READ recoveryAvailable NOTIFY recoveryChanged)
    Q_PROPERTY(QString recoveryPath READ recoveryPath NOTIFY recoveryChanged)

public:
    using SaveFn = std::function<QJsonValue()>;
    using LoadFn = std::function<void(const QJsonValue&)>;

    explicit Project(QObject* parent = nullptr);
    ~Project() override;  // waits for a write in progress

    // The part registry (see the top of this file).
    void addPart(const QString& key, SaveFn save, LoadFn load, QObject* owner = nullptr);
    void removePart(const QString& key);
    bool hasPart(const QString& key) const;

    // For parts: the path codec against the folder of the file being read / written.
    QString encodePath(const QString& absolutePath) const;
    QString resolvePath(const QString& stored) const;
    // Whether `resolvedPath` exists, as checked when the file was read (falls back to the disk).
    bool pathExists(const QString& resolvedPath) const;
    // Adds "<what> not found: <path>" to notes (shown with the project). During an open the
    // reports are gathered and summarised per kind once the parts are loaded.
    void reportMissing(const QString& resolvedPath, const QString& what);
    // A value in the project that was refused or clamped: "<file>: <text>" in notes.
    void reportProblem(const QString& text);
    // Every missing file reported since the last open (not summarised).
    QStringList missingFiles() const { return m_missingAll; }
    Q_INVOKABLE void partChanged() { checkDirty(); }

    QString filePath() const { return m_filePath; }
    QString name() const;
    bool dirty() const { return m_dirty; }
    QString title() const;
    bool busy() const { return m_busyJobs > 0; }
    QString message() const { return m_message; }
    QStringList notes() const { return m_notes; }
    QStringList recentProjects() const;
    RecentProjects* recent() const { return m_recent; }

    // Every part's state as it would be saved now (the "parts" object).
    QJsonObject snapshot() const { return snapshotFor(currentDir()); }

    // Opens a project (path or file:// URL) on a worker; opened() or failed() follows.
    // A bad, foreign or newer file leaves the open project as it was. A project inside the
    // bundled data (the demo), and the untitled autosave, open as untitled copies.
    Q_INVOKABLE bool open(const QString& pathOrUrl);
    // Saves to filePath (false when untitled: use saveAs). saved() or failed() follows.
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QString& pathOrUrl);
    // An untitled project: every part gets Null (bookmarks and paths clear; the dataset
    // and model stay loaded and belong to the new project).
    Q_INVOKABLE void newProject();
    // Compares the parts with the last saved / opened state (runs once a second).
    Q_INVOKABLE void checkDirty();
    // Autosave now if dirty (the timer calls this): to filePath, or to autosavePath() if untitled.
    Q_INVOKABLE void autosave();
    // Save for quitting: the project file (or the untitled autosave) if dirty, written on the
    // worker; the call waits for it (quit only). Returns "" or an error.
    QString saveOnQuit();

    // Where the untitled autosaves and the crash markers live (default AppDataLocation).
    QString dataDir() const { return m_dataDir; }
    void setDataDir(const QString& dir);
    // The untitled work kept at quit (reopened by the next start).
    QString autosavePath() const;
    // This instance's untitled autosave and crash marker.
    QString instanceAutosavePath() const;
    QString markerPath() const;
    QString instanceId() const { return m_instanceId; }
    // Where the work on the project `projectPath` is autosaved: beside it, else (read-only
    // folder) in the data folder, keyed by the project's path.
    QString projectAutosavePath(const QString& projectPath) const;
    QString fallbackAutosavePath(const QString& projectPath) const;
    void setAutosaveInterval(int ms);

    // Start of a run, on the worker: if a marker from a run that did not end cleanly is there,
    // offers recovery (recoveryChanged, recoveryAvailable) of the last autosave it names; then
    // writes our marker; sessionStarted() when done.
    void startSession();
    // Clean end of a run: removes the marker (waits for the worker: quit only).
    void endSession();
    bool recoveryAvailable() const { return !m_recoveryPath.isEmpty(); }
    QString recoveryPath() const { return m_recoveryPath; }
    // Opens the autosave the crashed run left (untitled if it was untitled) / forgets it.
    Q_INVOKABLE bool recover();
    Q_INVOKABLE void discardRecovery();
    Q_INVOKABLE void clearNotes();

Q_SIGNALS:
    void filePathChanged();
    void dirtyChanged();
    void titleChanged();
    void busyChanged();
    void messageChanged();
    void notesChanged();
    void recentProjectsChanged();
    void recoveryChanged();
    void sessionStarted();
    void opened(const QString& path);
    void saved(const QString& path);
    void autosaved(const QString& path);
    void failed(const QString& message);

private:
    struct Part {
        QString key;
        SaveFn save;
        LoadFn load;
        QPointer<QObject> owner;
        bool owned = false;
    };
    enum class OpenMode { Normal, Untitled, Recovered };
    enum class SaveKind { User, Autosave, UntitledAutosave };

    QString currentDir() const;
    QJsonObject snapshotFor(const QString& dir) const;
    bool startOpen(const QString& path, OpenMode mode, const QString& target = QString());
    void applyOpened(const QString& path, OpenMode mode, const QString& target, const ProjectFile::ReadResult& result);
    void flushReports();
    QJsonObject markerContent(const QString& autosave, const QString& project) const;
    bool startSave(const QString& path, SaveKind kind);
    void finishSave(const QString& path, SaveKind kind, const QJsonObject& parts, const QString& error);
    void setFilePath(const QString& path);
    void setMessage(const QString& message);
    void setDirty(bool dirty);
    void jobStarted();
    void jobDone();

    std::vector<Part> m_parts;
    QJsonObject m_stash;  // values for keys no part has claimed (yet)
    QJsonObject m_clean;  // the parts as last saved or opened
    QJsonObject m_lastAutosave;  // the parts as last written to m_lastAutosavePath
    QString m_lastAutosavePath;
    QString m_filePath;
    QString m_untitledName;
    QString m_ioDir;  // folder the parts' paths are relative to during a snapshot / load
    QHash<QString, bool> m_pathExists;
    bool m_dirty = false;
    int m_busyJobs = 0;
    QString m_message;
    QStringList m_notes;
    QStringList m_missingAll;
    QList<QPair<QString, QStringList>> m_missingBatch;  // per kind, while an open applies
    QStringList m_problemBatch;
    bool m_batching = false;
    QString m_loadingPath;  // the file being applied (named in problems)
    RecentProjects* m_recent;
    QString m_instanceId;
    ProcessStamp m_stamp;
    QString m_dataDir;
    QString m_markerAutosave;  // what our marker currently names
    QString m_recoveryPath;
    QString m_recoveryFor;  // the project file the recovery autosave belongs to ("" = untitled)
    QStringList m_staleMarkers;  // crashed instances' markers, removed once recovery is answered
    bool m_sessionStarted = false;
    QTimer m_dirtyTimer;
    QTimer m_autosaveTimer;
    QThreadPool m_io;  // one thread: reads and writes happen in the order asked
};

} // namespace gs
