#include "kitloader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace gs {

namespace fs = std::filesystem;

namespace {

std::string lowerExtension(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

} // namespace

const char* kitFormatName(KitFormat format)
{
    switch (format) {
    case KitFormat::Json: return "kit.json";
    case KitFormat::Hydrogen: return "hydrogen";
    case KitFormat::Folder: return "folder";
    case KitFormat::Sf2: return "sf2";
    case KitFormat::Sfz: return "sfz";
    }
    return "unknown";
}

Result<KitFormat> detectKitFormat(const std::string& path)
{
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_regular_file(p, ec)) {
        if (p.filename() == "drumkit.xml" || p.extension() == ".xml")
            return KitFormat::Hydrogen;
        if (p.extension() == ".json")
            return KitFormat::Json;
        if (lowerExtension(p) == ".sf2")
            return KitFormat::Sf2;
        if (lowerExtension(p) == ".sfz")
            return KitFormat::Sfz;
        return Error{path, "not a kit: expected a folder, a kit .json, a Hydrogen drumkit.xml, an .sf2 or an .sfz"};
    }
    if (fs::exists(p, ec) && !fs::is_directory(p, ec))
        return Error{path, "not a kit: not a regular file or folder (a device or FIFO?)"};
    if (!fs::is_directory(p, ec))
        return Error{path, "kit not found"};
    if (fs::is_regular_file(p / "kit.json", ec))
        return KitFormat::Json;
    if (fs::is_regular_file(p / "drumkit.xml", ec))
        return KitFormat::Hydrogen;
    return KitFormat::Folder;
}

Result<std::shared_ptr<const Kit>> loadKit(const std::string& path, double sampleRate)
{
    return loadKit(path, sampleRate, KitLoadOptions{});
}

Result<std::shared_ptr<const Kit>> loadKit(const std::string& path, double sampleRate, const KitLoadOptions& options)
{
    if (!(sampleRate >= 8000.0 && sampleRate <= 384000.0))
        return Error{path, "unsupported sample rate " + std::to_string(sampleRate)};
    auto format = detectKitFormat(path);
    if (!format)
        return format.error();
    const fs::path p(path);
    const bool isFile = fs::is_regular_file(p);
    switch (*format) {
    case KitFormat::Json:
        return loadJsonKit(isFile ? path : (p / "kit.json").string(), sampleRate);
    case KitFormat::Hydrogen:
        return loadHydrogenKit(isFile ? path : (p / "drumkit.xml").string(), sampleRate);
    case KitFormat::Folder:
        return loadFolderKit(path, sampleRate);
    case KitFormat::Sf2:
        return loadSf2Kit(path, sampleRate, options.preset);
    case KitFormat::Sfz:
        return loadSfzKit(path, sampleRate);
    }
    return Error{path, "unknown kit format"};
}

} // namespace gs
