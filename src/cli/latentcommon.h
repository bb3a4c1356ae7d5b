#pragma once
// Shared by the latent-space commands (generate, encode, interpolate, eval):
// loading a model into a LatentSpace, parsing "x,y,..." vectors, reporting errors.
#include "jsonout.h"

#include "latent/latentspace.h"
#include "model/model.h"

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace gs::cli {

// Prints the error (JSON on stdout with --json, text on stderr) and returns code.
inline int fail(const char* command, bool json, int code, const std::string& message)
{
    if (json)
        std::cout << jsonText({{"error", message}}) << "\n";
    std::cerr << command << ": " << message << "\n";
    return code;
}

// "0.5,-1,2" -> values; nothing when a part is not a finite number.
inline std::optional<LatentVector> parseLatent(const std::string& text)
{
    LatentVector z;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            std::size_t used = 0;
            const float v = std::stof(part, &used);
            while (used < part.size() && std::isspace(static_cast<unsigned char>(part[used])))
                ++used;
            if (used != part.size() || !std::isfinite(v))
                return std::nullopt;
            z.push_back(v);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (z.empty())
        return std::nullopt;
    return z;
}

inline nlohmann::json latentJson(const LatentVector& z)
{
    nlohmann::json j = nlohmann::json::array();
    for (float v : z)
        j.push_back(v);
    return j;
}

} // namespace gs::cli
