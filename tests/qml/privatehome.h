#pragma once
// Each QuickTest runner gets its own settings, data and cache folders, set before the application
// starts (QSettings and QStandardPaths read them once): runners in parallel (ctest -j) do not see
// each other's kit, recent files or audio choices, and the user's own Groovescape settings stay
// untouched. The folder goes when `dir` does.
#include <QByteArray>
#include <QTemporaryDir>
#include <QtGlobal>

inline void usePrivateSettingsHome(const QTemporaryDir& dir)
{
    if (!dir.isValid())
        return;
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")).toLocal8Bit());
}
