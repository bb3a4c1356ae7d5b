#include "project/recentprojects.h"
#include "files/workerguard.h"

#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QThreadPool>

namespace gs {

namespace {
const QString kRecentKey = QStringLiteral("project/recent");
const QString kLastKey = QStringLiteral("project/last");
} // namespace

RecentProjects::RecentProjects(QObject* parent)
    : QObject(parent)
{
    QSettings settings;
    for (const QString& path : settings.value(kRecentKey).toStringList())
        if (!path.isEmpty() && !m_paths.contains(path) && m_paths.size() < maxEntries)
            m_paths << path;
}

void RecentProjects::add(const QString& path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = m_paths;
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > maxEntries)
        paths.removeLast();
    if (paths == m_paths)
        return;
    m_paths = paths;
    store();
}

void RecentProjects::remove(const QString& path)
{
    if (m_paths.removeAll(path) > 0)
        store();
}

void RecentProjects::clear()
{
    if (m_paths.isEmpty())
        return;
    m_paths.clear();
    store();
}

QString RecentProjects::last() const { return QSettings().value(kLastKey).toString(); }

bool RecentProjects::hasLast() const { return QSettings().contains(kLastKey); }

void RecentProjects::setLast(const QString& pathOrMark)
{
    QSettings settings;
    settings.setValue(kLastKey, pathOrMark);
}

void RecentProjects::prune()
{
    const QStringList paths = m_paths;
    QPointer<RecentProjects> self(this);
    QThreadPool::globalInstance()->start([self, paths] {
        QStringList missing;
        const QString thrown = runGuarded(QStringLiteral("recent projects"), [&] {
            for (const QString& path : paths)
                if (!QFileInfo(path).isFile())
                    missing << path;
        });
        if (!thrown.isEmpty())
            missing.clear();  // keep the list as it is
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, missing] {
            if (!self || missing.isEmpty())
                return;
            QStringList kept = self->m_paths;
            for (const QString& path : missing)
                kept.removeAll(path);
            self->m_paths = kept;
            self->store();
            Q_EMIT self->pruned(missing);
        }, Qt::QueuedConnection);
    });
}

void RecentProjects::store()
{
    QSettings settings;
    settings.setValue(kRecentKey, m_paths);
    Q_EMIT changed();
}

} // namespace gs
