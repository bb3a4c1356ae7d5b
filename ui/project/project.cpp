#include "project/project.h"

#include "project/processstamp.h"
#include "project/recentprojects.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>
#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <memory>
#include <utility>

namespace gs {

namespace {

QString localPath(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

// Parts keep latent vectors as floats: compare numbers at float precision, so a file's
// -0.838949 and the -0.8389490246772766 its part gives back do not count as a change.
QJsonValue canonical(const QJsonValue& value)
{
    if (value.isDouble())
        return double(float(value.toDouble()));
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray())
            out.append(canonical(item));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), canonical(it.value()));
        return out;
    }
    return value;
}

QJsonObject canonical(const QJsonObject& parts) { return canonical(QJsonValue(parts)).toObject(); }

// Posts `done` back to `context`'s thread unless it is gone.
template <class Done>
void postBack(const QPointer<Project>& context, Done done)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(done), Qt::QueuedConnection);
}

} // namespace

Project::Project(QObject* parent)
    : QObject(parent)
    , m_recent(new RecentProjects(this))
    , m_dataDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
{
    // A random id plus the PID: unique among the instances sharing the data folder.
    m_instanceId = QStringLiteral("%1-%2")
                       .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
                       .arg(QCoreApplication::applicationPid());
    m_stamp = ProcessStamp::current();  // read once: the marker names this process by PID and start time
    m_io.setMaxThreadCount(1);
    m_io.setExpiryTimeout(-1);
    connect(m_recent, &RecentProjects::changed, this, &Project::recentProjectsChanged);
    connect(m_recent, &RecentProjects::pruned, this, [this](const QStringList& missing) {
        for (const QString& path : missing)
            m_notes << tr("Recent project no longer exists, removed from the list: %1").arg(path);
        Q_EMIT notesChanged();
    });
    m_dirtyTimer.setInterval(1000);
    connect(&m_dirtyTimer, &QTimer::timeout, this, &Project::checkDirty);
    m_dirtyTimer.start();
    m_autosaveTimer.setInterval(30000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &Project::autosave);
    m_autosaveTimer.start();
}

Project::~Project()
{
    m_io.waitForDone();
}

// ---- parts ----

void Project::addPart(const QString& key, SaveFn save, LoadFn load, QObject* owner)
{
    removePart(key);
    Part part{key, std::move(save), std::move(load), owner, owner != nullptr};
    if (owner) {
        connect(owner, &QObject::destroyed, this, [this, key, owner] {
            auto it = std::find_if(m_parts.begin(), m_parts.end(),
                [&](const Part& p) { return p.key == key && p.owned && (p.owner.isNull() || p.owner == owner); });
            if (it != m_parts.end())
                m_parts.erase(it);
        });
    }
    m_parts.push_back(std::move(part));
    if (m_stash.contains(key)) {
        // The project was opened before this part existed: hand it what the file had.
        const QJsonValue value = m_stash.take(key);
        const QString saved = m_ioDir;
        m_ioDir = currentDir();
        const bool wasBatching = std::exchange(m_batching, true);
        m_parts.back().load(value);
        if (!wasBatching)
            flushReports();
        m_ioDir = saved;
    }
}

void Project::removePart(const QString& key)
{
    m_parts.erase(std::remove_if(m_parts.begin(), m_parts.end(), [&](const Part& p) { return p.key == key; }),
        m_parts.end());
}

bool Project::hasPart(const QString& key) const
{
    return std::any_of(m_parts.begin(), m_parts.end(), [&](const Part& p) { return p.key == key; });
}

QString Project::encodePath(const QString& absolutePath) const { return ProjectFile::encodePath(absolutePath, m_ioDir); }

QString Project::resolvePath(const QString& stored) const { return ProjectFile::resolvePath(stored, m_ioDir); }

bool Project::pathExists(const QString& resolvedPath) const
{
    const auto it = m_pathExists.constFind(resolvedPath);
    return it != m_pathExists.constEnd() ? it.value() : QFileInfo::exists(resolvedPath);
}

void Project::reportMissing(const QString& resolvedPath, const QString& what)
{
    m_missingAll << resolvedPath;
    if (!m_batching) {
        m_notes << tr("%1 not found: %2").arg(what, resolvedPath);
        Q_EMIT notesChanged();
        return;
    }
    // During an open: gathered per kind, reported once (thousands of moved files must not
    // re-emit and re-print the whole list for each one).
    for (auto& [kind, paths] : m_missingBatch)
        if (kind == what) {
            paths << resolvedPath;
            return;
        }
    m_missingBatch.append({what, QStringList{resolvedPath}});
}

void Project::reportProblem(const QString& text)
{
    const QString note = m_loadingPath.isEmpty() ? text : tr("%1: %2").arg(m_loadingPath, text);
    if (m_batching) {
        m_problemBatch << note;
        return;
    }
    m_notes << note;
    Q_EMIT notesChanged();
}

void Project::flushReports()
{
    m_batching = false;
    if (m_missingBatch.isEmpty() && m_problemBatch.isEmpty())
        return;
    constexpr int kListed = 10;  // a dialog of 3,000 lines helps nobody
    for (const auto& [kind, paths] : std::as_const(m_missingBatch)) {
        if (paths.size() <= kListed) {
            for (const QString& path : paths)
                m_notes << tr("%1 not found: %2").arg(kind, path);
            continue;
        }
        m_notes << tr("%1 not found: %2 files, for example:\n  %3\n  … and %4 more")
                       .arg(kind)
                       .arg(paths.size())
                       .arg(paths.mid(0, kListed).join(QStringLiteral("\n  ")))
                       .arg(paths.size() - kListed);
    }
    m_notes << m_problemBatch;
    m_missingBatch.clear();
    m_problemBatch.clear();
    Q_EMIT notesChanged();
}

void Project::clearNotes()
{
    if (m_notes.isEmpty())
        return;
    m_notes.clear();
    Q_EMIT notesChanged();
}

QString Project::currentDir() const
{
    return m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
}

QJsonObject Project::snapshotFor(const QString& dir) const
{
    auto* self = const_cast<Project*>(this);  // m_ioDir is the parts' context during the call only
    const QString saved = m_ioDir;
    self->m_ioDir = dir;
    QJsonObject parts = m_stash;
    for (const Part& part : m_parts) {
        if (part.owned && part.owner.isNull())
            continue;
        const QJsonValue value = part.save();
        if (!value.isUndefined())
            parts.insert(part.key, value);
    }
    self->m_ioDir = saved;
    return parts;
}

// ---- state ----

QString Project::name() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).completeBaseName();
    return m_untitledName.isEmpty() ? tr("Untitled") : m_untitledName;
}

QString Project::title() const
{
    return QStringLiteral("%1%2 — Groovescape").arg(m_dirty ? QStringLiteral("*") : QString(), name());
}

QStringList Project::recentProjects() const { return m_recent->paths(); }

void Project::setFilePath(const QString& path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged();
    Q_EMIT titleChanged();
}

void Project::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void Project::setDirty(bool dirty)
{
    if (dirty == m_dirty)
        return;
    m_dirty = dirty;
    Q_EMIT dirtyChanged();
    Q_EMIT titleChanged();
}

void Project::checkDirty()
{
    const QJsonObject now = canonical(snapshot());
    const bool dirty = now != m_clean;
    if (dirty && !m_dirty && qEnvironmentVariableIsSet("GS_PROJECT_DEBUG")) {
        for (auto it = now.begin(); it != now.end(); ++it)
            if (m_clean.value(it.key()) != it.value())
                qInfo("project: part \"%s\" changed: %s -> %s", qPrintable(it.key()),
                    QJsonDocument(QJsonArray{m_clean.value(it.key())}).toJson(QJsonDocument::Compact).left(300).constData(),
                    QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact).left(300).constData());
    }
    setDirty(dirty);
}

void Project::jobStarted()
{
    if (m_busyJobs++ == 0)
        Q_EMIT busyChanged();
}

void Project::jobDone()
{
    if (--m_busyJobs == 0)
        Q_EMIT busyChanged();
}

// ---- open ----

bool Project::open(const QString& pathOrUrl)
{
    const QString path = localPath(pathOrUrl);
    if (path.isEmpty()) {
        setMessage(tr("No project file given"));
        Q_EMIT failed(m_message);
        return false;
    }
    // The bundled demo (or any project inside the installed data) is a template: never overwritten.
    // So is the untitled autosave: it stays untitled work until the user saves it somewhere.
    const bool bundled = ProjectFile::encodePath(path, QString()).startsWith(QStringLiteral("data:"));
    return startOpen(path, bundled || path == autosavePath() ? OpenMode::Untitled : OpenMode::Normal);
}

bool Project::startOpen(const QString& path, OpenMode mode, const QString& target)
{
    jobStarted();
    QPointer<Project> self(this);
    // Work kept beside the project (or in the data folder) that is newer than the file: offered on open.
    const QStringList autosaves = mode == OpenMode::Normal
        ? QStringList{projectAutosavePath(path), fallbackAutosavePath(path)} : QStringList();
    const QString resolveDir = mode == OpenMode::Recovered ? QFileInfo(target).absolutePath() : QString();
    m_io.start([self, path, mode, target, autosaves, resolveDir] {
        ProjectFile::ReadResult result = ProjectFile::read(path, resolveDir);
        if (result.ok()) {
            const QDateTime fileTime = QFileInfo(path).lastModified();
            for (const QString& autosave : autosaves) {
                const QFileInfo info(autosave);
                if (info.isFile() && info.lastModified() > fileTime) {
                    result.newerAutosave = autosave;
                    break;
                }
            }
        }
        postBack(self, [self, path, mode, target, result] {
            self->applyOpened(path, mode, target, result);
            self->jobDone();
        });
    });
    return true;
}

void Project::applyOpened(const QString& path, OpenMode mode, const QString& target, const ProjectFile::ReadResult& result)
{
    if (!result.ok()) {
        // The open project stays exactly as it was.
        setMessage(result.error);
        Q_EMIT failed(result.error);
        return;
    }
    const QString projectPath = mode == OpenMode::Recovered ? target : path;
    m_notes.clear();
    m_missingAll.clear();
    Q_EMIT notesChanged();
    m_pathExists = result.pathExists;
    m_stash = QJsonObject();
    m_ioDir = QFileInfo(projectPath).absolutePath();
    m_loadingPath = path;
    m_batching = true;
    for (Part& part : m_parts) {
        if (part.owned && part.owner.isNull())
            continue;
        part.load(result.parts.contains(part.key) ? result.parts.value(part.key) : QJsonValue(QJsonValue::Null));
    }
    for (auto it = result.parts.begin(); it != result.parts.end(); ++it)
        if (!hasPart(it.key()))
            m_stash.insert(it.key(), it.value());
    if (mode == OpenMode::Untitled) {
        // Paths stay valid without a folder: re-encode what the parts report against none.
        m_ioDir.clear();
        m_untitledName = QFileInfo(path).completeBaseName();
        const bool unsaved = path == autosavePath() || path == m_recoveryPath;
        if (unsaved)
            m_untitledName.clear();
        setFilePath(QString());
        m_clean = canonical(snapshot());
        // An autosave that was never saved by the user is still unsaved work.
        setDirty(unsaved);
        m_recent->setLast(QLatin1String(RecentProjects::untitledMark));
    } else if (mode == OpenMode::Recovered) {
        // The autosaved work of `target`: it belongs to that file, and stays unsaved until the user saves.
        m_untitledName.clear();
        if (m_filePath != target)
            m_clean = QJsonObject();  // the file's own state is not loaded: anything counts as a change
        setFilePath(target);
        setDirty(true);
        m_recent->add(target);
        m_recent->setLast(target);
    } else {
        m_untitledName.clear();
        setFilePath(path);
        m_clean = canonical(snapshot());
        setDirty(false);
        m_recent->add(path);
        m_recent->setLast(path);
    }
    m_lastAutosave = QJsonObject();
    m_lastAutosavePath.clear();
    flushReports();
    m_loadingPath.clear();
    Q_EMIT titleChanged();
    setMessage(m_notes.isEmpty() ? tr("Opened %1").arg(projectPath)
                                 : tr("Opened %1 with %2 problem(s) (see notes)").arg(projectPath).arg(m_notes.size()));
    Q_EMIT opened(path);
    if (mode == OpenMode::Normal && !result.newerAutosave.isEmpty() && m_recoveryPath != result.newerAutosave) {
        m_recoveryPath = result.newerAutosave;
        m_recoveryFor = path;
        Q_EMIT recoveryChanged();
    }
}

void Project::newProject()
{
    m_stash = QJsonObject();
    m_ioDir.clear();
    for (Part& part : m_parts)
        if (!(part.owned && part.owner.isNull()))
            part.load(QJsonValue(QJsonValue::Null));
    m_untitledName.clear();
    m_notes.clear();
    Q_EMIT notesChanged();
    setFilePath(QString());
    m_clean = canonical(snapshot());
    setDirty(false);
    Q_EMIT titleChanged();
    m_recent->setLast(QLatin1String(RecentProjects::untitledMark));
    setMessage(tr("New project"));
}

// ---- save ----

bool Project::save()
{
    if (m_filePath.isEmpty()) {
        setMessage(tr("The project has no file yet: use Save As"));
        return false;
    }
    return startSave(m_filePath, SaveKind::User);
}

bool Project::saveAs(const QString& pathOrUrl)
{
    QString path = localPath(pathOrUrl);
    if (path.isEmpty()) {
        setMessage(tr("No project file given"));
        Q_EMIT failed(m_message);
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".") + QLatin1String(ProjectFile::suffix);
    return startSave(path, SaveKind::User);
}

QJsonObject Project::markerContent(const QString& autosave, const QString& project) const
{
    return QJsonObject{{QStringLiteral("pid"), m_stamp.pid}, {QStringLiteral("start"), m_stamp.start},
        {QStringLiteral("instance"), m_instanceId}, {QStringLiteral("autosave"), autosave},
        {QStringLiteral("project"), project}};
}

bool Project::startSave(const QString& path, SaveKind kind)
{
    // Snapshot on the GUI thread (parts are GUI objects); serialise and write on the worker.
    // An opened project's autosave goes beside it (paths relative to the project's folder).
    const QString project = kind == SaveKind::Autosave ? m_filePath : QString();
    const QString dir = kind == SaveKind::UntitledAutosave ? QString()
        : QFileInfo(kind == SaveKind::Autosave ? project : path).absolutePath();
    const QJsonObject parts = snapshotFor(dir);
    const QString marker = kind == SaveKind::User ? QString() : markerPath();
    const bool writeMarker = m_sessionStarted && kind != SaveKind::User;
    const QJsonObject markerBase = markerContent(QString(), project);
    const QString fallback = kind == SaveKind::Autosave ? fallbackAutosavePath(project) : QString();
    // Saving the project itself makes its autosaves stale: they go.
    const QStringList staleAutosaves = kind == SaveKind::User
        ? QStringList{projectAutosavePath(path), fallbackAutosavePath(path)} : QStringList();
    const QString known = m_markerAutosave;
    jobStarted();
    QPointer<Project> self(this);
    m_io.start([self, path, kind, parts, marker, writeMarker, markerBase, fallback, staleAutosaves, known] {
        QString written = path;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QString error = ProjectFile::write(path, ProjectFile::document(parts));
        if (!error.isEmpty() && !fallback.isEmpty()) {
            // The project's folder is read-only (a received project): keep the work in our data folder.
            QDir().mkpath(QFileInfo(fallback).absolutePath());
            if (ProjectFile::write(fallback, ProjectFile::document(parts)).isEmpty()) {
                error.clear();
                written = fallback;
            }
        }
        if (error.isEmpty())
            for (const QString& stale : staleAutosaves)
                QFile::remove(stale);
        const bool markerChanged = writeMarker && error.isEmpty() && known != written;
        if (markerChanged) {
            QJsonObject content = markerBase;
            content.insert(QStringLiteral("autosave"), written);
            ProjectFile::write(marker, content);  // best effort: recovery is a convenience
        }
        postBack(self, [self, written, kind, parts, error, markerChanged] {
            if (markerChanged)
                self->m_markerAutosave = written;
            self->finishSave(written, kind, parts, error);
            self->jobDone();
        });
    });
    return true;
}

void Project::finishSave(const QString& path, SaveKind kind, const QJsonObject& parts, const QString& error)
{
    if (!error.isEmpty()) {
        setMessage(error);
        Q_EMIT failed(error);
        return;
    }
    switch (kind) {
    case SaveKind::User:
        m_untitledName.clear();
        setFilePath(path);
        m_clean = canonical(parts);
        m_recent->add(path);
        m_recent->setLast(path);
        checkDirty();
        Q_EMIT titleChanged();
        setMessage(tr("Saved %1").arg(path));
        Q_EMIT saved(path);
        break;
    case SaveKind::Autosave:
    case SaveKind::UntitledAutosave:
        // The project stays dirty: only the musician's Save writes the project file.
        m_lastAutosave = canonical(parts);
        m_lastAutosavePath = path;
        Q_EMIT autosaved(path);
        break;
    }
}

void Project::autosave()
{
    checkDirty();
    if (!m_dirty)
        return;
    const bool untitled = m_filePath.isEmpty();
    const QString path = untitled ? instanceAutosavePath() : projectAutosavePath(m_filePath);
    const QJsonObject now = canonical(snapshotFor(untitled ? QString() : currentDir()));
    if (now == m_lastAutosave && (m_lastAutosavePath == path || m_lastAutosavePath == fallbackAutosavePath(m_filePath)))
        return;  // written already
    startSave(path, untitled ? SaveKind::UntitledAutosave : SaveKind::Autosave);
}

QString Project::saveOnQuit()
{
    // The write runs on the worker like every other; quitting then waits for it (a few KB):
    // the window is closing and the work must be on disk before the process ends. An opened
    // project's unsaved work goes beside it (offered when it is opened next), never into it.
    checkDirty();
    const bool untitled = m_filePath.isEmpty();
    if (untitled)
        m_recent->setLast(QLatin1String(RecentProjects::untitledMark));
    if (!m_dirty) {
        m_io.waitForDone();  // an autosave still under way ends first
        return {};
    }
    const QString path = untitled ? autosavePath() : projectAutosavePath(m_filePath);
    const QString fallback = untitled ? QString() : fallbackAutosavePath(m_filePath);
    const QJsonObject document = ProjectFile::document(snapshotFor(untitled ? QString() : currentDir()));
    auto error = std::make_shared<QString>();
    m_io.start([path, fallback, document, error] {
        QDir().mkpath(QFileInfo(path).absolutePath());
        *error = ProjectFile::write(path, document);
        if (!error->isEmpty() && !fallback.isEmpty()) {
            QDir().mkpath(QFileInfo(fallback).absolutePath());
            if (ProjectFile::write(fallback, document).isEmpty())
                error->clear();
        }
    });
    m_io.waitForDone();
    return *error;
}

// ---- autosave location, crash marker, recovery ----

void Project::setDataDir(const QString& dir) { m_dataDir = dir; }

QString Project::autosavePath() const { return QDir(m_dataDir).filePath(QStringLiteral("autosave.gsproj")); }

QString Project::instanceAutosavePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("autosave-%1.gsproj").arg(m_instanceId));
}

QString Project::markerPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("running-%1.marker").arg(m_instanceId));
}

QString Project::projectAutosavePath(const QString& projectPath) const
{
    if (projectPath.isEmpty())
        return {};
    const QFileInfo info(projectPath);
    return info.absoluteDir().filePath(QStringLiteral(".%1.autosave.%2").arg(info.completeBaseName(),
        QLatin1String(ProjectFile::suffix)));
}

QString Project::fallbackAutosavePath(const QString& projectPath) const
{
    if (projectPath.isEmpty())
        return {};
    const QByteArray key = QCryptographicHash::hash(QFileInfo(projectPath).absoluteFilePath().toUtf8(),
        QCryptographicHash::Sha1).toHex().left(16);
    return QDir(m_dataDir).filePath(QStringLiteral("autosaves/%1-%2.%3")
                                        .arg(QFileInfo(projectPath).completeBaseName(), QString::fromLatin1(key),
                                            QLatin1String(ProjectFile::suffix)));
}

void Project::setAutosaveInterval(int ms) { m_autosaveTimer.setInterval(ms); }

void Project::startSession()
{
    // Read the markers other runs left and write ours on the worker; autosaves queued after
    // this run after it (one thread, in order), so their marker updates land on ours.
    m_sessionStarted = true;
    m_markerAutosave.clear();
    const QString dataDir = m_dataDir, markerFile = markerPath();
    const QJsonObject ours = markerContent(QString(), QString());
    QPointer<Project> self(this);
    m_io.start([self, dataDir, markerFile, ours] {
        // Each instance has its own marker; one whose owner no longer runs (same PID and start
        // time) did not end cleanly. Its newest autosave is offered.
        QString recovery, recoveryFor;
        QDateTime newest;
        QStringList stale;
        const QStringList names = QDir(dataDir).entryList(
            {QStringLiteral("running-*.marker"), QStringLiteral("running.marker")}, QDir::Files);
        for (const QString& name : names) {
            const QString file = QDir(dataDir).filePath(name);
            if (file == markerFile)
                continue;
            QFile marker(file);
            if (!marker.open(QIODevice::ReadOnly) || marker.size() > 64 * 1024)
                continue;
            const QJsonObject content = QJsonDocument::fromJson(marker.readAll()).object();
            marker.close();
            const ProcessStamp owner{content.value(QStringLiteral("pid")).toInteger(),
                content.value(QStringLiteral("start")).toInteger(-1)};
            if (owner.alive())
                continue;  // another window, still running
            stale << file;
            const QString autosave = content.value(QStringLiteral("autosave")).toString();
            const QFileInfo info(autosave);
            if (!autosave.isEmpty() && info.isFile() && (newest.isNull() || info.lastModified() > newest)) {
                newest = info.lastModified();
                recovery = autosave;
                recoveryFor = content.value(QStringLiteral("project")).toString();
            }
        }
        QDir().mkpath(dataDir);
        ProjectFile::write(markerFile, ours);  // best effort
        postBack(self, [self, recovery, recoveryFor, stale] {
            self->m_staleMarkers = stale;
            if (recovery.isEmpty()) {
                self->discardRecovery();  // nothing to offer: the dead markers go now
            } else if (self->m_recoveryPath != recovery) {
                self->m_recoveryPath = recovery;
                self->m_recoveryFor = recoveryFor;
                Q_EMIT self->recoveryChanged();
            }
            Q_EMIT self->sessionStarted();
        });
    });
    m_recent->prune();
}

void Project::endSession()
{
    if (!m_sessionStarted)
        return;
    m_sessionStarted = false;
    // Quitting waits for the removal (and any save before it): a marker left behind would
    // offer a recovery on the next start. Our periodic untitled autosave goes too (the work
    // is in autosave.gsproj or the project by now).
    const QString markerFile = markerPath(), ownAutosave = instanceAutosavePath();
    m_io.start([markerFile, ownAutosave] {
        QFile::remove(ownAutosave);
        QFile::remove(markerFile);
    });
    m_io.waitForDone();
}

bool Project::recover()
{
    if (m_recoveryPath.isEmpty())
        return false;
    const QString path = m_recoveryPath, target = m_recoveryFor;
    bool ok = false;
    if (!target.isEmpty())
        ok = startOpen(path, OpenMode::Recovered, target);  // the work on a project file: it belongs to that file
    else
        ok = startOpen(path, OpenMode::Untitled);
    connect(this, &Project::opened, this, [this] { discardRecovery(); }, Qt::SingleShotConnection);
    return ok;
}

void Project::discardRecovery()
{
    // The crashed instances' markers are answered for; their autosaves stay on disk (a file the
    // user may still want) except the one just restored or declined for an opened project.
    const QStringList stale = std::exchange(m_staleMarkers, {});
    if (!stale.isEmpty())
        m_io.start([stale] {
            for (const QString& file : stale)
                QFile::remove(file);
        });
    if (m_recoveryPath.isEmpty())
        return;
    m_recoveryPath.clear();
    m_recoveryFor.clear();
    Q_EMIT recoveryChanged();
}

} // namespace gs
