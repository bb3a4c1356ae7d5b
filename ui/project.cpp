#include "project.h"

#include "recentprojects.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <memory>

namespace gs {

namespace {

QPointer<Project> g_instance;

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
    if (g_instance == this)
        g_instance = nullptr;
}

Project* Project::instance() { return g_instance; }

void Project::setInstance(Project* project) { g_instance = project; }

Project* Project::create(QQmlEngine*, QJSEngine*)
{
    if (!g_instance)
        g_instance = new Project(nullptr);  // no composition root (a bare QML tool): lives as long as the process
    QJSEngine::setObjectOwnership(g_instance.data(), QJSEngine::CppOwnership);
    return g_instance;
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
        m_parts.back().load(value);
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
    m_notes << tr("%1 not found: %2").arg(what, resolvedPath);
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

bool Project::startOpen(const QString& path, OpenMode mode)
{
    jobStarted();
    QPointer<Project> self(this);
    m_io.start([self, path, mode] {
        const ProjectFile::ReadResult result = ProjectFile::read(path);
        postBack(self, [self, path, mode, result] {
            self->applyOpened(path, mode, result);
            self->jobDone();
        });
    });
    return true;
}

void Project::applyOpened(const QString& path, OpenMode mode, const ProjectFile::ReadResult& result)
{
    if (!result.ok()) {
        // The open project stays exactly as it was.
        setMessage(result.error);
        Q_EMIT failed(result.error);
        return;
    }
    m_notes.clear();
    Q_EMIT notesChanged();
    m_pathExists = result.pathExists;
    m_stash = QJsonObject();
    m_ioDir = QFileInfo(path).absolutePath();
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
        if (path == autosavePath())
            m_untitledName.clear();
        setFilePath(QString());
        m_clean = canonical(snapshot());
        // An autosave that was never saved by the user is still unsaved work.
        setDirty(path == autosavePath() || path == m_recoveryPath);
        m_recent->setLast(QLatin1String(RecentProjects::untitledMark));
    } else {
        m_untitledName.clear();
        setFilePath(path);
        m_clean = canonical(snapshot());
        setDirty(false);
        m_recent->add(path);
        m_recent->setLast(path);
    }
    Q_EMIT titleChanged();
    setMessage(m_notes.isEmpty() ? tr("Opened %1").arg(path)
                                 : tr("Opened %1; %2 missing (see notes)").arg(path).arg(m_notes.size()));
    Q_EMIT opened(path);
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

bool Project::startSave(const QString& path, SaveKind kind)
{
    // Snapshot on the GUI thread (parts are GUI objects); serialise and write on the worker.
    const QString dir = kind == SaveKind::UntitledAutosave ? QString() : QFileInfo(path).absolutePath();
    const QJsonObject parts = snapshotFor(dir);
    const QString marker = kind == SaveKind::User ? QString() : markerPath();
    const bool writeMarker = m_sessionStarted && kind != SaveKind::User && m_markerAutosave != path;
    jobStarted();
    QPointer<Project> self(this);
    m_io.start([self, path, kind, parts, marker, writeMarker] {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QString error = ProjectFile::write(path, ProjectFile::document(parts));
        if (error.isEmpty() && writeMarker) {
            QJsonObject content{{QStringLiteral("pid"), QCoreApplication::applicationPid()},
                {QStringLiteral("autosave"), path}};
            ProjectFile::write(marker, content);  // best effort: recovery is a convenience
        }
        postBack(self, [self, path, kind, parts, error, writeMarker] {
            if (writeMarker && error.isEmpty())
                self->m_markerAutosave = path;
            self->finishSave(path, kind, parts, error);
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
        if (path == m_filePath)
            m_clean = canonical(parts);
        checkDirty();
        Q_EMIT autosaved(path);
        break;
    case SaveKind::UntitledAutosave:
        m_lastAutosave = canonical(parts);
        Q_EMIT autosaved(path);
        break;
    }
}

void Project::autosave()
{
    checkDirty();
    if (!m_dirty)
        return;
    if (!m_filePath.isEmpty()) {
        startSave(m_filePath, SaveKind::Autosave);
        return;
    }
    if (canonical(snapshotFor(QString())) != m_lastAutosave)
        startSave(autosavePath(), SaveKind::UntitledAutosave);
}

QString Project::saveOnQuit()
{
    // The write runs on the worker like every other; quitting then waits for it (a few KB):
    // the window is closing and the work must be on disk before the process ends.
    checkDirty();
    const bool untitled = m_filePath.isEmpty();
    if (untitled)
        m_recent->setLast(QLatin1String(RecentProjects::untitledMark));
    if (!m_dirty) {
        m_io.waitForDone();  // an autosave still under way ends first
        return {};
    }
    const QString path = untitled ? autosavePath() : m_filePath;
    const QJsonObject document = ProjectFile::document(snapshotFor(untitled ? QString() : currentDir()));
    auto error = std::make_shared<QString>();
    m_io.start([path, document, error] {
        QDir().mkpath(QFileInfo(path).absolutePath());
        *error = ProjectFile::write(path, document);
    });
    m_io.waitForDone();
    if (untitled)
        return *error;
    if (error->isEmpty()) {
        m_clean = canonical(snapshot());
        setDirty(false);
    }
    return *error;
}

// ---- autosave location, crash marker, recovery ----

void Project::setDataDir(const QString& dir) { m_dataDir = dir; }

QString Project::autosavePath() const { return QDir(m_dataDir).filePath(QStringLiteral("autosave.gsproj")); }

QString Project::markerPath() const { return QDir(m_dataDir).filePath(QStringLiteral("running.marker")); }

void Project::setAutosaveInterval(int ms) { m_autosaveTimer.setInterval(ms); }

void Project::startSession()
{
    // Read the last run's marker and write ours on the worker; autosaves queued after this
    // run after it (one thread, in order), so their marker updates land on ours.
    m_sessionStarted = true;
    m_markerAutosave.clear();
    const QString dataDir = m_dataDir, markerFile = markerPath();
    QPointer<Project> self(this);
    m_io.start([self, dataDir, markerFile] {
        QString recovery;
        QFile marker(markerFile);
        if (marker.open(QIODevice::ReadOnly)) {
            const QJsonObject content = QJsonDocument::fromJson(marker.readAll()).object();
            marker.close();
            const qint64 pid = content.value(QStringLiteral("pid")).toInteger();
            const bool stillRunning = pid > 0 && pid != QCoreApplication::applicationPid()
                && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
            const QString autosave = content.value(QStringLiteral("autosave")).toString();
            if (!stillRunning && !autosave.isEmpty() && QFileInfo(autosave).isFile())
                recovery = autosave;
        }
        QDir().mkpath(dataDir);
        ProjectFile::write(markerFile, QJsonObject{{QStringLiteral("pid"), QCoreApplication::applicationPid()},
                                           {QStringLiteral("autosave"), QString()}});  // best effort
        postBack(self, [self, recovery] {
            if (!recovery.isEmpty() && self->m_recoveryPath != recovery) {
                self->m_recoveryPath = recovery;
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
    // offer a recovery on the next start.
    const QString markerFile = markerPath();
    m_io.start([markerFile] { QFile::remove(markerFile); });
    m_io.waitForDone();
}

bool Project::recover()
{
    if (m_recoveryPath.isEmpty())
        return false;
    const QString path = m_recoveryPath;
    const bool untitled = path == autosavePath();
    const bool ok = startOpen(path, untitled ? OpenMode::Untitled : OpenMode::Normal);
    connect(this, &Project::opened, this, [this] { discardRecovery(); }, Qt::SingleShotConnection);
    return ok;
}

void Project::discardRecovery()
{
    if (m_recoveryPath.isEmpty())
        return;
    m_recoveryPath.clear();
    Q_EMIT recoveryChanged();
}

} // namespace gs
