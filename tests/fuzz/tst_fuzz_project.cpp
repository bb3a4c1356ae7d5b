// The project reader under seeded mutations of the bundled demo project (truncations, byte edits,
// digits and brackets typed into its JSON), run in bounded time: every input reads or is refused
// with an error naming the file, never a crash or a hang; what reads has a "parts" object and
// latents that pass ProjectFile's checks are finite and bounded. (The libFuzzer build,
// run-fuzz.sh, has no Qt; this replay is the project reader's fuzz run.)
#include "project/projectfile.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace gs;

class TestFuzzProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mutatedProjectsReadOrAreRefused()
    {
        QFile demo(QString::fromStdString((gs::test::sourceDir() / "assets/demo/demo.gsproj").string()));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        const QByteArray seed = demo.readAll();
        QVERIFY(seed.size() > 1000);
        QTemporaryDir tmp;
        const QString path = tmp.filePath("fuzz.gsproj");
        std::mt19937 random(20261219);
        int read = 0, refused = 0;
        const auto run = [&](const QByteArray& bytes) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes);
            out.close();
            const ProjectFile::ReadResult r = ProjectFile::read(path, tmp.path());
            if (r.ok()) {
                ++read;
                for (const QJsonValue& b : r.parts.value("bookmarks").toArray()) {
                    QString problem;
                    const std::vector<float> z = ProjectFile::latentFromJson(b.toObject().value("z"), &problem);
                    for (float x : z)
                        QVERIFY(problem.isEmpty() && std::isfinite(x) && std::abs(x) <= ProjectFile::latentLimit);
                }
            } else {
                ++refused;
                QVERIFY2(r.error.contains(path), qPrintable(r.error));
            }
        };
        run(seed);
        QCOMPARE(read, 1);
        for (int n = 0; n < seed.size(); n += 1 + seed.size() / 60)
            run(seed.left(n));
        static const char typed[] = "0123456789-.e9[]{}\",:n";
        for (int m = 0; m < 400; ++m) {
            QByteArray mutated = seed;
            const int edits = 1 + int(random() % 4);
            for (int e = 0; e < edits; ++e) {
                const int at = int(random() % std::uint32_t(mutated.size()));
                mutated[at] = random() % 3 ? typed[random() % (sizeof typed - 1)] : char(random());
            }
            run(mutated);
        }
        qInfo("%d project inputs: %d read, %d refused with the file named", read + refused, read, refused);
        QVERIFY(refused > 50);
    }
};

QTEST_GUILESS_MAIN(TestFuzzProject)
#include "tst_fuzz_project.moc"
