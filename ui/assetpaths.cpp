#include "assetpaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace gs {

namespace {

QString firstExisting(const QString& name)
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("GS_ASSETS_ROOT");
    if (!env.isEmpty())
        candidates << QDir(env).filePath(name);
    const QString exeDir = QCoreApplication::applicationDirPath();
    candidates << QDir(exeDir).filePath(QStringLiteral("../../../") + name)  // build/<preset>/bin
               << QDir(exeDir).filePath(QStringLiteral("../../") + name)  // build/<preset>/tests
               << QDir(exeDir).filePath(QStringLiteral("../share/groovescape/") + name);  // installed
#ifdef GS_SOURCE_ROOT
    candidates << QDir(QStringLiteral(GS_SOURCE_ROOT)).filePath(name);
#endif
    for (const QString& candidate : candidates)
        if (QFileInfo(candidate).isDir())
            return QDir(candidate).canonicalPath();
    return {};
}

} // namespace

AssetPaths::AssetPaths(QObject* parent)
    : QObject(parent)
{
}

bool AssetPaths::moduleHasFile(const QString& fileName)
{
    return QFileInfo::exists(QStringLiteral(":/Groovescape/") + fileName);
}

QString AssetPaths::findAssetsDir() { return firstExisting(QStringLiteral("assets")); }

QString AssetPaths::findModelsDir() { return firstExisting(QStringLiteral("models")); }

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
