#pragma once
// SFZ text to regions: comments, #define and $variables, #include (bounded
// depth, files inside the kit folder), and the <control> <global> <master>
// <group> <region> headers, each region carrying every opcode it inherits.
// Values may hold spaces ("sample=Kick 01.wav"): a value runs to the next
// opcode, header or line end. Normal threads only.
#include "core/error.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

struct SfzRegion {
    std::map<std::string, std::string> opcodes;  // global < master < group < region
    std::string defaultPath;  // <control> default_path in force
};

struct SfzFile {
    std::vector<SfzRegion> regions;
    std::vector<std::string> warnings;
};

// `path` is the .sfz; includes resolve against `kitFolder` and may not leave it.
Result<SfzFile> parseSfzFile(const std::string& path, const std::string& kitFolder);

// "36", "c2", "C#2", "db-1": a MIDI note (SFZ: c4 = 60), or -1.
int sfzNote(const std::string& value);

} // namespace gs
