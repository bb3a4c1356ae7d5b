#include "sfzparser.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gs {

namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxSfzBytes = 8u << 20;
constexpr int kMaxIncludeDepth = 8;
constexpr std::size_t kMaxTextBytes = 32u << 20;  // after includes and #define expansion
constexpr std::size_t kMaxRegions = 20000;
constexpr std::size_t kMaxDefineBytes = 64u << 10;

Result<std::string> readText(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{path.string(), fs::exists(path, ec) ? "not a regular file" : "SFZ file not found"};
    if (fs::file_size(path, ec) > kMaxSfzBytes)
        return Error{path.string(), "SFZ file is larger than 8 MB"};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path.string(), "cannot open SFZ file"};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string stripComments(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "//") == 0) {
            while (i < text.size() && text[i] != '\n')
                ++i;
            out += '\n';
        } else if (text.compare(i, 2, "/*") == 0) {
            const std::size_t end = text.find("*/", i + 2);
            i = end == std::string::npos ? text.size() : end + 1;
            out += ' ';
        } else {
            out += text[i] == '\r' ? '\n' : text[i];
        }
    }
    return out;
}

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Preprocessor {
public:
    Preprocessor(std::string folder) : m_folder(std::move(folder)) {}

    // Appends the file's lines, with includes in place and variables expanded.
    Status expand(const fs::path& path, int depth, std::string& out)
    {
        if (depth > kMaxIncludeDepth)
            return Error{path.string(), "#include nested more than 8 deep (an include loop?)"};
        auto text = readText(path);
        if (!text)
            return text.error();
        std::istringstream lines(stripComments(*text));
        std::string line;
        while (std::getline(lines, line)) {
            std::size_t p = line.find_first_not_of(" \t");
            if (p != std::string::npos && line.compare(p, 7, "#define") == 0) {
                std::istringstream words(line.substr(p + 7));
                std::string name, value;
                words >> name;
                std::getline(words, value);
                value = substitute(value);
                value.erase(0, value.find_first_not_of(" \t"));
                value.erase(value.find_last_not_of(" \t") + 1);
                // Definitions built from definitions double with each line: bounded like the text.
                if (value.size() > kMaxDefineBytes)
                    return Error{path.string(), "#define " + name + " expands past 64 KB"};
                if (name.size() > 1 && name[0] == '$')
                    m_defines[name.substr(1)] = value;
                continue;
            }
            line = substitute(line);
            p = line.find_first_not_of(" \t");
            if (line.size() > kMaxDefineBytes * 4)
                return Error{path.string(), "a line expands past 256 KB with its #defines"};
            if (p != std::string::npos && line.compare(p, 8, "#include") == 0) {
                const std::size_t open = line.find('"', p);
                const std::size_t close = open == std::string::npos ? open : line.find('"', open + 1);
                if (close == std::string::npos)
                    return Error{path.string(), "#include needs a quoted file name"};
                auto target = insideFolder(line.substr(open + 1, close - open - 1), path);
                if (!target)
                    return target.error();
                if (Status s = expand(*target, depth + 1, out); !s)
                    return s;
                continue;
            }
            out += line;
            out += '\n';
            if (out.size() > kMaxTextBytes)
                return Error{path.string(), "SFZ text grows past 32 MB with its includes and #defines"};
        }
        return success();
    }

private:
    std::string substitute(const std::string& line) const
    {
        if (line.find('$') == std::string::npos)
            return line;
        std::string out;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '$') {
                std::size_t end = i + 1;
                while (end < line.size() && isNameChar(line[end]))
                    ++end;
                // The longest defined name wins ($KICK before $KICKS is not a concern: names end at a non-name char).
                auto it = m_defines.find(line.substr(i + 1, end - i - 1));
                if (it != m_defines.end()) {
                    out += it->second;
                    i = end - 1;
                    continue;
                }
            }
            out += line[i];
        }
        return out;
    }

    Result<fs::path> insideFolder(const std::string& name, const fs::path& from) const
    {
        std::string relative = name;
        std::replace(relative.begin(), relative.end(), '\\', '/');
        std::error_code ec;
        const fs::path root = fs::weakly_canonical(m_folder, ec);
        const fs::path full = fs::weakly_canonical(from.parent_path() / relative, ec);
        const auto [rootEnd, fullIt] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
        if (ec || fs::path(relative).is_absolute() || rootEnd != root.end())
            return Error{from.string(), "#include \"" + name + "\" leaves the kit folder " + root.string()};
        return full;
    }

    std::string m_folder;
    std::map<std::string, std::string> m_defines;
};

struct Parse {
    std::map<std::string, std::string> global, master, group, region;
    std::string header;
    std::string defaultPath;
    bool inRegion = false;
    SfzFile file;

    void endRegion()
    {
        if (!inRegion)
            return;
        SfzRegion r;
        r.opcodes = global;
        for (const auto* level : {&master, &group, &region})
            for (const auto& [k, v] : *level)
                r.opcodes[k] = v;
        r.defaultPath = defaultPath;
        if (file.regions.size() < kMaxRegions)
            file.regions.push_back(std::move(r));
        region.clear();
        inRegion = false;
    }

    void startHeader(const std::string& name)
    {
        endRegion();
        header = name;
        if (name == "global") {
            global.clear();
            master.clear();
            group.clear();
        } else if (name == "master") {
            master.clear();
            group.clear();
        } else if (name == "group") {
            group.clear();
        } else if (name == "region") {
            inRegion = true;
        }
    }

    void opcode(const std::string& key, const std::string& value)
    {
        if (header == "control") {
            if (key == "default_path") {
                defaultPath = value;
                std::replace(defaultPath.begin(), defaultPath.end(), '\\', '/');
            }
            return;  // other control opcodes (note_offset, set_cc) do not change a drum kit's samples
        }
        auto& level = header == "global" ? global : header == "master" ? master : header == "group" ? group : region;
        level[key] = value;
    }
};

} // namespace

int sfzNote(const std::string& value)
{
    if (value.empty())
        return -1;
    if (std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-') {
        try {
            std::size_t used = 0;
            const int n = std::stoi(value, &used);
            return used == value.size() && n >= 0 && n <= 127 ? n : -1;
        } catch (...) {
            return -1;
        }
    }
    static const int kPitch[7] = {9, 11, 0, 2, 4, 5, 7};  // a b c d e f g
    const char letter = char(std::tolower(static_cast<unsigned char>(value[0])));
    if (letter < 'a' || letter > 'g')
        return -1;
    int pc = kPitch[letter - 'a'];
    std::size_t i = 1;
    if (i < value.size() && value[i] == '#')
        pc += 1, ++i;
    else if (i < value.size() && value[i] == 'b')
        pc -= 1, ++i;
    try {
        std::size_t used = 0;
        const int octave = std::stoi(value.substr(i), &used);
        const int n = (octave + 1) * 12 + pc;
        return i + used == value.size() && n >= 0 && n <= 127 ? n : -1;
    } catch (...) {
        return -1;
    }
}

Result<SfzFile> parseSfzFile(const std::string& path, const std::string& kitFolder)
{
    std::string text;
    Preprocessor pre(kitFolder);
    if (Status s = pre.expand(path, 0, text); !s)
        return s.error();
    Parse parse;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '<') {
            const std::size_t close = text.find('>', i);
            if (close == std::string::npos)
                return Error{path, "a header '<' is not closed"};
            parse.startHeader(text.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            std::size_t eq = i;
            while (eq < n && isNameChar(text[eq]))
                ++eq;
            if (eq == i || eq >= n || text[eq] != '=') {
                // Not an opcode: skip the word, keep reading (lenient like other players).
                while (i < n && !std::isspace(static_cast<unsigned char>(text[i])))
                    ++i;
                continue;
            }
            const std::string key = text.substr(i, eq - i);
            // The value ends at a line end, a header, or whitespace followed by the next "name=".
            std::size_t end = eq + 1;
            while (end < n && text[end] != '\n' && text[end] != '<') {
                if (std::isspace(static_cast<unsigned char>(text[end]))) {
                    std::size_t k = end;
                    while (k < n && (text[k] == ' ' || text[k] == '\t'))
                        ++k;
                    std::size_t w = k;
                    while (w < n && isNameChar(text[w]))
                        ++w;
                    if (w > k && w < n && text[w] == '=')
                        break;
                }
                ++end;
            }
            std::string value = text.substr(eq + 1, end - eq - 1);
            value.erase(value.find_last_not_of(" \t") + 1);
            parse.opcode(key, value);
            i = end;
        }
    }
    parse.endRegion();
    if (parse.file.regions.size() >= kMaxRegions)
        parse.file.warnings.push_back(path + ": more than 20000 regions; the rest are ignored");
    return std::move(parse.file);
}

} // namespace gs
