#pragma once
// Finding the kits a musician already owns: walks folders (the usual places and
// the ones the musician adds) for Hydrogen kits (a folder with drumkit.xml),
// Groovescape kits (a folder with kit.json), SoundFonts (one entry per drum
// preset of an .sf2) and SFZ files. Folders can be huge or slow: the walk is
// bounded (depth, entries), cancellable, reads only regular files, and follows
// a symlinked folder only once (no loops). Any thread but the GUI thread.
#include "audio/kitloader.h"

#include <atomic>
#include <string>
#include <vector>

namespace gs {

struct FoundKit {
    KitFormat format = KitFormat::Json;
    std::string path;  // the kit's folder (Hydrogen, kit.json) or file (.sf2, .sfz)
    int preset = -1;  // SF2: the drum preset (bank 128); -1 otherwise
    std::string name;  // what the browser lists
};

struct KitScanLimits {
    int maxDepth = 6;  // folders below a root
    int maxEntries = 200000;  // directory entries looked at, over all roots
};

struct KitScanResult {
    std::vector<FoundKit> kits;  // grouped by format (kit.json, Hydrogen, SF2, SFZ), then by name
    std::vector<std::string> problems;  // files that look like kits but could not be read, limits reached
};

KitScanResult scanKitFolders(const std::vector<std::string>& roots, const std::atomic<bool>& cancel,
                             const KitScanLimits& limits = {});

} // namespace gs
