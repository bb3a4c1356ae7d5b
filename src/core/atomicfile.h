#pragma once
// Writes a file whole or not at all. The bytes go to a temp file created
// exclusively beside the target (O_EXCL | O_NOFOLLOW, random name
// ".NAME.gs-tmp-XXXXXX", mode 0666 less the umask), so a planted symlink cannot
// redirect the write; then the temp is fsynced, renamed over the target and
// the folder fsynced. On any failure the temp is removed and the target is
// untouched. A write killed mid-way leaves a temp that sweepStaleTempFiles()
// removes at a later start. Any thread; one AtomicFile per thread.
#include "error.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

class AtomicFile {
public:
    // Creates the temp file for `target` (which must be in an existing folder and not be a folder).
    static Result<std::unique_ptr<AtomicFile>> create(const std::string& target);
    ~AtomicFile();  // unfinished: closes and removes the temp
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // For writers that need the descriptor itself (libsndfile's sf_open_fd); it stays ours.
    int fd() const { return m_fd; }
    const std::string& tempPath() const { return m_temp; }
    const std::string& target() const { return m_target; }

    Status write(const void* data, std::size_t size);
    // fsync, close, rename over the target, fsync the folder. On failure the temp is removed.
    Status commit();
    // Closes and removes the temp (also done by the destructor).
    void discard();

private:
    AtomicFile() = default;
    std::string m_target;
    std::string m_temp;
    int m_fd = -1;
};

Status writeFileAtomically(const std::string& path, const void* data, std::size_t size);
Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes);
Status writeFileAtomically(const std::string& path, std::string_view text);

// True for names AtomicFile gives its temps (".NAME.gs-tmp-XXXXXX").
bool isAtomicTempName(const std::string& fileName);

// Removes temps of writes that were killed (named as isAtomicTempName) in `folder`, when older
// than minAge and not being written by this process. Returns how many were removed.
int sweepStaleTempFiles(const std::string& folder, std::chrono::seconds minAge = std::chrono::minutes(10));

} // namespace gs
