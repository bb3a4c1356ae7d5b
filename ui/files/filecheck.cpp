#include "files/filecheck.h"

#include <QObject>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace gs {

namespace {

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QObject::tr("a folder, not a file");
    if (S_ISFIFO(mode))
        return QObject::tr("a FIFO (named pipe), not a file");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QObject::tr("a device, not a file");
    if (S_ISSOCK(mode))
        return QObject::tr("a socket, not a file");
    return QObject::tr("not a regular file");
}

// 0 and fills `st`, or errno.
int statPath(const QString& path, struct stat& st)
{
    const QByteArray native = path.toLocal8Bit();
    return ::stat(native.constData(), &st) == 0 ? 0 : errno;
}

} // namespace

QString regularFileProblem(const QString& path, const QString& what)
{
    struct stat st {};
    if (const int error = statPath(path, st))
        return QObject::tr("%1: cannot open the %2 (%3)").arg(path, what, QString::fromLocal8Bit(std::strerror(error)));
    if (!S_ISREG(st.st_mode))
        return QObject::tr("%1: the %2 is %3").arg(path, what, kindOf(st.st_mode));
    return {};
}

QString fileOrFolderProblem(const QString& path, const QString& what)
{
    struct stat st {};
    if (const int error = statPath(path, st))
        return QObject::tr("%1: cannot open the %2 (%3)").arg(path, what, QString::fromLocal8Bit(std::strerror(error)));
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return QObject::tr("%1: the %2 is %3").arg(path, what, kindOf(st.st_mode));
    return {};
}

QString writableTargetProblem(const QString& path, const QString& what)
{
    struct stat st {};
    if (statPath(path, st) != 0)
        return {};  // nothing there yet (or a folder we cannot see into: the write says why)
    if (!S_ISREG(st.st_mode))
        return QObject::tr("%1: cannot write the %2 there: it is %3").arg(path, what, kindOf(st.st_mode));
    return {};
}

} // namespace gs
