#include "assetpaths.h"

#include "core/datapaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <filesystem>

namespace gs {

namespace {

QString firstExisting(const QString& name)
{
    // One search path for the app, the command line and the tests (src/core/datapaths.h).
    const std::filesystem::path found =
        findData(name.toStdString(), QCoreApplication::applicationFilePath().toStdString());
    if (found.empty() || !std::filesystem::is_directory(found))
        return {};
    return QDir(QString::fromStdString(found.string())).canonicalPath();
}

} // namespace

AssetPaths::AssetPaths(QObject* parent)
    : QObject(parent)
{
}

QString AssetPaths::findAssetsDir() { return firstExisting(QStringLiteral("assets")); }

QString AssetPaths::findModelsDir() { return firstExisting(QStringLiteral("models")); }

QString AssetPaths::docsDir() const { return firstExisting(QStringLiteral("docs")); }

QString AssetPaths::findDemoDataset()
{
    const QString assets = findAssetsDir();
    if (assets.isEmpty())
        return {};
    const QDir dir(assets);
    if (QFileInfo(dir.filePath("demo.gsd")).isFile())
        return dir.filePath("demo.gsd");
    const QString demo = dir.filePath("demo");
    if (QFileInfo(demo).isDir()) {
        QDirIterator it(demo, {"*.mid", "*.midi", "*.MID", "*.gsd"}, QDir::Files, QDirIterator::Subdirectories);
        if (it.hasNext()) {
            const QString first = it.next();
            return first.endsWith(".gsd") ? first : demo;
        }
    }
    return {};
}

QStringList AssetPaths::kitDirs()
{
    const QString assets = findAssetsDir();
    QStringList kits;
    if (assets.isEmpty())
        return kits;
    const QDir dir(QDir(assets).filePath("kits"));
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        kits << dir.filePath(name);
    return kits;
}

} // namespace gs
