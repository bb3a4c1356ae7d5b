#pragma once
// The two halves of `inspect` this folder owns; each returns the exit code.
#include <string>

namespace gs {

// drumChannel: 1..16, the channel read as drums (the other channels' notes are counted).
int inspectMidiFile(const std::string& path, const std::string& mapName, int bars, int minHits, int drumChannel, bool json);
int inspectDatasetFile(const std::string& path, bool json);

} // namespace gs
