// kill -9 during a project save (issue 18): this executable runs itself as a child that saves a
// large project again and again through ProjectFile::write (what Project::save and autosave
// use), and kills it with SIGKILL at seeded random moments. After every kill the project file is
// absent or whole (it reads back with every bookmark), and the folder holds nothing else: no
// partial target, no temp file (QSaveFile writes an unnamed temp where the file system allows,
// else a named one that the test would find here).
#include "project/projectfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <csignal>
#include <random>

using namespace gs;

namespace {

constexpr int kBookmarks = 15000;  // about 1.5 MB of JSON: a save takes long enough to be cut

QJsonObject bigProject(int generation)
{
    QJsonArray bookmarks;
    for (int i = 0; i < kBookmarks; ++i)
        bookmarks.append(QJsonObject{{"name", QStringLiteral("groove %1 of save %2").arg(i).arg(generation)},
            {"z", QJsonArray{0.25 * (i % 7), -0.5, 0.125}}, {"tags", QJsonArray{"funk", "80 bpm"}}});
    return ProjectFile::document({{"bookmarks", QJsonObject{{"items", bookmarks}}}});
}

// The child: saves until killed (prints "saved N" after each save so the parent knows it runs).
int saveForever(const QString& path)
{
    for (int generation = 0;; ++generation) {
        const QString error = ProjectFile::write(path, bigProject(generation));
        if (!error.isEmpty()) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        printf("saved %d\n", generation);
        fflush(stdout);
    }
}

// The file as read back: whole when it parses and holds every bookmark.
bool whole(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    const QJsonArray items = doc.object()["parts"].toObject()["bookmarks"].toObject()["items"].toArray();
    return items.size() == kBookmarks;
}

} // namespace

class TestProjectKill : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedSavesLeaveAWholeProjectAndNoTemp()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("song.gsproj");
        std::mt19937 random(18005);
        for (int round = 0; round < 8; ++round) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(), {"--save-forever", path});
            QVERIFY(child.waitForStarted());
            if (round > 0) {
                // Kill at a random moment of a save: wait for one save to end, then a random while.
                QVERIFY(child.waitForReadyRead(20000));
                child.readAll();
            }
            QTest::qWait(int(random() % 400));
            QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
            ::kill(pid_t(child.processId()), SIGKILL);
            child.waitForFinished();
            const QStringList left = QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
            QVERIFY2(left.isEmpty() || left == QStringList{"song.gsproj"}, qPrintable(left.join(", ")));
            if (!left.isEmpty())
                QVERIFY2(whole(path), qPrintable(QStringLiteral("round %1: the project file is partial").arg(round)));
        }
        QVERIFY(QFileInfo::exists(path));
        qInfo("8 kill -9 during project saves: 0 partial project files, 0 temp files");
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && QByteArray(argv[1]) == "--save-forever")
        return saveForever(QString::fromLocal8Bit(argv[2]));
    TestProjectKill test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_projectkill.moc"
