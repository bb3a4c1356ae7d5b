#include "filescanner.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace gs {

namespace {

// Why a folder entry that is not a regular file or a folder is left out; empty when it is
// something a walk passes over quietly (a folder, a regular file, a link to either).
std::string specialReason(const fs::directory_entry& entry)
{
    std::error_code ec;
    const fs::file_status own = entry.symlink_status(ec);
    if (ec)
        return "cannot be read: " + ec.message();
    const bool link = fs::is_symlink(own);
    const fs::file_status target = link ? fs::status(entry.path(), ec) : own;
    if (link && ec)
        return "a symbolic link that leads nowhere (" + ec.message() + ")";
    const std::string via = link ? " (through a symbolic link)" : "";
    switch (target.type()) {
    case fs::file_type::regular:
    case fs::file_type::directory:
        return {};
    case fs::file_type::fifo: return "a FIFO (named pipe), not a regular file" + via;
    case fs::file_type::socket: return "a socket, not a regular file" + via;
    case fs::file_type::block:
    case fs::file_type::character: return "a device, not a regular file" + via;
    case fs::file_type::not_found: return "a symbolic link that leads nowhere";
    default: return "not a regular file" + via;
    }
}

} // namespace

bool hasMidiExtension(const std::string& path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".mid" || ext == ".midi" || ext == ".rmi";
}

Result<MidiFileList> collectMidiFiles(const std::vector<std::string>& paths)
{
    MidiFileList list;
    for (const std::string& path : paths) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status))
            return Error{path, "no such file or folder"};
        if (fs::is_regular_file(status)) {
            list.files.push_back(path);
            continue;
        }
        if (!fs::is_directory(status))
            return Error{path, "not a file or folder"};
        // Linked folders are not followed (the default), so a link loop cannot make the walk endless.
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
        if (ec)
            return Error{path, "cannot read folder: " + ec.message()};
        for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
            if (ec)
                return Error{path, "cannot read folder: " + ec.message()};
            std::error_code typeEc;
            if (it->is_regular_file(typeEc)) {
                if (hasMidiExtension(it->path().string()))
                    list.files.push_back(it->path().string());
            } else if (std::string why = specialReason(*it); !why.empty()) {
                list.skipped.push_back({it->path().string(), std::move(why)});
            }
        }
    }
    std::sort(list.files.begin(), list.files.end());
    list.files.erase(std::unique(list.files.begin(), list.files.end()), list.files.end());
    const auto byPath = [](const SkippedEntry& a, const SkippedEntry& b) { return a.path < b.path; };
    const auto samePath = [](const SkippedEntry& a, const SkippedEntry& b) { return a.path == b.path; };
    std::sort(list.skipped.begin(), list.skipped.end(), byPath);
    list.skipped.erase(std::unique(list.skipped.begin(), list.skipped.end(), samePath), list.skipped.end());
    return list;
}

} // namespace gs
