#include "project/projectfile.h"

#include "core/datapaths.h"
#include "files/filecheck.h"
#include "files/workerguard.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

#include <cmath>

namespace gs {

namespace {

const QString kDataPrefix = QStringLiteral("data:");
// Bundled data lives in these top-level folders of a data root (assets/kits, assets/demo, models).
const QStringList kDataFolders = {QStringLiteral("assets"), QStringLiteral("models")};

// The data roots that hold a bundled folder, in search order (looked up once per process:
// the installation does not move while the app runs, and encodePath runs on every snapshot).
QStringList findDataRoots()
{
    QStringList roots;
    for (const auto& root : dataSearchPath()) {
        const QString dir = QDir::cleanPath(QString::fromStdString(root.string()));
        for (const QString& folder : kDataFolders)
            if (QFileInfo(QDir(dir).filePath(folder)).isDir()) {
                roots << dir;
                break;
            }
    }
    return roots;
}

const QStringList& dataRoots()
{
    static const QStringList roots = findDataRoots();
    return roots;
}

void collectPaths(const QJsonValue& value, const QString& projectDir, QHash<QString, bool>& out)
{
    if (value.isString()) {
        const QString stored = value.toString();
        if (ProjectFile::looksLikePath(stored)) {
            const QString resolved = ProjectFile::resolvePath(stored, projectDir);
            if (!resolved.isEmpty() && !out.contains(resolved))
                out.insert(resolved, QFileInfo::exists(resolved));
        }
    } else if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectPaths(item, projectDir, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectPaths(it.value(), projectDir, out);
    }
}

} // namespace

ProjectFile::ReadResult ProjectFile::read(const QString& path, const QString& projectDir)
{
    ReadResult result;
    const QString error = runGuarded(path, [&] { result = readChecked(path, projectDir); });
    if (!error.isEmpty()) {
        result = ReadResult();
        result.error = error;
    }
    return result;
}

ProjectFile::ReadResult ProjectFile::readChecked(const QString& path, const QString& projectDir)
{
    ReadResult result;
    // A FIFO would block the open forever, /dev/zero would read without end: stat first.
    if (const QString problem = regularFileProblem(path, QStringLiteral("project file")); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: cannot open the project file (%2)").arg(path, file.errorString());
        return result;
    }
    // A project is a few KB; anything huge is not one of ours.
    if (file.size() > 64 * 1024 * 1024) {
        result.error = QStringLiteral("%1: not a Groovescape project (%2 bytes is far too large)").arg(path).arg(file.size());
        return result;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1: not a Groovescape project: invalid JSON at byte %2 (%3)")
                           .arg(path).arg(parseError.offset).arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("%1: not a Groovescape project: the JSON is not an object").arg(path);
        return result;
    }
    const QJsonObject root = doc.object();
    const QString format = root.value(QStringLiteral("format")).toString();
    if (format != QLatin1String(formatName)) {
        result.error = format.isEmpty()
            ? QStringLiteral("%1: not a Groovescape project (no \"format\": \"%2\")").arg(path, QLatin1String(formatName))
            : QStringLiteral("%1: not a Groovescape project (format \"%2\")").arg(path, format);
        return result;
    }
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt()) || version.toInt() < 1) {
        result.error = QStringLiteral("%1: the project has no valid \"version\"").arg(path);
        return result;
    }
    if (version.toInt() > currentVersion) {
        result.error = QStringLiteral("%1: the project is version %2, newer than this Groovescape understands (%3); "
                                      "open it with a newer Groovescape")
                           .arg(path).arg(version.toInt()).arg(currentVersion);
        return result;
    }
    const QJsonValue parts = root.value(QStringLiteral("parts"));
    if (!parts.isUndefined() && !parts.isObject()) {
        result.error = QStringLiteral("%1: \"parts\" is not an object").arg(path);
        return result;
    }
    result.parts = parts.toObject();
    const QString dir = projectDir.isEmpty() ? QFileInfo(path).absolutePath() : projectDir;
    collectPaths(result.parts, dir, result.pathExists);
    return result;
}

QJsonObject ProjectFile::document(const QJsonObject& parts)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1String(formatName));
    root.insert(QStringLiteral("version"), currentVersion);
    root.insert(QStringLiteral("parts"), parts);
    return root;
}

QString ProjectFile::write(const QString& path, const QJsonObject& document)
{
    if (const QString problem = writableTargetProblem(path, QStringLiteral("project file")); !problem.isEmpty())
        return problem;
    QString error;
    const QString thrown = runGuarded(path, [&] { error = writeChecked(path, document); });
    return thrown.isEmpty() ? error : thrown;
}

QString ProjectFile::writeChecked(const QString& path, const QJsonObject& document)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write the project file (%2)").arg(path, file.errorString());
    const QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return QStringLiteral("%1: writing the project failed (%2)").arg(path, reason);
    }
    if (!file.commit())
        return QStringLiteral("%1: saving the project failed (%2); the previous file is unchanged").arg(path, file.errorString());
    return {};
}

QString ProjectFile::encodePath(const QString& absolutePath, const QString& projectDir)
{
    if (absolutePath.isEmpty())
        return {};
    const QString path = QDir::cleanPath(QFileInfo(absolutePath).absoluteFilePath());
    // Bundled data first: a project that uses the demo dataset or a bundled model keeps
    // working after "Save As" elsewhere and on another installation.
    for (const QString& root : dataRoots())
        for (const QString& folder : kDataFolders) {
            const QString base = QDir(root).filePath(folder);
            if (path == base || path.startsWith(base + QLatin1Char('/')))
                return kDataPrefix + QDir(root).relativeFilePath(path);
        }
    if (!projectDir.isEmpty()) {
        const QString dir = QDir::cleanPath(QFileInfo(projectDir).absoluteFilePath());
        if (path == dir || path.startsWith(dir + QLatin1Char('/'))) {
            const QString relative = QDir(dir).relativeFilePath(path);
            return relative.isEmpty() ? QStringLiteral(".") : relative;
        }
    }
    return path;
}

QString ProjectFile::resolvePath(const QString& stored, const QString& projectDir)
{
    if (stored.isEmpty())
        return {};
    if (stored.startsWith(kDataPrefix)) {
        const QString relative = stored.mid(kDataPrefix.size());
        const auto found = findData(relative.toStdString());
        if (!found.empty())
            return QDir::cleanPath(QString::fromStdString(found.string()));
        // Not installed here: keep a readable path so the "missing" report names it.
        const QStringList roots = dataRoots();
        return roots.isEmpty() ? relative : QDir(roots.constFirst()).filePath(relative);
    }
    if (QDir::isAbsolutePath(stored))
        return QDir::cleanPath(stored);
    return QDir::cleanPath(QDir(projectDir.isEmpty() ? QDir::currentPath() : projectDir).filePath(stored));
}

bool ProjectFile::looksLikePath(const QString& stored)
{
    return stored.startsWith(kDataPrefix) || stored.startsWith(QLatin1Char('/'))
        || (stored.contains(QLatin1Char('/')) && !stored.contains(QLatin1Char('\n')))
        || stored.endsWith(QStringLiteral(".mid")) || stored.endsWith(QStringLiteral(".gsd"))
        || stored.endsWith(QStringLiteral(".gsm")) || stored.endsWith(QStringLiteral(".gsmodel"));
}

QJsonArray ProjectFile::latentToJson(const std::vector<float>& z)
{
    QJsonArray out;
    for (float v : z)
        out.append(double(v));
    return out;
}

std::vector<float> ProjectFile::latentFromJson(const QJsonValue& value, QString* problem)
{
    auto refuse = [problem](const QString& why) {
        if (problem)
            *problem = why;
        return std::vector<float>();
    };
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        return refuse(QStringLiteral("a position is not a list of numbers"));
    std::vector<float> z;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble())
            return refuse(QStringLiteral("a position holds something that is not a number"));
        const double x = v.toDouble();
        if (!std::isfinite(x) || std::abs(x) > latentLimit)
            return refuse(QStringLiteral("a position lies far outside the map (%1)").arg(x));
        z.push_back(float(x));
    }
    return z;
}

} // namespace gs
