#pragma once
// How the CLI shows a dataset: one JSON object (import --json, inspect --json)
// or a readable summary. Shared by the import and inspect commands.
#include "dataset/dataset.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace gs {

nlohmann::json datasetJson(const Dataset& dataset);
void printDatasetSummary(const Dataset& dataset, std::ostream& out);

} // namespace gs
