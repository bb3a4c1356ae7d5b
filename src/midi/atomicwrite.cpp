#include "atomicwrite.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace gs {

namespace {

std::string temporaryName(const std::string& path)
{
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

} // namespace

Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return Error{path, "cannot write: it is a folder"};
    const std::string temp = temporaryName(path);
    errno = 0;
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f)
        return Error{path, std::string("cannot write: ") + std::strerror(errno)};
    bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = ok && std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const int writeErrno = errno;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
        std::remove(temp.c_str());
        return Error{path, std::string("cannot write: ") + std::strerror(writeErrno ? writeErrno : errno)};
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const int renameErrno = errno;
        std::remove(temp.c_str());
        return Error{path, std::string("cannot replace: ") + std::strerror(renameErrno)};
    }
    return success();
}

} // namespace gs
