#include "trainingset.h"

#include "dataset/dataset.h"

#include <set>

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
            set.validationStyles.push_back(w.style);
        } else {
            set.train.push_back(w.groove);
            set.trainStyles.push_back(w.style);
            ++set.summary.styles[w.style.empty() ? "unknown" : w.style];
        }
    }
    set.summary.trainWindows = int(set.train.size());
    set.summary.validationWindows = int(set.validation.size());
    set.summary.sourceHashes = dataset.sourceHashes(grid);  // only files that gave a window on the model's grid
    return set;
}

std::vector<std::string> TrainingSet::styleLabels(const Dataset& dataset, const Grid& grid)
{
    std::set<std::string> styles;
    for (const DatasetWindow& w : dataset.windows())
        if (!w.style.empty() && w.split == Split::Train && w.groove.grid() == grid)
            styles.insert(w.style);
    return {styles.begin(), styles.end()};
}

} // namespace gs
