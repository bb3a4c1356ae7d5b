#include "metadatalookup.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace gs {

const InfoCsv* MetadataLookup::csvIn(const std::string& folder)
{
    const auto cached = m_cache.find(folder);
    if (cached != m_cache.end())
        return cached->second.get();
    std::unique_ptr<InfoCsv> csv;
    const fs::path candidate = fs::path(folder) / "info.csv";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) {
        auto read = InfoCsv::read(candidate.string());
        if (read)
            csv = std::make_unique<InfoCsv>(std::move(read).value());
        else
            m_csvErrors.push_back(read.error());
    }
    const InfoCsv* result = csv.get();
    m_cache.emplace(folder, std::move(csv));
    return result;
}

ResolvedMetadata MetadataLookup::resolve(const std::string& midiPath)
{
    ResolvedMetadata out;
    std::error_code ec;
    fs::path file = fs::absolute(fs::path(midiPath), ec).lexically_normal();
    if (ec)
        file = fs::path(midiPath);
    for (fs::path folder = file.parent_path(); !folder.empty(); folder = folder.parent_path()) {
        if (const InfoCsv* csv = csvIn(folder.string())) {
            if (const FileMetadata* row = csv->find(file.lexically_relative(folder).generic_string())) {
                out.style = row->style;
                out.fill = row->fill;
                out.bpm = row->bpm;
                out.split = row->split;
                out.csvPath = csv->path();
                return out;
            }
        }
        if (folder == folder.root_path())
            break;
    }
    std::string parent = file.parent_path().filename().string();
    std::transform(parent.begin(), parent.end(), parent.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    out.style = parent;
    return out;
}

} // namespace gs
