#include "trainingset.h"

#include "dataset/dataset.h"

namespace gs {

TrainingSet TrainingSet::fromDataset(const Dataset& dataset, const Grid& grid, const std::string& name)
{
    TrainingSet set;
    set.summary.name = name;
    const int steps = grid.steps();
    for (const DatasetWindow& w : dataset.windows()) {
        if (w.groove.steps() != steps || !(w.groove.grid() == grid)) {
            ++set.summary.skippedWindows;
            continue;
        }
        if (w.split == Split::Validation) {
            set.validation.push_back(w.groove);
        } else {
            set.train.push_back(w.groove);
            ++set.summary.styles[w.style.empty() ? "unknown" : w.style];
        }
    }
    set.summary.trainWindows = int(set.train.size());
    set.summary.validationWindows = int(set.validation.size());
    set.summary.sourceHashes = dataset.sourceHashes(grid);  // only files that gave a window on the model's grid
    return set;
}

} // namespace gs
