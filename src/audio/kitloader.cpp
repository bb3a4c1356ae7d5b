#include "kitloader.h"

#include <filesystem>

namespace gs {

namespace fs = std::filesystem;

Result<KitFormat> detectKitFormat(const std::string& path)
{
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_regular_file(p, ec)) {
        if (p.filename() == "drumkit.xml" || p.extension() == ".xml")
            return KitFormat::Hydrogen;
        if (p.extension() == ".json")
            return KitFormat::Json;
        return Error{path, "not a kit: expected a folder, a kit .json or a Hydrogen drumkit.xml"};
    }
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
    }
    return Error{path, "unknown kit format"};
}

} // namespace gs
