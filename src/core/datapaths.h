#pragma once
// Where Groovescape's bundled data (assets/kits, assets/demo, models) is found,
// in this order: $GROOVESCAPE_DATA, beside an installed binary
// (<prefix>/bin/../share/groovescape), the source tree a build came from,
// and the install data directory the build was configured for.
#include <filesystem>
#include <string>
#include <vector>

namespace gs {

// The folders searched, in order (existing or not), for a program at `executablePath`
// (argv[0] or /proc/self/exe; empty = /proc/self/exe).
std::vector<std::filesystem::path> dataSearchPath(const std::filesystem::path& executablePath = {});

// The first existing `relative` path (e.g. "assets/kits/acoustic") along the search path; empty if none.
std::filesystem::path findData(const std::string& relative, const std::filesystem::path& executablePath = {});

} // namespace gs
