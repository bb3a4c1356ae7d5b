#include "xmlreader.h"

#include <cctype>

namespace gs {

namespace {

constexpr int kMaxDepth = 64;

std::string trim(const std::string& s)
{
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return s.substr(b, e - b);
}

class Parser {
public:
    Parser(const std::string& text, const std::string& source) : m_s(text), m_source(source) {}

    Result<XmlNode> document()
    {
        skipMisc();
        if (m_hasDtd)
            return fail("document type declarations with entities (<!DOCTYPE ... [ ]>) are not supported");
        if (!at("<"))
            return fail("no root element");
        XmlNode root;
        if (!element(root, 0))
            return m_error;
        skipMisc();
        if (m_pos < m_s.size())
            return fail("content after the root element");
        return root;
    }

private:
    bool at(const char* token) const { return m_s.compare(m_pos, std::char_traits<char>::length(token), token) == 0; }

    Error fail(const std::string& what)
    {
        int line = 1;
        for (std::size_t i = 0; i < m_pos && i < m_s.size(); ++i)
            line += m_s[i] == '\n';
        m_error = Error{m_source, "XML error at line " + std::to_string(line) + ": " + what};
        return m_error;
    }

    bool skipPast(const char* token)
    {
        const std::size_t end = m_s.find(token, m_pos);
        if (end == std::string::npos)
            return false;
        m_pos = end + std::char_traits<char>::length(token);
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos])))
            ++m_pos;
    }

    // Prolog, comments, doctype and whitespace between elements.
    void skipMisc()
    {
        for (;;) {
            skipSpace();
            if (at("<?")) {
                if (!skipPast("?>"))
                    m_pos = m_s.size();
            } else if (at("<!--")) {
                if (!skipPast("-->"))
                    m_pos = m_s.size();
            } else if (at("<!DOCTYPE")) {
                // An internal subset may declare entities (billion laughs): refused, never expanded.
                const std::size_t close = m_s.find('>', m_pos);
                const std::size_t subset = m_s.find('[', m_pos);
                if (subset < close) {
                    m_hasDtd = true;
                    return;
                }
                if (!skipPast(">"))
                    m_pos = m_s.size();
            } else {
                return;
            }
        }
    }

    std::string name()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':')
                ++m_pos;
            else
                break;
        }
        return m_s.substr(start, m_pos - start);
    }

    bool decode(const std::string& raw, std::string& out)
    {
        out.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '&') {
                out += raw[i];
                continue;
            }
            const std::size_t semi = raw.find(';', i);
            if (semi == std::string::npos || semi - i > 10)
                return false;
            const std::string entity = raw.substr(i + 1, semi - i - 1);
            if (entity == "amp") out += '&';
            else if (entity == "lt") out += '<';
            else if (entity == "gt") out += '>';
            else if (entity == "quot") out += '"';
            else if (entity == "apos") out += '\'';
            else if (entity.size() > 1 && entity[0] == '#') {
                unsigned long code = 0;
                try {
                    code = entity[1] == 'x' ? std::stoul(entity.substr(2), nullptr, 16) : std::stoul(entity.substr(1));
                } catch (...) {
                    return false;
                }
                appendUtf8(out, code);
            } else {
                return false;
            }
            i = semi;
        }
        return true;
    }

    static void appendUtf8(std::string& out, unsigned long c)
    {
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x110000) {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }

    bool element(XmlNode& node, int depth)
    {
        if (depth > kMaxDepth)
            return fail("elements nested too deeply"), false;
        ++m_pos;  // '<'
        node.name = name();
        if (node.name.empty())
            return fail("element without a name"), false;
        for (;;) {
            skipSpace();
            if (at("/>")) {
                m_pos += 2;
                return true;
            }
            if (at(">")) {
                ++m_pos;
                break;
            }
            std::string attr = name();
            if (attr.empty())
                return fail("bad attribute in <" + node.name + ">"), false;
            skipSpace();
            if (!at("="))
                return fail("attribute " + attr + " without a value"), false;
            ++m_pos;
            skipSpace();
            if (m_pos >= m_s.size() || (m_s[m_pos] != '"' && m_s[m_pos] != '\''))
                return fail("attribute " + attr + " value not quoted"), false;
            const char quote = m_s[m_pos++];
            const std::size_t end = m_s.find(quote, m_pos);
            if (end == std::string::npos)
                return fail("unterminated attribute " + attr), false;
            std::string value;
            if (!decode(m_s.substr(m_pos, end - m_pos), value))
                return fail("bad entity in attribute " + attr), false;
            node.attributes.emplace_back(std::move(attr), std::move(value));
            m_pos = end + 1;
        }
        // Content.
        for (;;) {
            if (m_pos >= m_s.size())
                return fail("<" + node.name + "> is not closed"), false;
            if (at("</")) {
                m_pos += 2;
                const std::string closing = name();
                skipSpace();
                if (closing != node.name || !at(">"))
                    return fail("</" + closing + "> does not close <" + node.name + ">"), false;
                ++m_pos;
                return true;
            }
            if (at("<!--")) {
                if (!skipPast("-->"))
                    return fail("unterminated comment"), false;
            } else if (at("<![CDATA[")) {
                const std::size_t start = m_pos + 9;
                if (!skipPast("]]>"))
                    return fail("unterminated CDATA"), false;
                node.text += m_s.substr(start, m_pos - 3 - start);
            } else if (at("<?")) {
                if (!skipPast("?>"))
                    return fail("unterminated processing instruction"), false;
            } else if (at("<")) {
                node.children.emplace_back();
                if (!element(node.children.back(), depth + 1))
                    return false;
            } else {
                const std::size_t end = m_s.find('<', m_pos);
                const std::size_t stop = end == std::string::npos ? m_s.size() : end;
                std::string decoded;
                if (!decode(m_s.substr(m_pos, stop - m_pos), decoded))
                    return fail("bad entity in <" + node.name + ">"), false;
                node.text += decoded;
                m_pos = stop;
            }
        }
    }

    const std::string& m_s;
    std::string m_source;
    std::size_t m_pos = 0;
    bool m_hasDtd = false;
    Error m_error;
};

} // namespace

const XmlNode* XmlNode::child(const std::string& childName) const
{
    for (const auto& c : children)
        if (c.name == childName)
            return &c;
    return nullptr;
}

std::vector<const XmlNode*> XmlNode::childrenNamed(const std::string& childName) const
{
    std::vector<const XmlNode*> out;
    for (const auto& c : children)
        if (c.name == childName)
            out.push_back(&c);
    return out;
}

std::string XmlNode::childText(const std::string& childName, const std::string& fallback) const
{
    const XmlNode* c = child(childName);
    return c ? trim(c->text) : fallback;
}

Result<XmlNode> parseXml(const std::string& text, const std::string& sourceName)
{
    Parser parser(text, sourceName);
    return parser.document();
}

} // namespace gs
