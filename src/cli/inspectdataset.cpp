#include "inspectors.h"

#include "commands.h"
#include "jsonout.h"
#include "datasetreport.h"
#include "dataset/datasetfile.h"

#include <chrono>
#include <iostream>

namespace gs {

int inspectDatasetFile(const std::string& path, bool json)
{
    const auto start = std::chrono::steady_clock::now();
    auto loaded = DatasetFile::load(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!loaded) {
        if (json)
            std::cout << jsonText({{"file", path}, {"error", loaded.error().describe()}}) << "\n";
        std::cerr << "inspect: " << loaded.error().describe() << "\n";
        return kExitBadInput;
    }
    if (json) {
        nlohmann::json report = datasetJson(*loaded);
        report["file"] = path;
        report["kind"] = "dataset";
        report["format_version"] = DatasetFile::kVersion;
        report["seconds_to_load"] = seconds;
        std::cout << jsonText(report) << "\n";
    } else {
        std::cout << path << ": Groovescape dataset (format " << DatasetFile::kVersion << "), loaded in " << seconds
                  << " s\n";
        printDatasetSummary(*loaded, std::cout);
    }
    return kExitOk;
}

} // namespace gs
