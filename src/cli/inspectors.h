#pragma once
// The two halves of `inspect` this folder owns; each returns the exit code.
#include <string>

namespace gs {

int inspectMidiFile(const std::string& path, const std::string& mapName, int bars, int minHits, bool json);
int inspectDatasetFile(const std::string& path, bool json);

} // namespace gs
