#pragma once
// Who owns a crash marker: a process id plus the process's start time, so a PID the
// kernel recycled for another program does not count as "still running". Linux /proc.
// Any thread.
#include <QtGlobal>

namespace gs {

struct ProcessStamp {
    qint64 pid = 0;
    qint64 start = -1;  // start time in clock ticks since boot (/proc/PID/stat field 22), -1 unknown

    static ProcessStamp current();
    // The start time of a running process, -1 when no such process runs.
    static qint64 startTimeOf(qint64 pid);
    // True while that very process runs (same PID and, when known, same start time).
    bool alive() const;
};

} // namespace gs
