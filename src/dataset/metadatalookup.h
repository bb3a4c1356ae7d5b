#pragma once
// Finds a MIDI file's metadata: the row for it in an info.csv beside or above
// it (the first ancestor csv that lists the file wins), else the style from the
// name of its parent folder. Not thread-safe: the importer looks everything up
// before its workers start.
#include "infocsv.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct ResolvedMetadata {
    std::string style;
    std::optional<bool> fill;
    std::optional<double> bpm;
    std::string split;  // from the csv: "train", "validation", "test" or ""
    std::string csvPath;  // the csv the row came from, "" if none
};

class MetadataLookup {
public:
    ResolvedMetadata resolve(const std::string& midiPath);
    // csv files that could not be read, with reasons (they are skipped, not fatal).
    const std::vector<Error>& csvErrors() const { return m_csvErrors; }

private:
    const InfoCsv* csvIn(const std::string& folder);

    std::map<std::string, std::unique_ptr<InfoCsv>> m_cache;  // folder -> its info.csv (null: none)
    std::vector<Error> m_csvErrors;
};

} // namespace gs
