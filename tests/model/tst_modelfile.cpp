// The model file: exact round trip, and a clear error for every kind of damage.
#include "model/internal/modelinternal.h"
#include "testdata.h"

#include <QtTest/QtTest>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace gs;

namespace {

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeAll(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

bool sameWeights(const Model& a, const Model& b)
{
    auto pa = module(a)->named_parameters(), pb = module(b)->named_parameters();
    auto ba = module(a)->named_buffers(), bb = module(b)->named_buffers();
    if (pa.size() != pb.size() || ba.size() != bb.size())
        return false;
    for (const auto& item : pa)
        if (!pb.contains(item.key()) || !torch::equal(item.value(), pb[item.key()]))
            return false;
    for (const auto& item : ba)
        if (!bb.contains(item.key()) || !torch::equal(item.value(), bb[item.key()]))
            return false;
    return true;
}

Model richModel(const std::string& type)
{
    ModelConfig c;
    c.type = type;
    c.latent = type == "recurrent" ? 32 : 2;
    c.hidden = 64;
    c.decoderHidden = 96;
    c.rnnHidden = 48;
    c.loss.flat = true;
    c.loss.beta = 0.5f;
    c.loss.klAnneal = "cyclic";
    c.loss.klWarmupEpochs = 4;
    Model m = Model::create(c, 7).value();
    // Non-trivial BatchNorm statistics and an optimizer state, as after training.
    {
        torch::NoGradGuard g;
        for (auto& b : module(m)->buffers())
            if (b.is_floating_point())
                b.copy_(torch::rand_like(b) + 0.5);
    }
    torch::optim::Adam adam(module(m)->parameters());
    module(m)->train();
    torch::Tensor x = torch::rand({4, c.steps(), 3 * c.voices()});
    auto out = module(m)->forward(x);
    (out.decoded.hitLogits.sum() + out.mu.sum()).backward();
    adam.step();
    std::ostringstream bytes;
    torch::serialize::OutputArchive archive;
    adam.save(archive);
    archive.save_to(bytes);
    optimizerState(m) = bytes.str();
    EpochRecord e;
    e.epoch = 1;
    e.train = {1.0 / 3.0, 0.1, 0.2, 0.3, 0.4, 0.5};
    e.validation = {2.0 / 7.0, 1e-9, 2, 3, 4, 5};
    e.learningRate = 1e-3;
    e.klWeight = 0.25;
    e.seconds = 1.5;
    e.samplesPerSecond = 1234.5;
    m.appendEpoch(e);
    e.epoch = 2;
    m.appendEpoch(e);
    m.setMetrics({{"hit_f1", 0.8123456789}, {"smoothness_mean", 1.25}});
    m.setDatasetSummary({"gmd", 100, 20, 3, {{"funk", 60}, {"rock", 40}}, {0xffffffffffffffffull, 42}});
    return m;
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char* name) { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void roundTripsExactly_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("rhythmvae") << "rhythmvae";
        QTest::newRow("recurrent") << "recurrent";
    }
    void roundTripsExactly()
    {
        QFETCH(QString, type);
        const Model m = richModel(type.toStdString());
        const std::string file = path("m.gsm");
        Status s = m.save(file);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().describe().c_str());
        auto loaded = Model::load(file);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QVERIFY(loaded->config() == m.config());
        QCOMPARE(loaded->config().type, type.toStdString());
        QVERIFY(sameWeights(*loaded, m));
        QVERIFY(loaded->history() == m.history());
        QCOMPARE(loaded->history().size(), std::size_t(2));
        QVERIFY(loaded->metrics() == m.metrics());
        QVERIFY(loaded->datasetSummary() == m.datasetSummary());
        QVERIFY(loaded->hasOptimizerState());
        QVERIFY(optimizerState(*loaded) == optimizerState(m));
        QCOMPARE(loaded->parameterCount(), m.parameterCount());
        // No temp file left beside it.
        for (const QString& name : QDir(m_dir.path()).entryList(QDir::Files))
            QVERIFY2(!name.contains(".tmp"), qPrintable(name));
        // Saving the loaded model gives the same bytes.
        QVERIFY(loaded->save(path("again.gsm")).ok());
        QVERIFY(readAll(file) == readAll(path("again.gsm")));
    }
    void damagedFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "truncate" << "truncated";
        QTest::newRow("header only") << "header" << "truncated";
        QTest::newRow("bit flip") << "flip" << "checksum";
        QTest::newRow("foreign") << "foreign" << "not a Groovescape model file";
        QTest::newRow("future version") << "future" << "newer Groovescape";
        QTest::newRow("empty") << "empty" << "truncated";
        QTest::newRow("missing") << "missing" << "cannot open";
        QTest::newRow("trailing bytes") << "trailing" << "trailing";
    }
    void damagedFilesGiveClearErrors()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        const std::string good = path("good.gsm");
        QVERIFY(richModel("rhythmvae").save(good).ok());
        std::string bytes = readAll(good);
        const std::string bad = m_dir.filePath("bad-" + damage + ".gsm").toStdString();
        if (damage == "truncate")
            bytes.resize(bytes.size() * 2 / 3);
        else if (damage == "header")
            bytes.resize(20);
        else if (damage == "flip")
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x10);
        else if (damage == "foreign") {
            GS_REQUIRE_SHARED(midi, "gmd/drummer1/session1/1_funk_80_beat_4-4.mid");
            bytes = readAll(midi.string());
        } else if (damage == "future")
            bytes[8] = 2;
        else if (damage == "empty")
            bytes.clear();
        else if (damage == "trailing")
            bytes += "extra";
        if (damage != "missing")
            writeAll(bad, bytes);
        auto loaded = Model::load(bad);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().file, bad);
        const QString message = QString::fromStdString(loaded.error().message);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
    void writeFailureLeavesNoFile()
    {
        const std::string target = path("no-such-dir/m.gsm");
        Status s = richModel("rhythmvae").save(target);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, target);
        QVERIFY(!QFile::exists(QString::fromStdString(target)));
    }
    void configJsonRoundTripsAndRejectsNonsense()
    {
        ModelConfig c;
        c.type = "recurrent";
        c.latent = 32;
        c.grid.stepsPerBeat = 12;
        c.drumMap = DrumMap::gm();
        c.loss.freeBits = 0.3f;
        auto back = ModelConfig::fromJson(c.toJson(), "x.gsm");
        QVERIFY(back.ok());
        QVERIFY(back.value() == c);
        c.latent = 300;
        QVERIFY(!c.problem().empty());
        auto bad = ModelConfig::fromJson(c.toJson(), "x.gsm");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().file, std::string("x.gsm"));
        c.latent = 2;
        c.type = "diffusion";  // not a model type
        QVERIFY(!Model::create(c).ok());
        QVERIFY(!ModelConfig::fromJson("{\"type\": 3}", "y.gsm").ok());
    }
    void flatOptionsRoundTripAndOldFilesKeepThePapersForm()
    {
        ModelConfig c;
        c.loss.flat = true;
        c.loss.flatRelative = false;
        c.loss.flatMetric = "weighted";
        auto back = ModelConfig::fromJson(c.toJson(), "x.gsm");
        QVERIFY(back.ok());
        QVERIFY(back.value() == c);
        // A file from before the options existed: the absolute form on every plane, as it was trained.
        auto j = nlohmann::json::parse(ModelConfig{}.toJson());
        j["loss"].erase("flat_relative");
        j["loss"].erase("flat_metric");
        auto old = ModelConfig::fromJson(j.dump(), "old.gsm");
        QVERIFY(old.ok());
        QCOMPARE(old.value().loss.flatRelative, false);
        QCOMPARE(old.value().loss.flatMetric, std::string("all"));
        // New models default to the relative form (on every plane, as the paper measures).
        QCOMPARE(ModelConfig{}.loss.flatRelative, true);
        QCOMPARE(ModelConfig{}.loss.flatMetric, std::string("all"));
        j["loss"]["flat_metric"] = "pitch";
        auto bad = ModelConfig::fromJson(j.dump(), "bad.gsm");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("pitch") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
