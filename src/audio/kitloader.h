#pragma once
// Loading kits on a normal thread (never the audio thread). Three kinds:
//  - a folder with kit.json (Groovescape's map, see assets/kits/acoustic/kit.json):
//      {"name": "...", "instruments": [{"name": "Kick", "notes": [36, 35], "gain": 1, "pan": 0,
//        "tune": 0, "chokeGroup": 0, "mute": false,
//        "layers": [{"velocity": [0, 79], "gain": 1, "samples": ["samples/kick_soft.flac", ...]}]}]}
//  - a Hydrogen drumkit (a folder with drumkit.xml, or the drumkit.xml path)
//  - a plain folder of one-shots, assigned to GM notes by their file names
// Every sample path stays inside the kit folder. A kit that cannot load gives
// an error naming the file and the problem; nothing else changes.
#include "core/error.h"
#include "kit.h"

#include <memory>
#include <string>

namespace gs {

enum class KitFormat { Json, Hydrogen, Folder };

// Loads the kit at `path` (folder, kit JSON file or drumkit.xml) resampled to `sampleRate`.
Result<std::shared_ptr<const Kit>> loadKit(const std::string& path, double sampleRate);

// Which loader a path takes, or an error if it is no kit at all.
Result<KitFormat> detectKitFormat(const std::string& path);

// The loaders behind loadKit (the folder holds the samples).
Result<std::shared_ptr<const Kit>> loadJsonKit(const std::string& jsonPath, double sampleRate);
Result<std::shared_ptr<const Kit>> loadHydrogenKit(const std::string& xmlPath, double sampleRate);
Result<std::shared_ptr<const Kit>> loadFolderKit(const std::string& folder, double sampleRate);

} // namespace gs
