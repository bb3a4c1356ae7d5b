#include "serverprobe.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace gs {

namespace {

std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

} // namespace

bool unixSocketListening(const std::string& path)
{
    sockaddr_un address{};
    if (path.empty() || path.size() >= sizeof(address.sun_path))
        return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return false;
    // Non-blocking: a listener with a full backlog answers EAGAIN at once (it is there, only busy).
    const int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    const bool listening = result == 0 || errno == EAGAIN || errno == EINPROGRESS;
    ::close(fd);
    return listening;
}

bool jackServerRunning()
{
    std::string name = env("JACK_DEFAULT_SERVER");
    if (name.empty())
        name = "default";
    const std::string uid = std::to_string(::getuid());
    // JACK 2 (jackd2, Debian's): <dir>/jack_<server>_<uid>_0; JACK 1: <dir>/jack-<uid>/<server>/jack_0.
    for (const char* dir : {"/dev/shm", "/tmp"})
        if (unixSocketListening(std::string(dir) + "/jack_" + name + "_" + uid + "_0")
            || unixSocketListening(std::string(dir) + "/jack-" + uid + "/" + name + "/jack_0"))
            return true;
    return false;
}

bool pulseServerRunning()
{
    if (const std::string servers = env("PULSE_SERVER"); !servers.empty()) {
        // A list of addresses separated by spaces, each maybe prefixed by "{machine id}".
        std::istringstream list(servers);
        for (std::string entry; list >> entry;) {
            if (entry.front() == '{')
                entry.erase(0, entry.find('}') == std::string::npos ? entry.size() : entry.find('}') + 1);
            if (entry.rfind("unix:", 0) == 0)
                entry.erase(0, 5);
            if (entry.empty())
                continue;
            if (entry.front() != '/')
                return true;  // a network address: not probed here
            if (unixSocketListening(entry))
                return true;
        }
        return false;
    }
    // As libpulse looks: the user's runtime folder, then the system-wide server's socket.
    std::string user = env("PULSE_RUNTIME_PATH");
    if (user.empty())
        user = env("XDG_RUNTIME_DIR").empty() ? "/run/user/" + std::to_string(::getuid()) + "/pulse"
                                              : env("XDG_RUNTIME_DIR") + "/pulse";
    return unixSocketListening(user + "/native") || unixSocketListening("/run/pulse/native")
        || unixSocketListening("/var/run/pulse/native");
}

} // namespace gs
