#include "filescanner.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace gs {

bool hasMidiExtension(const std::string& path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".mid" || ext == ".midi" || ext == ".rmi";
}

Result<std::vector<std::string>> collectMidiFiles(const std::vector<std::string>& paths)
{
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status))
            return Error{path, "no such file or folder"};
        if (fs::is_regular_file(status)) {
            files.push_back(path);
            continue;
        }
        if (!fs::is_directory(status))
            return Error{path, "not a file or folder"};
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
        if (ec)
            return Error{path, "cannot read folder: " + ec.message()};
        for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
            if (ec)
                return Error{path, "cannot read folder: " + ec.message()};
            std::error_code typeEc;
            if (it->is_regular_file(typeEc) && hasMidiExtension(it->path().string()))
                files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

} // namespace gs
