#pragma once
// A bounds-checked RIFF reader (SoundFont 2 is RIFF 'sfbk'): lists the
// chunks inside a range and reads them, refusing any chunk whose size runs
// past its parent or the file. Reads on demand: a 150 MB SoundFont is never
// loaded whole. Normal threads only.
#include "core/error.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct RiffChunk {
    std::string id;  // "LIST", "smpl", ...
    std::string listType;  // for LIST chunks: "INFO", "sdta", "pdta"
    std::uint64_t offset = 0;  // of the data (after the 8-byte header; after the list type for LISTs)
    std::uint64_t size = 0;  // of the data
};

class RiffFile {
public:
    // Opens a regular file whose form type is `form` (e.g. "sfbk").
    static Result<RiffFile> open(const std::string& path, const std::string& form);

    const std::string& path() const { return m_path; }
    const RiffChunk& root() const { return m_root; }
    // The chunks directly inside `parent`.
    Result<std::vector<RiffChunk>> children(const RiffChunk& parent);
    // Reads `size` bytes at `offset` (inside the file); `what` names the chunk in errors.
    Result<std::vector<std::uint8_t>> read(std::uint64_t offset, std::uint64_t size, const std::string& what);

private:
    std::string m_path;
    std::uint64_t m_fileSize = 0;
    RiffChunk m_root;
    std::unique_ptr<std::ifstream> m_in;
};

// The first child of `chunks` with this id (or LIST of this type); nullptr if none.
const RiffChunk* findChunk(const std::vector<RiffChunk>& chunks, const std::string& idOrListType);

} // namespace gs
