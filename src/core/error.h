#pragma once
// Errors on a user's data path are values, never aborts: every failure names
// the file and what is wrong with it.
#include <string>
#include <utility>
#include <variant>

namespace gs {

struct Error {
    std::string file;     // the file at fault ("" when none applies)
    std::string message;  // what is wrong, in words a musician can act on

    // "file: message", or just the message.
    std::string describe() const { return file.empty() ? message : file + ": " + message; }
};

// A value or the reason there is none (std::expected is C++23).
template <typename T>
class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For operations that produce nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status success() { return Done{}; }

} // namespace gs
