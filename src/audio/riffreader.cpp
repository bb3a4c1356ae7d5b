#include "riffreader.h"

#include <filesystem>

namespace gs {

namespace {

std::uint32_t le32(const std::uint8_t* p) { return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24; }

std::string printable(const std::uint8_t* p)
{
    std::string s;
    for (int i = 0; i < 4; ++i)
        s += p[i] >= 32 && p[i] < 127 ? char(p[i]) : '?';
    return s;
}

} // namespace

Result<RiffFile> RiffFile::open(const std::string& path, const std::string& form)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{path, fs::exists(path, ec) ? "not a regular file" : "file not found"};
    RiffFile f;
    f.m_path = path;
    f.m_fileSize = fs::file_size(path, ec);
    f.m_in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (ec || !*f.m_in)
        return Error{path, "cannot open file"};
    auto header = f.read(0, 12, "RIFF header");
    if (!header)
        return Error{path, "truncated: no RIFF header"};
    const std::uint8_t* h = header->data();
    if (printable(h) != "RIFF" || printable(h + 8) != form)
        return Error{path, "not a RIFF '" + form + "' file"};
    const std::uint64_t size = le32(h + 4);
    if (size < 4 || size + 8 > f.m_fileSize)
        return Error{path, "truncated: RIFF size " + std::to_string(size) + " runs past the end of the file (" +
                               std::to_string(f.m_fileSize) + " bytes)"};
    f.m_root = RiffChunk{"RIFF", form, 12, size - 4};
    return f;
}

Result<std::vector<RiffChunk>> RiffFile::children(const RiffChunk& parent)
{
    std::vector<RiffChunk> out;
    const std::uint64_t end = parent.offset + parent.size;
    const std::string where = parent.listType.empty() ? parent.id : parent.listType;
    std::uint64_t pos = parent.offset;
    while (pos + 8 <= end) {
        auto header = read(pos, 8, "chunk header in '" + where + "'");
        if (!header)
            return header.error();
        RiffChunk c;
        c.id = printable(header->data());
        c.size = le32(header->data() + 4);
        c.offset = pos + 8;
        if (c.offset + c.size > end)
            return Error{m_path, "chunk '" + c.id + "' in '" + where + "' has size " + std::to_string(c.size) +
                                     ", past the end of its parent (truncated or wrong chunk size)"};
        if (c.id == "LIST") {
            if (c.size < 4)
                return Error{m_path, "LIST chunk in '" + where + "' is too small"};
            auto type = read(c.offset, 4, "LIST type");
            if (!type)
                return type.error();
            c.listType = printable(type->data());
            c.offset += 4;
            c.size -= 4;
        }
        out.push_back(c);
        pos = c.offset + c.size + (c.size & 1);  // chunks are padded to even sizes (a LIST's type keeps the parity)
        if (out.size() > 100000)
            return Error{m_path, "more than 100000 chunks in '" + where + "'"};
    }
    return out;
}

Result<std::vector<std::uint8_t>> RiffFile::read(std::uint64_t offset, std::uint64_t size, const std::string& what)
{
    if (offset > m_fileSize || size > m_fileSize - offset)
        return Error{m_path, "truncated: " + what + " runs past the end of the file"};
    std::vector<std::uint8_t> data(static_cast<std::size_t>(size));
    m_in->clear();
    m_in->seekg(std::streamoff(offset));
    m_in->read(reinterpret_cast<char*>(data.data()), std::streamsize(size));
    if (std::uint64_t(m_in->gcount()) != size)
        return Error{m_path, "cannot read " + what};
    return data;
}

const RiffChunk* findChunk(const std::vector<RiffChunk>& chunks, const std::string& idOrListType)
{
    for (const RiffChunk& c : chunks)
        if (c.id == idOrListType || (c.id == "LIST" && c.listType == idOrListType))
            return &c;
    return nullptr;
}

} // namespace gs
