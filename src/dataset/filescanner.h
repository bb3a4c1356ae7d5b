#pragma once
// Turns the paths a user gives (files and folders) into the sorted list of
// MIDI files to import: folders are walked recursively, and .mid, .midi and
// .rmi are taken whatever their case. What a folder holds that is no file at
// all (a FIFO, a device, a socket, a link that leads nowhere) is never opened
// (a FIFO would block the import forever) but listed with the reason, so the
// import report can name it.
#include "core/error.h"

#include <string>
#include <vector>

namespace gs {

bool hasMidiExtension(const std::string& path);

struct SkippedEntry {
    std::string path;
    std::string reason;  // "a FIFO (named pipe), not a regular file"
};

struct MidiFileList {
    std::vector<std::string> files;  // sorted, without duplicates
    std::vector<SkippedEntry> skipped;  // special files and dead links met inside folders, sorted by path
};

// A path that does not exist is an error naming it; a file given explicitly is taken whatever
// its extension (the reader judges it); a special file given explicitly is an error.
Result<MidiFileList> collectMidiFiles(const std::vector<std::string>& paths);

} // namespace gs
