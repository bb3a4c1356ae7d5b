#pragma once
// A small XML reader for Hydrogen's drumkit.xml: elements, attributes, text,
// comments, CDATA, the five predefined entities and numeric references. No
// DTDs, no namespaces. Enough for kit files; not a general XML library.
#include "core/error.h"

#include <string>
#include <vector>

namespace gs {

struct XmlNode {
    std::string name;
    std::string text;  // concatenated character data directly inside this element
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<XmlNode> children;

    const XmlNode* child(const std::string& childName) const;
    std::vector<const XmlNode*> childrenNamed(const std::string& childName) const;
    // The trimmed text of a child element, or `fallback` when absent.
    std::string childText(const std::string& childName, const std::string& fallback = {}) const;
};

// Parses `text`; `sourceName` names the file in errors (with a line number).
Result<XmlNode> parseXml(const std::string& text, const std::string& sourceName);

} // namespace gs
