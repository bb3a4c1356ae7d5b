#pragma once
// Loading kits on a normal thread (never the audio thread). Three kinds:
//  - a folder with kit.json (Groovescape's map, see assets/kits/acoustic/kit.json):
//      {"name": "...", "instruments": [{"name": "Kick", "notes": [36, 35], "gain": 1, "pan": 0,
//        "tune": 0, "chokeGroup": 0, "mute": false,
//        "layers": [{"velocity": [0, 79], "gain": 1, "samples": ["samples/kick_soft.flac", ...]}]}]}
//  - a Hydrogen drumkit (a folder with drumkit.xml, or the drumkit.xml path)
//  - a SoundFont 2 file (.sf2): one drum preset (bank 128) read into our own sampler
//  - an SFZ file (.sfz): regions by key and velocity, round robin, choke groups
//  - a plain folder of one-shots, assigned to GM notes by their file names
// A sample that cannot be read skips what needs it with a warning in the kit's
// report (Kit::report()) where the format allows it. Every sample path stays inside the kit folder. A kit that cannot load gives
// an error naming the file and the problem; nothing else changes.
#include "core/error.h"
#include "kit.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gs {

enum class KitFormat { Json, Hydrogen, Folder, Sf2, Sfz };

const char* kitFormatName(KitFormat format);

struct KitLoadOptions {
    int preset = -1;  // SF2: the drum preset number (bank 128, e.g. 0 Standard, 8 Room, 40 Brush); -1 = the first
};

// Loads the kit at `path` (folder, kit JSON file, drumkit.xml, .sf2 or .sfz) resampled to `sampleRate`.
Result<std::shared_ptr<const Kit>> loadKit(const std::string& path, double sampleRate);
Result<std::shared_ptr<const Kit>> loadKit(const std::string& path, double sampleRate, const KitLoadOptions& options);

// Which loader a path takes, or an error if it is no kit at all.
Result<KitFormat> detectKitFormat(const std::string& path);

// The loaders behind loadKit (the folder holds the samples).
Result<std::shared_ptr<const Kit>> loadJsonKit(const std::string& jsonPath, double sampleRate);
Result<std::shared_ptr<const Kit>> loadHydrogenKit(const std::string& xmlPath, double sampleRate);
Result<std::shared_ptr<const Kit>> loadFolderKit(const std::string& folder, double sampleRate);
Result<std::shared_ptr<const Kit>> loadSf2Kit(const std::string& sf2Path, double sampleRate, int preset = -1);
Result<std::shared_ptr<const Kit>> loadSfzKit(const std::string& sfzPath, double sampleRate);
// The drum presets of an .sf2 (number, name), sorted: what --preset chooses from.
Result<std::vector<std::pair<int, std::string>>> listSf2DrumPresets(const std::string& sf2Path);

} // namespace gs
