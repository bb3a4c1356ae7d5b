#include "filereader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gs {

namespace {

const char* kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

// Reads exactly `size` bytes into `out`, retrying short reads; the file may have changed size.
Status readAll(int fd, char* out, std::uint64_t size, const std::string& path)
{
    std::uint64_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, out + done, std::size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{path, std::string("cannot read: ") + std::strerror(errno)};
        if (n == 0)
            return Error{path, "the file shrank while it was read"};
        done += std::uint64_t(n);
    }
    char extra;
    if (::read(fd, &extra, 1) > 0)
        return Error{path, "the file grew while it was read"};
    return success();
}

template <typename Buffer>
Result<Buffer> readInto(const std::string& path, std::uint64_t maxBytes, const char* what)
{
    Result<int> fd = openRegularFile(path, what);
    if (!fd)
        return fd.error();
    struct stat st {};
    Buffer buffer;
    Status status = success();
    if (::fstat(*fd, &st) != 0) {
        status = Error{path, std::string("cannot read its size: ") + std::strerror(errno)};
    } else if (std::uint64_t(st.st_size) > maxBytes) {
        status = Error{path, std::string("too large for a ") + what + " (" + std::to_string(st.st_size)
                + " bytes; the limit is " + std::to_string(maxBytes >> 20) + " MB)"};
    } else {
        buffer.resize(std::size_t(st.st_size));
        status = readAll(*fd, reinterpret_cast<char*>(buffer.data()), std::uint64_t(st.st_size), path);
    }
    ::close(*fd);
    if (!status)
        return status.error();
    return buffer;
}

} // namespace

Result<int> openRegularFile(const std::string& path, const char* what)
{
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int err = errno;
        if (err == ENXIO)  // a socket, or a FIFO the kernel refuses
            return Error{path, std::string("is not a regular file, cannot be read as a ") + what};
        return Error{path, std::string("cannot open the ") + what + ": " + std::strerror(err)};
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return Error{path, std::string("cannot open the ") + what + ": " + std::strerror(err)};
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return Error{path, std::string("is ") + kindOf(st.st_mode) + ", not a " + what};
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        const int err = errno;
        ::close(fd);
        return Error{path, std::string("cannot open the ") + what + ": " + std::strerror(err)};
    }
    return fd;
}

Result<std::string> readWholeFile(const std::string& path, std::uint64_t maxBytes, const char* what)
{
    return readInto<std::string>(path, maxBytes, what);
}

Result<std::vector<std::uint8_t>> readFileBytes(const std::string& path, std::uint64_t maxBytes, const char* what)
{
    return readInto<std::vector<std::uint8_t>>(path, maxBytes, what);
}

} // namespace gs
