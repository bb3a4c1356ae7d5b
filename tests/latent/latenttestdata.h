#pragma once
// Real GMD windows for the latent tests: two-bar 16th-note windows of a few
// 4/4 beats, with at least 6 hits (the dataset's default filter). Callers
// check the count, so missing shared data fails the test.
#include "core/drummap.h"
#include "midi/groovemidi.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gs::test {

inline std::vector<Groove> gmdWindows(const std::vector<std::string>& files)
{
    std::vector<Groove> out;
    for (const auto& relative : files) {
        const auto path = sharedPath(relative);
        if (path.empty()) {
            qWarning("shared data missing: %s", relative.c_str());
            continue;  // the caller's count check fails
        }
        auto windows = readGrooveMidi(path.string(), DrumMap::groovae(), 2, 4);
        if (!windows) {
            qWarning("%s", windows.error().describe().c_str());
            continue;
        }
        for (auto& g : *windows)
            if (g.steps() == 32 && g.hitCount() >= 6)
                out.push_back(std::move(g));
    }
    return out;
}

// Held-out beats: the first window of each two-bar 4/4 beat of the validation part (info.csv's split column),
// in the file's order, up to `wanted`.
inline std::vector<Groove> gmdValidationBeats(int wanted)
{
    std::vector<Groove> beats;
    std::ifstream csv(sharedData() / "gmd/info.csv");
    std::string line;
    while (std::getline(csv, line) && int(beats.size()) < wanted) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();  // the file has Windows line ends
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        if (cells.size() < 11 || cells[10] != "validation" || cells[5] != "beat" || cells[6] != "4-4")
            continue;
        auto windows = gmdWindows({"gmd/" + cells[7]});
        if (!windows.empty())
            beats.push_back(windows.front());
    }
    return beats;
}

inline const std::vector<std::string>& someGmdBeats()
{
    static const std::vector<std::string> files{
        "gmd/drummer1/session1/5_jazz-funk_116_beat_4-4.mid",
        "gmd/drummer1/session1/51_rock-shuffle_125_beat_4-4.mid",
        "gmd/drummer1/session1/101_dance-disco_120_beat_4-4.mid",
        "gmd/drummer7/session2/87_hiphop_75_beat_4-4.mid",
        "gmd/drummer7/session2/15_rock_118_beat_4-4.mid",
        "gmd/drummer1/session1/146_latin-brazilian-baiao_95_beat_4-4.mid",
    };
    return files;
}

} // namespace gs::test
