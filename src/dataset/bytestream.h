#pragma once
// Little-endian binary encoding for the dataset file. The reader is bounds-
// checked: running past the end sets a flag instead of reading out of bounds.
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <string>
#include <vector>

namespace gs {

class ByteWriter {
public:
    template <typename T>
    void put(T value)
    {
        static_assert(std::is_arithmetic_v<T>);
        const auto at = m_bytes.size();
        m_bytes.resize(at + sizeof(T));
        std::memcpy(m_bytes.data() + at, &value, sizeof(T));  // the formats we build for are little-endian
    }
    void putString(const std::string& s)
    {
        put(std::uint32_t(s.size()));
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
    }
    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
};

class ByteReader {
public:
    ByteReader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}

    template <typename T>
    T get()
    {
        T value{};
        if (m_size - m_pos < sizeof(T)) {
            m_failed = true;
            m_pos = m_size;
            return value;
        }
        std::memcpy(&value, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }
    std::string getString()
    {
        const auto n = get<std::uint32_t>();
        if (m_failed || m_size - m_pos < n) {
            m_failed = true;
            m_pos = m_size;
            return {};
        }
        std::string s(reinterpret_cast<const char*>(m_data + m_pos), n);
        m_pos += n;
        return s;
    }
    bool failed() const { return m_failed; }
    std::size_t remaining() const { return m_size - m_pos; }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
    bool m_failed = false;
};

} // namespace gs
