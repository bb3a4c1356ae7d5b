#pragma once
// Worker-thread entries run their job through runGuarded(): an exception that escapes a
// std::thread / QThread / QThreadPool job ends the whole app (std::terminate), so every
// one is turned into the ordinary error text the UI already shows, naming the file.
// Any thread.
#include <QString>

#include <exception>
#include <new>

namespace gs {

// Runs job(); returns "" when it returned normally, else "<what>: <reason>".
template <class Job>
QString runGuarded(const QString& what, Job&& job)
{
    try {
        job();
        return {};
    } catch (const std::bad_alloc&) {
        return QStringLiteral("%1: not enough memory for it (the file asks for more than this machine has)").arg(what);
    } catch (const std::exception& e) {
        return QStringLiteral("%1: %2").arg(what, QString::fromUtf8(e.what()));
    } catch (...) {
        return QStringLiteral("%1: unexpected error while reading it").arg(what);
    }
}

} // namespace gs
