#pragma once
// A small real dataset for the map and training tests: a few Groove MIDI
// Dataset files (2-bar windows, GrooVAE map), imported with the real importer.
#include "dataset/importer.h"
#include "testdata.h"

#include <memory>

namespace gs::test {

inline std::shared_ptr<const Dataset> tinyGmdDataset()
{
    const std::filesystem::path session = sharedPath("gmd/drummer1/session1");
    if (session.empty())
        return nullptr;
    std::vector<std::string> paths;
    for (const char* name : {"1_funk_80_beat_4-4.mid", "2_funk_80_beat_4-4.mid", "5_jazz-funk_116_beat_4-4.mid",
                             "100_neworleans-secondline_94_beat_4-4.mid", "101_dance-disco_120_beat_4-4.mid",
                             "102_funk_95_beat_4-4.mid"}) {
        const std::filesystem::path p = session / name;
        if (std::filesystem::exists(p))
            paths.push_back(p.string());
    }
    if (paths.size() < 4)
        return nullptr;
    Importer importer;
    importer.setThreadCount(1);
    Result<Dataset> dataset = importer.run(paths);
    if (!dataset.ok())
        return nullptr;
    return std::make_shared<const Dataset>(std::move(dataset.value()));
}

} // namespace gs::test
