#pragma once
// The project file (*.gsproj) on disk: a versioned JSON document
//   {"format": "groovescape-project", "version": 1, "app": "...", "parts": {KEY: VALUE, ...}}
// read and validated, written atomically (QSaveFile: temp file + rename, so a
// failed write leaves the old file as it was). Paths inside parts are stored
// by encodePath(): relative to the project's folder when inside it, as
// "data:assets/..." / "data:models/..." for Groovescape's bundled data (found
// again through the data search path wherever it is installed), else absolute.
// Plain functions, any thread: Project calls them on a worker.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace gs {

class ProjectFile {
public:
    static constexpr const char* formatName = "groovescape-project";
    static constexpr int currentVersion = 1;
    static constexpr const char* suffix = "gsproj";

    struct ReadResult {
        QJsonObject parts;  // the "parts" object
        QString error;  // "" when the file was read; otherwise names the file and the problem
        // Every string in the parts that looks like a stored path, resolved, and whether it exists
        // (checked on the reading thread so the GUI thread never waits on the disk).
        QHash<QString, bool> pathExists;
        // Set by Project: an autosave of this project newer than the file (offered on open).
        QString newerAutosave;
        bool ok() const { return error.isEmpty(); }
    };

    // Reads and validates `path` (format, version, parts). Never throws; refuses what is not a
    // regular file before opening it. Stored paths resolve against `projectDir` (default: the
    // file's folder; an autosave kept elsewhere resolves against its project's folder).
    static ReadResult read(const QString& path, const QString& projectDir = QString());
    // The whole document for `parts`.
    static QJsonObject document(const QJsonObject& parts);
    // Writes `document` to `path` atomically; "" on success, else an error naming the file.
    static QString write(const QString& path, const QJsonObject& document);

    // Path codec (see above). `projectDir` is the folder of the project file ("" = none yet).
    static QString encodePath(const QString& absolutePath, const QString& projectDir);
    static QString resolvePath(const QString& stored, const QString& projectDir);
    // True for strings encodePath could have produced (used to pre-check existence).
    static bool looksLikePath(const QString& stored);

    // A latent vector (bookmarks, paths, the cursor) as a JSON array of numbers, and back.
    // Anything else (not an array, a non-number, a value past +-latentLimit such as 1e308)
    // reads as an empty vector, with the reason in `problem` when given.
    static constexpr double latentLimit = 1000.0;  // latents live near the unit ball; 1000 is far outside
    static QJsonArray latentToJson(const std::vector<float>& z);
    static std::vector<float> latentFromJson(const QJsonValue& value, QString* problem = nullptr);

private:
    static ReadResult readChecked(const QString& path, const QString& projectDir);
    static QString writeChecked(const QString& path, const QJsonObject& document);
};

} // namespace gs
