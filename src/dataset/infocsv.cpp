#include "infocsv.h"

#include "core/filereader.h"
#include "dataset.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

namespace gs {

namespace {

// One CSV record; handles quoted fields with doubled quotes. `pos` moves past the record.
std::vector<std::string> parseRecord(const std::string& text, std::size_t& pos)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    while (pos < text.size()) {
        const char c = text[pos++];
        if (quoted) {
            if (c == '"' && pos < text.size() && text[pos] == '"') {
                fields.back() += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

} // namespace

std::string primaryStyle(const std::string& style)
{
    return lower(trim(style.substr(0, style.find('/'))));
}

Result<InfoCsv> InfoCsv::read(const std::string& path)
{
    auto text = readWholeFile(path, kMaxTableFileBytes, "metadata table (info.csv)");
    if (!text)
        return text.error();
    return parse(*text, path);
}

Result<InfoCsv> InfoCsv::parse(const std::string& text, const std::string& path)
{
    std::size_t pos = 0;
    std::vector<std::string> header = parseRecord(text, pos);
    for (std::string& h : header)
        h = lower(trim(h));
    auto column = [&](const char* name) -> int {
        const auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : int(it - header.begin());
    };
    const int fileCol = column("midi_filename");
    if (fileCol < 0)
        return Error{path, "no midi_filename column in the header"};
    const int styleCol = column("style"), bpmCol = column("bpm"), beatCol = column("beat_type"),
              meterCol = column("time_signature"), splitCol = column("split");

    InfoCsv csv;
    csv.m_path = path;
    while (pos < text.size()) {
        const std::vector<std::string> row = parseRecord(text, pos);
        auto field = [&](int col) { return col >= 0 && col < int(row.size()) ? trim(row[std::size_t(col)]) : std::string(); };
        const std::string file = field(fileCol);
        if (file.empty())
            continue;  // blank line or a row without a file
        FileMetadata meta;
        meta.fullStyle = field(styleCol);
        meta.style = primaryStyle(meta.fullStyle);
        const std::string bpm = field(bpmCol);
        double value = 0.0;
        if (!bpm.empty() && std::from_chars(bpm.data(), bpm.data() + bpm.size(), value).ec == std::errc() && plausibleBpm(value))
            meta.bpm = value;
        const std::string beat = lower(field(beatCol));
        if (beat == "fill" || beat == "beat")
            meta.fill = beat == "fill";
        meta.timeSignature = field(meterCol);
        meta.split = lower(field(splitCol));
        csv.m_rows[file] = std::move(meta);
    }
    return csv;
}

const FileMetadata* InfoCsv::find(const std::string& relativePath) const
{
    const auto it = m_rows.find(relativePath);
    return it == m_rows.end() ? nullptr : &it->second;
}

} // namespace gs
