#include "chunkreader.h"

namespace gs {

bool ChunkReader::readU8(std::uint8_t& out)
{
    if (m_pos >= m_size)
        return false;
    out = m_data[m_pos++];
    return true;
}

bool ChunkReader::peekU8(std::uint8_t& out) const
{
    if (m_pos >= m_size)
        return false;
    out = m_data[m_pos];
    return true;
}

bool ChunkReader::readU16(std::uint32_t& out)
{
    if (remaining() < 2)
        return false;
    out = (std::uint32_t(m_data[m_pos]) << 8) | m_data[m_pos + 1];
    m_pos += 2;
    return true;
}

bool ChunkReader::readU32(std::uint32_t& out)
{
    if (remaining() < 4)
        return false;
    const std::uint8_t* p = m_data + m_pos;
    out = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
    m_pos += 4;
    return true;
}

bool ChunkReader::readU32le(std::uint32_t& out)
{
    if (remaining() < 4)
        return false;
    const std::uint8_t* p = m_data + m_pos;
    out = (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | p[0];
    m_pos += 4;
    return true;
}

bool ChunkReader::skip(std::size_t n)
{
    if (remaining() < n)
        return false;
    m_pos += n;
    return true;
}

ChunkReader::Vlq ChunkReader::readVlq(std::uint32_t& out)
{
    out = 0;
    for (int i = 0; i < 4; ++i) {
        std::uint8_t b = 0;
        if (!readU8(b))
            return Vlq::Truncated;
        out = (out << 7) | (b & 0x7Fu);
        if (!(b & 0x80u))
            return Vlq::Ok;
    }
    return Vlq::TooLong;
}

bool ChunkReader::sub(std::size_t n, ChunkReader& out)
{
    if (remaining() < n)
        return false;
    out = ChunkReader(m_data + m_pos, n, m_base + m_pos);
    m_pos += n;
    return true;
}

} // namespace gs
