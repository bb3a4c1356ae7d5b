#pragma once
// Option checks shared by the commands. CLI11's Range lets "nan" through (every
// comparison with NaN is false) and "1e30" is a valid float, so numbers that
// reach a model, a sampler or a file are checked here: finite and in range.
// A failed check is a usage error naming the option (exit 2, nothing written).
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

namespace gs::cli {

inline std::string numberText(double v)
{
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

// A finite number from low to high (both included).
inline CLI::Validator finiteIn(double low, double high)
{
    const std::string range = numberText(low) + " to " + numberText(high);
    return CLI::Validator(
        [low, high, range](std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(v))
                return "'" + text + "' is not a finite number (expected " + range + ")";
            if (v < low || v > high)
                return "'" + text + "' is out of range (expected " + range + ")";
            return {};
        },
        "NUMBER in " + range);
}

} // namespace gs::cli
