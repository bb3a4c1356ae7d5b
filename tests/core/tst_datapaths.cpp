#include "core/datapaths.h"

#include <QtTest/QtTest>

#include <cstdlib>
#include <fstream>

using namespace gs;
namespace fs = std::filesystem;

class TestDataPaths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void environmentWinsThenInstalledLayout()
    {
        QTemporaryDir env, prefix;
        fs::create_directories(fs::path(env.path().toStdString()) / "assets");
        fs::create_directories(fs::path(prefix.path().toStdString()) / "share/groovescape/models");
        fs::create_directories(fs::path(prefix.path().toStdString()) / "bin");
        const fs::path exe = fs::path(prefix.path().toStdString()) / "bin/groovescape";
        qputenv("GROOVESCAPE_DATA", env.path().toUtf8());
        const auto dirs = dataSearchPath(exe);
        QVERIFY(dirs.size() >= 3);
        QCOMPARE(QString::fromStdString(dirs[0].string()), env.path());
        QCOMPARE(dirs[1], fs::path(prefix.path().toStdString()) / "share/groovescape");
        QCOMPARE(findData("assets", exe), fs::path(env.path().toStdString()) / "assets");
        QCOMPARE(findData("models", exe), fs::path(prefix.path().toStdString()) / "share/groovescape/models");
        QVERIFY(findData("no/such/thing", exe).empty());
        qunsetenv("GROOVESCAPE_DATA");
    }
    void sourceTreeIsFoundFromTheBuild()
    {
        // The build tree's binaries find the repository's own files (run.sh relies on it).
        QCOMPARE(findData("src/core/datapaths.h"), fs::path(GS_SOURCE_DIR) / "src/core/datapaths.h");
    }
};

QTEST_APPLESS_MAIN(TestDataPaths)
#include "tst_datapaths.moc"
