#pragma once
// "Add to dataset": the files of a second import appended to a dataset (same import settings),
// with their windows re-pointed at the new file indices. A file already in the dataset (same
// content) is skipped. Plain data in, plain data out: runs on the browser's import thread.
#include "dataset/dataset.h"

namespace gs {

struct MergeResult {
    Dataset dataset;
    int filesAdded = 0;
    int filesSkipped = 0;  // already in the base dataset
};

MergeResult mergeDatasets(const Dataset& base, const Dataset& added);

} // namespace gs
