#pragma once
// JSON text for stdout. Paths and reasons can hold bytes that are not UTF-8
// (file names, quotes from broken files): they are replaced, never thrown on.
#include <nlohmann/json.hpp>

#include <string>

namespace gs {

inline std::string jsonText(const nlohmann::json& j)
{
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace gs
