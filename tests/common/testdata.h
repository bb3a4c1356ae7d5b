#pragma once
// Where tests find ../shared/data (real MIDI files, kits, bad MIDI). The
// environment variable GS_SHARED_DATA wins; otherwise the path CMake saw.
// A missing folder fails the test loudly: real data is not optional.
#include <QtTest/QtTest>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace gs::test {

inline std::filesystem::path sharedData()
{
    const char* env = std::getenv("GS_SHARED_DATA");
    return std::filesystem::path(env && *env ? env : GS_SHARED_DATA_DEFAULT);
}

// The path of something inside the shared data; empty if it is missing.
inline std::filesystem::path sharedPath(const std::string& relative)
{
    const std::filesystem::path p = sharedData() / relative;
    return std::filesystem::exists(p) ? p : std::filesystem::path();
}

inline std::filesystem::path sourceDir() { return std::filesystem::path(GS_SOURCE_DIR); }

} // namespace gs::test

// Use in a test function: fails (not skips) when the shared data is not there.
#define GS_REQUIRE_SHARED(var, relative)                                                              \
    const std::filesystem::path var = gs::test::sharedPath((relative));                                 \
    QVERIFY2(!var.empty(),                                                                            \
        qPrintable(QStringLiteral("shared data missing: %1 (set GS_SHARED_DATA or put ../shared/data " \
                                  "beside the project)")                                              \
                       .arg(QString::fromStdString((gs::test::sharedData() / relative).string()))))
