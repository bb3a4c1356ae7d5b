#include "torchhandover.h"

#include "commands.h"
#include "modelcommands.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace gs::cli {

namespace {

constexpr const char* kTorchCliName = "groovescape-cli-torch";

bool isOwnCommand(std::string_view word)
{
    return word == "import" || word == "inspect" || word == "render";
}

// The arguments exactly as this process received them (NUL-terminated, in order).
std::vector<std::string> ownArguments()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::string> args;
    std::size_t from = 0;
    for (std::size_t at = bytes.find('\0'); at != std::string::npos; at = bytes.find('\0', from)) {
        args.push_back(bytes.substr(from, at - from));
        from = at + 1;
    }
    return args;
}

} // namespace

bool needsTorchCli(int argc, char** argv)
{
    if (argc < 2 || isOwnCommand(argv[1]))
        return false;
    for (int i = 1; i < argc; ++i)
        if (isModelCommand(argv[i]))
            return true;
    return false;
}

std::string torchCliPath()
{
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    const std::filesystem::path folder = self.parent_path();
    for (const std::filesystem::path& candidate :
        {folder / GS_CLI_LIBEXEC_FROM_BINDIR / kTorchCliName, folder / kTorchCliName})
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
    return {};
}

int execTorchCli()
{
    const std::string path = torchCliPath();
    if (path.empty()) {
        std::cerr << "groovescape-cli: internal error: " << kTorchCliName
                  << " (the model commands) is not installed beside this program\n";
        return kExitNothingDone;
    }
    std::vector<std::string> args = ownArguments();
    if (args.empty())
        args.push_back("groovescape-cli");
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    std::cerr.flush();
    ::execv(path.c_str(), argv.data());
    std::cerr << "groovescape-cli: internal error: cannot start " << path << ": " << std::strerror(errno) << "\n";
    return kExitNothingDone;
}

} // namespace gs::cli
