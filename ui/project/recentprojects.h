#pragma once
// The recent-projects list (File > Open Recent) and the project to open on the
// next start, kept in QSettings ("project/recent", "project/last"). Most recent
// first, at most 10, no duplicates. prune() drops files that no longer exist
// (checked on a worker) and says which. GUI thread.
#include <QObject>
#include <QStringList>

namespace gs {

class RecentProjects : public QObject {
    Q_OBJECT

public:
    static constexpr int maxEntries = 10;
    // "project/last" for an untitled project whose work sits in the untitled autosave.
    static constexpr const char* untitledMark = "untitled";

    explicit RecentProjects(QObject* parent = nullptr);

    QStringList paths() const { return m_paths; }
    // Moves `path` (absolute) to the front.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

    // What to open on the next start: a project path, untitledMark, or "" when never set (first run).
    QString last() const;
    bool hasLast() const;
    void setLast(const QString& pathOrMark);

    // Checks the entries on a worker; missing ones are removed and reported by pruned().
    void prune();

Q_SIGNALS:
    void changed();
    void pruned(const QStringList& missing);

private:
    void store();

    QStringList m_paths;
};

} // namespace gs
