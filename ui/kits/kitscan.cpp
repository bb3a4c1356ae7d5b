#include "kitscan.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <utility>

#include <sys/stat.h>

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

int formatOrder(KitFormat f)
{
    switch (f) {
    case KitFormat::Json: return 0;
    case KitFormat::Hydrogen: return 1;
    case KitFormat::Sf2: return 2;
    case KitFormat::Sfz: return 3;
    case KitFormat::Folder: return 4;
    }
    return 5;
}

class Walker {
public:
    Walker(const std::atomic<bool>& cancel, const KitScanLimits& limits) : m_cancel(cancel), m_limits(limits) {}

    void walk(const fs::path& dir, int depth)
    {
        if (m_cancel.load(std::memory_order_relaxed) || depth > m_limits.maxDepth || !firstVisit(dir))
            return;
        std::error_code ec;
        if (fs::is_regular_file(dir / "kit.json", ec)) {
            add(KitFormat::Json, dir.string(), -1, dir.filename().string());
            return;
        }
        if (fs::is_regular_file(dir / "drumkit.xml", ec)) {
            add(KitFormat::Hydrogen, dir.string(), -1, dir.filename().string());
            return;
        }
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        if (ec)
            return;
        std::vector<fs::path> subdirs;
        for (const fs::directory_iterator end; it != end; it.increment(ec)) {
            if (ec || m_cancel.load(std::memory_order_relaxed))
                break;
            if (++m_entries > m_limits.maxEntries) {
                if (!m_overLimit)
                    result.problems.push_back(dir.string() + ": stopped looking after " +
                                              std::to_string(m_limits.maxEntries) + " entries");
                m_overLimit = true;
                return;
            }
            const fs::path& p = it->path();
            const std::string name = p.filename().string();
            if (name.empty() || name[0] == '.')
                continue;
            // status() follows links: a link to a folder is walked (once, see firstVisit), a
            // FIFO, device or socket is never opened.
            const fs::file_status st = fs::status(p, ec);
            if (ec)
                continue;
            if (fs::is_directory(st)) {
                subdirs.push_back(p);
            } else if (fs::is_regular_file(st)) {
                const std::string ext = lower(p.extension().string());
                if (ext == ".sf2")
                    addSf2(p);
                else if (ext == ".sfz")
                    add(KitFormat::Sfz, p.string(), -1, p.stem().string());
            }
        }
        std::sort(subdirs.begin(), subdirs.end());
        for (const fs::path& sub : subdirs)
            walk(sub, depth + 1);
    }

    KitScanResult result;

private:
    // The same folder reached twice (a symlink back up, two roots that overlap) is walked once.
    bool firstVisit(const fs::path& dir)
    {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            return false;
        return m_seen.insert({std::uint64_t(st.st_dev), std::uint64_t(st.st_ino)}).second;
    }

    void add(KitFormat format, std::string path, int preset, std::string name)
    {
        result.kits.push_back({format, std::move(path), preset, std::move(name)});
    }

    void addSf2(const fs::path& p)
    {
        auto presets = listSf2DrumPresets(p.string());
        if (!presets) {
            result.problems.push_back(presets.error().describe());
            return;
        }
        for (const auto& [number, name] : *presets)
            add(KitFormat::Sf2, p.string(), number, p.stem().string() + ": " + name);
    }

    const std::atomic<bool>& m_cancel;
    KitScanLimits m_limits;
    std::set<std::pair<std::uint64_t, std::uint64_t>> m_seen;
    int m_entries = 0;
    bool m_overLimit = false;
};

} // namespace

KitScanResult scanKitFolders(const std::vector<std::string>& roots, const std::atomic<bool>& cancel,
                             const KitScanLimits& limits)
{
    Walker walker(cancel, limits);
    for (const std::string& root : roots)
        walker.walk(fs::path(root), 0);
    auto& kits = walker.result.kits;
    std::stable_sort(kits.begin(), kits.end(), [](const FoundKit& a, const FoundKit& b) {
        if (formatOrder(a.format) != formatOrder(b.format))
            return formatOrder(a.format) < formatOrder(b.format);
        return lower(a.name) < lower(b.name);
    });
    return std::move(walker.result);
}

} // namespace gs
