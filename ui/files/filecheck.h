#pragma once
// Files a musician is handed may be anything: a FIFO blocks open() forever (and then the
// app cannot quit), /dev/zero reads without end, a directory is no file. Readers ask
// here (stat, symlinks followed) before they open anything. Any thread (a stat is cheap,
// but it is still disk I/O: call it on the worker that reads the file).
#include <QString>

namespace gs {

// "" when `path` is a regular file; else "<path>: <what> is a FIFO / device / folder / missing".
QString regularFileProblem(const QString& path, const QString& what);
// Same for something that may be a folder or a regular file (a dataset source).
QString fileOrFolderProblem(const QString& path, const QString& what);
// For a file about to be written: "" when it does not exist yet or is a regular file.
QString writableTargetProblem(const QString& path, const QString& what);

} // namespace gs
