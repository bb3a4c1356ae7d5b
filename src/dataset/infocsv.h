#pragma once
// Per-file metadata from an info.csv sitting beside or above the MIDI files,
// as the Groove MIDI Dataset ships it (columns style, bpm, beat_type,
// time_signature, midi_filename, split). Rows are matched by midi_filename,
// relative to the folder of the csv.
#include "core/error.h"

#include <map>
#include <optional>
#include <string>

namespace gs {

struct FileMetadata {
    std::string style;  // primary style: GMD's "jazz/funk" -> "jazz"
    std::string fullStyle;  // as written in the csv
    std::optional<double> bpm;
    std::optional<bool> fill;  // beat_type: "fill" -> true, "beat" -> false
    std::string timeSignature;  // "4-4" as written
    std::string split;  // "train", "validation", "test" or ""
};

class InfoCsv {
public:
    // Reads `path`; an unreadable csv or one without a midi_filename column is an error naming it.
    static Result<InfoCsv> read(const std::string& path);
    static Result<InfoCsv> parse(const std::string& text, const std::string& path);

    const std::string& path() const { return m_path; }
    std::size_t rowCount() const { return m_rows.size(); }
    // `relativePath` uses '/' separators, relative to the csv's folder.
    const FileMetadata* find(const std::string& relativePath) const;

private:
    std::string m_path;
    std::map<std::string, FileMetadata> m_rows;
};

// The primary style of a possibly compound one ("neworleans/secondline" -> "neworleans").
std::string primaryStyle(const std::string& style);

} // namespace gs
