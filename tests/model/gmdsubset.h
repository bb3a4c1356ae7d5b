#pragma once
// A small real subset of the Groove MIDI Dataset for model and trainer tests:
// the first 4/4 "beat" files of info.csv's train and validation splits, cut
// into 2-bar windows (GrooVAE map) through src/midi, windows with >= 6 hits.
#include "core/drummap.h"
#include "core/groove.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"
#include "testdata.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gs::test {

struct GmdSubset {
    std::vector<Groove> train;
    std::vector<Groove> validation;
    std::string error;  // why it could not be built
};

inline GmdSubset gmdSubset(int maxTrain, int maxValidation, int stepsPerBeat = 4)
{
    GmdSubset out;
    const std::filesystem::path root = sharedPath("gmd");
    std::ifstream csv(root / "info.csv");
    if (root.empty() || !csv) {
        out.error = "gmd/info.csv missing under " + sharedData().string();
        return out;
    }
    std::string line;
    std::getline(csv, line);  // header
    const DrumMap map = DrumMap::groovae();
    WindowOptions options;
    options.stepsPerBeat = stepsPerBeat;
    while (std::getline(csv, line)) {
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, ',');)
            cols.push_back(c);
        if (cols.size() < 11 || cols[5] != "beat" || cols[6] != "4-4")
            continue;
        const bool validation = cols[10].rfind("validation", 0) == 0;
        std::vector<Groove>& dest = validation ? out.validation : out.train;
        const int cap = validation ? maxValidation : maxTrain;
        if (int(dest.size()) >= cap)
            continue;
        auto file = readMidiFile((root / cols[7]).string());
        if (!file) {
            out.error = file.error().describe();
            return out;
        }
        for (const GrooveWindow& w : extractWindows(file.value(), map, options).windows)
            if (w.groove.hitCount() >= 6 && int(dest.size()) < cap)
                dest.push_back(w.groove);
        if (int(out.train.size()) >= maxTrain && int(out.validation.size()) >= maxValidation)
            break;
    }
    return out;
}

} // namespace gs::test
