#include "browser/datasetmerge.h"

#include <set>
#include <vector>

namespace gs {

MergeResult mergeDatasets(const Dataset& base, const Dataset& added)
{
    MergeResult out{base, 0, 0};
    std::set<std::uint64_t> known;
    std::set<std::string> knownPaths;
    for (const FileRecord& f : base.files()) {
        known.insert(f.contentHash);
        knownPaths.insert(f.path);
    }
    // Added file index -> merged index (-1: skipped).
    std::vector<int> remap(added.files().size(), -1);
    for (std::size_t i = 0; i < added.files().size(); ++i) {
        const FileRecord& f = added.files()[i];
        if (known.count(f.contentHash) || knownPaths.count(f.path)) {
            ++out.filesSkipped;
            continue;
        }
        known.insert(f.contentHash);
        knownPaths.insert(f.path);
        remap[i] = int(out.dataset.files().size());
        out.dataset.files().push_back(f);
        ++out.filesAdded;
    }
    for (const DatasetWindow& w : added.windows()) {
        if (w.file < 0 || std::size_t(w.file) >= remap.size() || remap[std::size_t(w.file)] < 0)
            continue;
        DatasetWindow copy = w;
        copy.file = remap[std::size_t(w.file)];
        out.dataset.windows().push_back(std::move(copy));
    }
    out.dataset.setDuplicatesDropped(base.duplicatesDropped() + added.duplicatesDropped());
    out.dataset.setLowHitWindowsDropped(base.lowHitWindowsDropped() + added.lowHitWindowsDropped());
    return out;
}

} // namespace gs
