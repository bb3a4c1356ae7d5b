#pragma once
// A bounds-checked cursor over bytes in memory. Every read says whether it
// succeeded, so the MIDI parser can never step past the end of its chunk.
#include <cstddef>
#include <cstdint>

namespace gs {

class ChunkReader {
public:
    enum class Vlq { Ok, Truncated, TooLong };

    // `base` is where data[0] sits in the whole file, for error messages.
    ChunkReader(const std::uint8_t* data, std::size_t size, std::size_t base = 0)
        : m_data(data), m_size(size), m_base(base)
    {
    }

    std::size_t offset() const { return m_base + m_pos; }  // absolute, in the file
    std::size_t remaining() const { return m_size - m_pos; }
    bool atEnd() const { return m_pos >= m_size; }
    const std::uint8_t* current() const { return m_data + m_pos; }

    bool readU8(std::uint8_t& out);
    bool peekU8(std::uint8_t& out) const;
    bool readU16(std::uint32_t& out);  // big-endian
    bool readU32(std::uint32_t& out);  // big-endian
    bool readU32le(std::uint32_t& out);  // little-endian (RIFF)
    bool skip(std::size_t n);
    // A MIDI variable-length quantity: at most 4 bytes, 28 bits.
    Vlq readVlq(std::uint32_t& out);
    // A sub-reader over the next n bytes (which this reader skips); false if fewer remain.
    bool sub(std::size_t n, ChunkReader& out);

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_base;
    std::size_t m_pos = 0;
};

} // namespace gs
