// The real groovescape-cli against hostile input (issue 18): options that are NaN, infinite or
// out of range; special files (FIFO, /dev/zero, a folder, symlinks) given as model, dataset, drum
// map or resume file; crafted datasets and models; control characters in what `inspect` prints;
// kill -9 during training. Each run has a time limit, so a hang fails the test instead of CI.
// Every refusal: exit 2, the option or the file named on stderr, no output file, no temp file.
#include "hostilecases.h"
#include "testdata.h"

#include "core/atomicfile.h"
#include "dataset/datasetfile.h"
#include "dataset/importer.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <random>

#include <sys/stat.h>
#include <sys/time.h>

using namespace gs;
using namespace gs::test;

namespace {

struct Run {
    int exitCode = -1;  // -2 crashed, -3 hung (killed at the time limit)
    std::string out, err;
};

Run runCli(const std::vector<std::string>& args, int timeoutMs = 30000)
{
    QStringList list;
    for (const std::string& a : args)
        list << QString::fromStdString(a);
    QProcess p;
    p.start(QStringLiteral(GS_CLI_PATH), list);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.exitCode = -3;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

// One CLI case: must exit 2 naming `mustName` on stderr, leave no `out` and no temp in its folder.
void cliCase(const std::string& family, const std::string& name, const std::vector<std::string>& args,
    const std::string& mustName, const fs::path& out)
{
    Tally& t = tallies()[family];
    ++t.tried;
    const Run r = runCli(args);
    const std::string what = name + ": exit " + std::to_string(r.exitCode) + ", stderr '" + r.err.substr(0, 300) + "'";
    if (r.exitCode == -2) {
        ++t.crashed;
        t.failures.push_back(what);
    } else if (r.exitCode == -3) {
        ++t.hung;
        t.failures.push_back(what);
    } else if (r.exitCode != 2 || r.err.find(mustName) == std::string::npos || fs::exists(out)
        || !tempFilesIn(out.parent_path()).empty() || r.err.find("internal error") != std::string::npos) {
        ++t.wrong;
        t.failures.push_back(what);
    } else {
        ++t.clear;
    }
}

// Makes the temps in `dir` look 11 minutes old: a later start removes temps older than 10 minutes
// (younger ones may belong to a writer still running), so this is "the next start, some time later".
void ageTemps(const fs::path& dir)
{
    const timeval old[2] = {{time(nullptr) - 660, 0}, {time(nullptr) - 660, 0}};
    for (const std::string& t : tempFilesIn(dir))
        ::lutimes((dir / t).c_str(), old);
}

// kill -9 of `args` at `rounds` seeded random moments within its first `spanMs`; after each kill
// the target is absent or whole (`whole` says), and only temps named as AtomicFile names them are
// left. Then a complete run ("the next start", with the temps aged) leaves no temp at all.
// Returns how many kills landed while the target was being written or before.
int killAtRandomMoments(const std::vector<std::string>& args, const fs::path& target, int rounds, int spanMs,
    std::uint32_t seed, const std::function<bool(const fs::path&)>& whole, int& tempsLeft)
{
    tempsLeft = 0;
    std::mt19937 random(seed);
    QStringList list;
    for (const std::string& a : args)
        list << QString::fromStdString(a);
    int killed = 0;
    for (int round = 0; round < rounds; ++round) {
        QProcess p;
        p.start(QStringLiteral(GS_CLI_PATH), list);
        if (!p.waitForStarted())
            return -1;
        const int at = int(random() % std::uint32_t(spanMs));
        if (!p.waitForFinished(at)) {
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            ++killed;
        }
        if (fs::exists(target) && !whole(target)) {
            qWarning("round %d (kill at %d ms): %s is partial", round, at, target.c_str());
            return -1;
        }
        for (const std::string& t : tempFilesIn(target.parent_path()))
            if (!isAtomicTempName(t)) {
                qWarning("round %d: temp %s is not named for the sweep", round, t.c_str());
                return -1;
            }
    }
    tempsLeft = int(tempFilesIn(target.parent_path()).size());
    ageTemps(target.parent_path());
    const Run next = runCli(args, 60000);
    if (next.exitCode != 0 || !whole(target) || !tempFilesIn(target.parent_path()).empty()) {
        qWarning("the next start: exit %d, temps left %zu: %s", next.exitCode, tempFilesIn(target.parent_path()).size(),
            next.err.c_str());
        return -1;
    }
    return killed;
}

} // namespace

class TestHostileCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::string m_model;
    std::string m_dataset;

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = fs::path(m_tmp.path().toStdString());
        m_model = (sourceDir() / "models/rhythmvae-2d.gsmodel").string();
        m_dataset = (m_dir / "demo.gsd").string();
        const Run r = runCli({"import", (sourceDir() / "assets/demo/gmd/drummer1").string(), "--out", m_dataset});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
    }

    void optionsAreCheckedAndNamed()
    {
        const fs::path out = m_dir / "opt" / "out.mid";
        fs::create_directories(out.parent_path());
        const std::string o = out.string();
        struct Opt {
            std::string name;
            std::vector<std::string> args;
        };
        const std::vector<Opt> gen = {{"--temperature", {"nan"}}, {"--temperature", {"inf"}}, {"--temperature", {"0"}},
            {"--threshold", {"nan"}}, {"--threshold", {"2"}}, {"--noise", {"nan"}}, {"--noise", {"-1"}},
            {"--bend", {"1e30"}}, {"--bend", {"nan"}}, {"--max-hits", {"-1"}}, {"--max-hits", {"1e9"}},
            {"--bpm", {"nan"}}, {"--bpm", {"1e9"}}, {"--bpm", {"-inf"}}};
        for (const Opt& opt : gen) {
            std::vector<std::string> args = {"generate", m_model, "--z", "0,0", "--out", o, opt.name};
            args.insert(args.end(), opt.args.begin(), opt.args.end());
            cliCase("CLI options", "generate " + opt.name + " " + opt.args[0], args, opt.name, out);
        }
        for (const Opt& opt : std::vector<Opt>{{"--threshold", {"nan"}}, {"--bpm", {"nan"}}, {"--steps", {"0"}}}) {
            cliCase("CLI options", "interpolate " + opt.name + " " + opt.args[0],
                {"interpolate", m_model, "--from", "0,0", "--to", "1,1", "--out", o, opt.name, opt.args[0]},
                opt.name, out);
        }
        const fs::path model = m_dir / "opt" / "m.gsmodel";
        for (const Opt& opt : std::vector<Opt>{{"--lr", {"nan"}}, {"--lr", {"-1"}}, {"--beta", {"nan"}},
                 {"--epochs", {"-1"}}, {"--batch", {"0"}}, {"--flat-eta", {"inf"}}, {"--kappa", {"nan"}},
                 {"--weight-decay", {"-1"}}, {"--free-bits", {"nan"}}, {"--lambda-rate", {"1e300"}},
                 {"--latent", {"0"}}, {"--hidden", {"1000000"}}}) {
            cliCase("CLI options", "train " + opt.name + " " + opt.args[0],
                {"train", m_dataset, "--out", model.string(), "--epochs", "1", opt.name, opt.args[0]}, opt.name, model);
        }
        const fs::path gsd = m_dir / "opt" / "d.gsd";
        const std::string demo = (sourceDir() / "assets/demo/gmd/drummer1").string();
        for (const Opt& opt : std::vector<Opt>{{"--validation", {"nan"}}, {"--validation", {"2"}}, {"--bars", {"0"}},
                 {"--hop-bars", {"-1"}}, {"--min-hits", {"-5"}}, {"--threads", {"-2"}}}) {
            cliCase("CLI options", "import " + opt.name + " " + opt.args[0],
                {"import", demo, "--out", gsd.string(), opt.name, opt.args[0]}, opt.name, gsd);
        }
        QVERIFY(tallies()["CLI options"].tried >= 30);
    }

    void specialFilesThroughTheCli()
    {
        const fs::path sdir = m_dir / "special";
        fs::create_directories(sdir);
        const fs::path out = m_dir / "special-out" / "out.mid";
        fs::create_directories(out.parent_path());
        const fs::path gsd = m_dir / "special-out" / "out.gsd";
        const fs::path model = m_dir / "special-out" / "out.gsmodel";
        const std::string demo = (sourceDir() / "assets/demo/gmd/drummer1").string();
        for (const HostileCase& c : specialFiles(sdir)) {
            cliCase("special files (CLI)", "inspect " + c.name, {"inspect", c.path}, c.path, out);
            cliCase("special files (CLI)", "generate with model " + c.name,
                {"generate", c.path, "--z", "0,0", "--out", out.string()}, c.path, out);
            cliCase("special files (CLI)", "import --map " + c.name,
                {"import", demo, "--out", gsd.string(), "--map", c.path}, c.path, gsd);
            cliCase("special files (CLI)", "train on dataset " + c.name,
                {"train", c.path, "--out", model.string(), "--epochs", "1"}, c.path, model);
            cliCase("special files (CLI)", "train --resume " + c.name,
                {"train", m_dataset, "--out", model.string(), "--epochs", "1", "--resume", c.path}, c.path, model);
            cliCase("special files (CLI)", "eval on dataset " + c.name, {"eval", m_model, c.path}, c.path, out);
        }
    }

    void craftedFilesThroughTheCli()
    {
        const fs::path out = m_dir / "crafted-out" / "out.mid";
        fs::create_directories(out.parent_path());
        // A model whose config does not match its weights: a clear error naming the tensor, no torch text.
        const std::string file = readFileText(m_model);
        std::string meta = file.substr(48, 33344);
        const std::size_t at = meta.find("\"latent\":2");
        QVERIFY(at != std::string::npos);
        meta.replace(at, 10, "\"latent\":3");
        // Same length: the header's sizes hold; recompute the checksum.
        std::string bytes = file.substr(0, 48) + meta + file.substr(48 + meta.size());
        std::uint64_t h = 0xcbf29ce484222325ull;
        for (std::size_t i = 48; i < bytes.size(); ++i) {
            h ^= std::uint8_t(bytes[i]);
            h *= 0x100000001b3ull;
        }
        for (int i = 0; i < 8; ++i)
            bytes[40 + std::size_t(i)] = char((h >> (8 * i)) & 0xff);
        const fs::path bad = m_dir / "latent3.gsmodel";
        writeFileText(bad, bytes);
        cliCase("crafted files (CLI)", "generate with config/weights mismatch",
            {"generate", bad.string(), "--z", "0,0,0", "--out", out.string()}, "tensor mu.weight", out);
        const Run r = runCli({"generate", bad.string(), "--z", "0,0,0", "--out", out.string()});
        QVERIFY2(r.err.find("Exception raised from") == std::string::npos, r.err.c_str());
        QVERIFY2(r.err.find(bad.string()) != std::string::npos, r.err.c_str());

        // Control characters from a file are printed escaped by inspect.
        Result<Dataset> d = DatasetFile::load(m_dataset);
        QVERIFY(d);
        d->files()[0].status = FileStatus::Failed;
        d->files()[0].reason = "evil \x1b[2J\x07 reason";
        const fs::path evil = m_dir / "evil.gsd";
        QVERIFY(DatasetFile::save(*d, evil.string()));
        const Run shown = runCli({"inspect", evil.string()});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.find('\x1b') == std::string::npos && shown.out.find('\x07') == std::string::npos,
            shown.out.c_str());
        QVERIFY2(shown.out.find("evil \\x1b[2J\\x07 reason") != std::string::npos, shown.out.c_str());
    }

    void killedTrainingKeepsTheLastEpochAndResumes()
    {
        const fs::path dir = m_dir / "kill";
        fs::create_directories(dir);
        const fs::path model = dir / "m.gsmodel";
        QProcess p;
        p.start(QStringLiteral(GS_CLI_PATH),
            {"train", QString::fromStdString(m_dataset), "--out", QString::fromStdString(model.string()), "--epochs",
                "400", "--hidden", "32", "--threads", "1"});
        QVERIFY(p.waitForStarted());
        // The first checkpoint appears after the first epoch; kill -9 a little later, mid-run.
        QTRY_VERIFY_WITH_TIMEOUT(fs::exists(model), 120000);
        QTest::qWait(1500);
        QVERIFY2(p.state() == QProcess::Running, "training ended before it could be killed");
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished();
        // The target is whole (it loads) and holds at least one epoch; a temp left by the kill carries
        // the name the sweep removes.
        const Run inspect = runCli({"inspect", model.string(), "--json"});
        QVERIFY2(inspect.exitCode == 0, inspect.err.c_str());
        const auto j = nlohmann::json::parse(inspect.out);
        const int epochs = j["history"]["epochs"].get<int>();
        QVERIFY(epochs >= 1);
        for (const std::string& t : tempFilesIn(dir))
            QVERIFY2(isAtomicTempName(t), t.c_str());
        const Run resumed = runCli({"train", m_dataset, "--out", model.string(), "--resume", model.string(), "--epochs",
                                       "1", "--threads", "1", "--json"}, 120000);
        QVERIFY2(resumed.exitCode == 0, resumed.err.c_str());
        const auto k = nlohmann::json::parse(runCli({"inspect", model.string(), "--json"}).out);
        QCOMPARE(k["history"]["epochs"].get<int>(), epochs + 1);
    }

    // kill -9 of import and render at random moments (seeded): never a partial target, only temps the
    // next start sweeps, and after that start none at all. Bounded: a few seconds of runs each.
    void killedImportLeavesNoPartialDatasetAndNoTemp()
    {
        GS_REQUIRE_SHARED(gmd, "gmd/drummer1");
        const fs::path dir = m_dir / "kill-import";
        fs::create_directories(dir);
        const fs::path out = dir / "d.gsd";
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runCli({"import", gmd.string(), "--out", out.string(), "--threads", "1"}, 60000).exitCode == 0);
        const int spanMs = int(std::max<qint64>(clock.elapsed(), 100));
        fs::remove(out);
        int temps = 0;
        const int killed = killAtRandomMoments({"import", gmd.string(), "--out", out.string(), "--threads", "1"}, out, 8,
            spanMs, 18001, [](const fs::path& p) { return DatasetFile::load(p.string()).ok(); }, temps);
        QVERIFY2(killed >= 0, "a partial dataset or a stray temp (see the warning above)");
        qInfo("import: %d of 8 runs killed within %d ms; 0 partial targets; %d temps left by the kills, 0 after the "
              "next start", killed, spanMs, temps);
    }

    void killedRenderLeavesNoPartialWavAndNoTemp()
    {
        GS_REQUIRE_SHARED(clip, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
        const fs::path dir = m_dir / "kill-render";
        fs::create_directories(dir);
        const fs::path out = dir / "r.wav";
        const std::vector<std::string> args{"render", clip.string(), "--out", out.string(), "--loops", "4"};
        QElapsedTimer clock;
        clock.start();
        const Run first = runCli(args, 60000);
        QVERIFY2(first.exitCode == 0, first.err.c_str());
        const int spanMs = int(std::max<qint64>(clock.elapsed(), 100));
        const auto fullSize = fs::file_size(out);
        fs::remove(out);
        // Whole: the size of a complete render (a WAV's header is written last, so a torn one differs).
        int temps = 0;
        const int killed = killAtRandomMoments(args, out, 6, spanMs, 18002,
            [fullSize](const fs::path& p) { return fs::file_size(p) == fullSize; }, temps);
        QVERIFY2(killed >= 0, "a partial WAV or a stray temp (see the warning above)");
        qInfo("render: %d of 6 runs killed within %d ms; 0 partial targets; %d temps left by the kills, 0 after the "
              "next start", killed, spanMs, temps);
    }

    void cleanupTestCase() { reportTallies(); }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostilecli.moc"
