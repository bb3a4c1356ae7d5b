// First version: no model format exists yet. The model engineer replaces this file.
#include "commands.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace gs {

int inspectModelFile(const std::string& path, bool json)
{
    const std::string message = path + ": not a MIDI file, dataset or model";
    if (json)
        std::cout << nlohmann::json{{"file", path}, {"error", message}}.dump(2) << "\n";
    std::cerr << message << "\n";
    return kExitBadInput;
}

} // namespace gs
