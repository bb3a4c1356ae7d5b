#pragma once
// The windows a model trains and validates on: those of the dataset whose
// grid matches the model's (others are counted and skipped). Torch-free.
#include "core/groove.h"
#include "model/modelrecords.h"

#include <string>
#include <vector>

namespace gs {

class Dataset;

struct TrainingSet {
    std::vector<Groove> train;
    std::vector<Groove> validation;
    // The style label of each window ("" unknown), parallel to train and validation (may be left
    // empty by code that builds a set by hand: no style then).
    std::vector<std::string> trainStyles;
    std::vector<std::string> validationStyles;
    DatasetSummary summary;  // saved in the model file

    // Windows of `grid` with `voices` voices, split by the dataset's split.
    static TrainingSet fromDataset(const Dataset& dataset, const Grid& grid, const std::string& name);
    // The style labels of the training windows on `grid`, sorted (a style-conditioned model's list).
    static std::vector<std::string> styleLabels(const Dataset& dataset, const Grid& grid);
};

} // namespace gs
