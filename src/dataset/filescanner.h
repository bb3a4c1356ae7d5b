#pragma once
// Turns the paths a user gives (files and folders) into the sorted list of
// MIDI files to import: folders are walked recursively, and .mid, .midi and
// .rmi are taken whatever their case.
#include "core/error.h"

#include <string>
#include <vector>

namespace gs {

bool hasMidiExtension(const std::string& path);

// Sorted, without duplicates. A path that does not exist is an error naming it;
// a file given explicitly is taken whatever its extension (the reader judges it).
Result<std::vector<std::string>> collectMidiFiles(const std::vector<std::string>& paths);

} // namespace gs
