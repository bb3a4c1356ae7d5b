#include "atomicfile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace gs {

namespace {

constexpr std::string_view kTempTag = ".gs-tmp-";
constexpr std::size_t kSuffixLength = 6;

// The temps this process is writing now: a sweep never removes them.
std::mutex g_liveMutex;
std::set<std::string> g_live;

void setLive(const std::string& temp, bool live)
{
    std::lock_guard lock(g_liveMutex);
    if (live)
        g_live.insert(temp);
    else
        g_live.erase(temp);
}

bool isLive(const std::string& temp)
{
    std::lock_guard lock(g_liveMutex);
    return g_live.count(temp) > 0;
}

std::string randomSuffix()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 engine{std::random_device{}() ^ (std::uint64_t(::getpid()) << 32)};
    std::string s;
    for (std::size_t i = 0; i < kSuffixLength; ++i)
        s += alphabet[engine() % (sizeof alphabet - 1)];
    return s;
}

std::string describeErrno(const char* doing, int err)
{
    return std::string(doing) + ": " + std::strerror(err);
}

// Durability of the rename itself; some file systems refuse fsync on a folder (EINVAL), which is harmless.
void syncFolder(const std::string& folder)
{
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return;
    ::fsync(dir);
    ::close(dir);
}

std::string folderOf(const std::string& path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

} // namespace

bool isAtomicTempName(const std::string& fileName)
{
    const std::size_t at = fileName.rfind(kTempTag);
    return fileName.size() > 1 && fileName[0] == '.' && at != std::string::npos && at > 1
        && fileName.size() == at + kTempTag.size() + kSuffixLength;
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::string& target)
{
    namespace fs = std::filesystem;
    if (target.empty())
        return Error{target, "no file name given"};
    const fs::path path(target);
    const std::string name = path.filename().string();
    if (name.empty() || name == "." || name == "..")
        return Error{target, "cannot write: not a file name"};
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return Error{target, "cannot write: it is a folder"};
    const std::string folder = folderOf(target);
    if (!fs::is_directory(folder, ec))
        return Error{target, "cannot write: the folder " + folder + " does not exist"};

    std::unique_ptr<AtomicFile> file(new AtomicFile);
    file->m_target = target;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string temp = (fs::path(folder) / ("." + name + std::string(kTempTag) + randomSuffix())).string();
        // O_EXCL | O_NOFOLLOW: never opens what is already there, a planted symlink included.
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            file->m_fd = fd;
            file->m_temp = temp;
            setLive(temp, true);
            return file;
        }
        const int err = errno;
        if (err != EEXIST)
            return Error{target, describeErrno("cannot write a temporary file in its folder", err)};
    }
    return Error{target, "cannot write: no free temporary file name in its folder"};
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        setLive(m_temp, false);
        m_temp.clear();
    }
}

Status AtomicFile::write(const void* data, std::size_t size)
{
    if (m_fd < 0)
        return Error{m_target, "cannot write: the file is already closed"};
    const char* bytes = static_cast<const char*>(data);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, bytes + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            discard();
            return Error{m_target, describeErrno("cannot write", err)};
        }
        done += std::size_t(n);
    }
    return success();
}

Status AtomicFile::commit()
{
    if (m_fd < 0)
        return Error{m_target, "cannot write: the file is already closed"};
    if (::fsync(m_fd) != 0) {
        const int err = errno;
        discard();
        return Error{m_target, describeErrno("cannot flush to disk", err)};
    }
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        discard();
        return Error{m_target, describeErrno("cannot finish writing", err)};
    }
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        discard();
        return Error{m_target, describeErrno("cannot replace the file", err)};
    }
    setLive(m_temp, false);
    m_temp.clear();
    syncFolder(folderOf(m_target));
    return success();
}

Status writeFileAtomically(const std::string& path, const void* data, std::size_t size)
{
    auto file = AtomicFile::create(path);
    if (!file)
        return file.error();
    if (Status written = (*file)->write(data, size); !written)
        return written;
    return (*file)->commit();
}

Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    return writeFileAtomically(path, bytes.data(), bytes.size());
}

Status writeFileAtomically(const std::string& path, std::string_view text)
{
    return writeFileAtomically(path, text.data(), text.size());
}

int sweepStaleTempFiles(const std::string& folder, std::chrono::seconds minAge)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(folder.empty() ? "." : folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // symlink_status: a planted link is removed as a link, never followed.
        const fs::file_status st = it->symlink_status(ec);
        if (ec || !isAtomicTempName(name) || (!fs::is_regular_file(st) && !fs::is_symlink(st)))
            continue;
        struct stat info {};
        if (::lstat(it->path().c_str(), &info) != 0)
            continue;
        const auto age = std::chrono::system_clock::now()
            - std::chrono::system_clock::from_time_t(info.st_mtime);
        if (age < minAge || isLive(it->path().string()))
            continue;
        if (::unlink(it->path().c_str()) == 0)
            ++removed;
    }
    return removed;
}

} // namespace gs
