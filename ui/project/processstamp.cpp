#include "project/processstamp.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QList>

namespace gs {

qint64 ProcessStamp::startTimeOf(qint64 pid)
{
    if (pid <= 0)
        return -1;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.read(4096);
    // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses; fields follow the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 1).simplified().split(' ');
    constexpr int kStartTime = 22 - 3;  // field 22, counted from field 3 (STATE)
    if (fields.size() <= kStartTime)
        return -1;
    bool ok = false;
    const qint64 start = fields.at(kStartTime).toLongLong(&ok);
    return ok ? start : -1;
}

ProcessStamp ProcessStamp::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return {pid, startTimeOf(pid)};
}

bool ProcessStamp::alive() const
{
    const qint64 now = startTimeOf(pid);
    if (now < 0)
        return false;
    return start < 0 || now == start;
}

} // namespace gs
