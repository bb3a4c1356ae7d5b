#include "datapaths.h"

#include <cstdlib>
#include <system_error>

#ifndef GS_INSTALL_DATADIR
#define GS_INSTALL_DATADIR "/usr/share/groovescape"
#endif
#ifndef GS_SOURCE_DATADIR
#define GS_SOURCE_DATADIR ""
#endif

namespace gs {

std::vector<std::filesystem::path> dataSearchPath(const std::filesystem::path& executablePath)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("GROOVESCAPE_DATA"); env && *env)
        dirs.emplace_back(env);
    std::error_code ec;
    fs::path exe = executablePath.empty() ? fs::read_symlink("/proc/self/exe", ec) : executablePath;
    if (!exe.empty()) {
        exe = fs::absolute(exe, ec);
        dirs.push_back(exe.parent_path().parent_path() / "share" / "groovescape");
    }
    if (std::string(GS_SOURCE_DATADIR).size() > 0)
        dirs.emplace_back(GS_SOURCE_DATADIR);
    dirs.emplace_back(GS_INSTALL_DATADIR);
    return dirs;
}

std::filesystem::path findData(const std::string& relative, const std::filesystem::path& executablePath)
{
    std::error_code ec;
    for (const auto& dir : dataSearchPath(executablePath)) {
        const auto candidate = dir / relative;
        if (std::filesystem::exists(candidate, ec))
            return candidate;
    }
    return {};
}

} // namespace gs
