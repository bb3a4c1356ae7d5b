#pragma once
// While alive, std::cout and std::cerr print control characters escaped ("\x1b"), newlines
// excepted: `inspect` prints names and reasons taken from the files it reads, and a crafted
// track name or path must not drive the terminal. JSON output is already escaped by nlohmann.
#include <cstdio>
#include <iostream>
#include <streambuf>

namespace gs::cli {

class EscapingBuffer : public std::streambuf {
public:
    explicit EscapingBuffer(std::streambuf* target) : m_target(target) {}

protected:
    int_type overflow(int_type ch) override
    {
        if (traits_type::eq_int_type(ch, traits_type::eof()))
            return traits_type::not_eof(ch);
        const unsigned char c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\n') || c == 0x7f) {
            char text[8];
            std::snprintf(text, sizeof text, "\\x%02x", unsigned(c));
            return m_target->sputn(text, 4) == 4 ? ch : traits_type::eof();
        }
        return traits_type::eq_int_type(m_target->sputc(char(c)), traits_type::eof()) ? traits_type::eof() : ch;
    }
    int sync() override { return m_target->pubsync(); }

private:
    std::streambuf* m_target;
};

class EscapedOutput {
public:
    EscapedOutput() : m_out(std::cout.rdbuf()), m_err(std::cerr.rdbuf())
    {
        std::cout.rdbuf(&m_out);
        std::cerr.rdbuf(&m_err);
    }
    ~EscapedOutput()
    {
        std::cout.flush();
        std::cerr.flush();
        std::cout.rdbuf(m_oldOut);
        std::cerr.rdbuf(m_oldErr);
    }
    EscapedOutput(const EscapedOutput&) = delete;
    EscapedOutput& operator=(const EscapedOutput&) = delete;

private:
    std::streambuf* m_oldOut = std::cout.rdbuf();
    std::streambuf* m_oldErr = std::cerr.rdbuf();
    EscapingBuffer m_out;
    EscapingBuffer m_err;
};

} // namespace gs::cli
