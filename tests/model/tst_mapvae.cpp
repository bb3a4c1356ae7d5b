// The "map" model over the bundled recurrent model, on real GMD windows: it
// round-trips through its file and loads alone (base embedded), decoding goes
// through the whole chain, encoding too, and crafted configs are refused.
#include "gmdsubset.h"
#include "model/internal/groovecodec.h"
#include "model/internal/mapvae.h"
#include "model/internal/modelinternal.h"
#include "model/mapfactory.h"

#include <QtTest/QtTest>

#include <cmath>

#include <filesystem>

using namespace gs;

namespace {

std::string basePath() { return (test::sourceDir() / "models" / "recurrent-32d-flat.gsmodel").string(); }

std::shared_ptr<MapVaeImpl> mapModule(const Model& m) { return std::dynamic_pointer_cast<MapVaeImpl>(module(m)); }

double maxDifference(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

} // namespace

class TestMapVae : public QObject {
    Q_OBJECT
    test::GmdSubset m_data;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        m_data = test::gmdSubset(64, 16);
        QVERIFY2(m_data.error.empty(), m_data.error.c_str());
        QVERIFY(m_dir.isValid());
    }
    void roundTripsAndLoadsAlone()
    {
        Result<Model> base = Model::load(basePath());
        QVERIFY2(base.ok(), base.ok() ? "" : base.error().describe().c_str());
        Result<Model> made = createMapModel(*base, MapSettings{}, 3);
        QVERIFY2(made.ok(), made.ok() ? "" : made.error().describe().c_str());
        Model map = *made;
        QCOMPARE(map.config().type, std::string("map"));
        QCOMPARE(map.config().base.size(), std::size_t(1));
        QVERIFY(map.config().base[0] == base->config());
        QVERIFY(map.parameterCount() > base->parameterCount());

        // Give the standardisation real values, so the round trip covers the buffers too.
        const torch::Tensor x = groovesToTensor(m_data.train, map.config().steps(), map.config().voices());
        mapModule(map)->fitInputs(mapModule(map)->lossInputs(x));
        const std::string path = m_dir.filePath("map.gsmodel").toStdString();
        QVERIFY(map.save(path).ok());

        // Loaded alone: no dataset, no base file.
        Result<Model> loaded = Model::load(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
        QVERIFY(loaded->config() == map.config());
        QCOMPARE(loaded->parameterCount(), map.parameterCount());
        torch::NoGradGuard noGrad;
        const torch::Tensor z = torch::randn({5, 2});
        const Decoded a = module(map)->decode(z), b = module(*loaded)->decode(z);
        QVERIFY(torch::equal(a.hitLogits, b.hitLogits));
        QVERIFY(torch::equal(a.velocity, b.velocity));
        QVERIFY(torch::equal(a.offset, b.offset));
        // The embedded base is the base file's, weight for weight.
        Result<Model> embedded = mapBase(*loaded);
        QVERIFY(embedded.ok());
        auto pa = module(*base)->parameters(), pb = module(*embedded)->parameters();
        QCOMPARE(pa.size(), pb.size());
        for (std::size_t i = 0; i < pa.size(); ++i)
            QVERIFY(torch::equal(pa[i], pb[i]));
    }
    void decodeGoesThroughTheChain()
    {
        Model map = createMapModel(Model::load(basePath()).value(), MapSettings{}, 4).value();
        Model base = Model::load(basePath()).value();  // a separate copy of the base, from its own file
        torch::NoGradGuard noGrad;
        const torch::Tensor z = torch::randn({8, 2}) * 1.5;
        const torch::Tensor baseZ = mapModule(map)->toBase(z);
        QCOMPARE(baseZ.size(1), int64_t(base.config().latent));
        const Decoded viaMap = module(map)->decode(z), viaBase = module(base)->decode(baseZ);
        QVERIFY(torch::equal(viaMap.hitLogits, viaBase.hitLogits));
        QVERIFY(torch::equal(viaMap.velocity, viaBase.velocity));
        QVERIFY(torch::equal(viaMap.offset, viaBase.offset));
        // A different map point decodes to a different groove: the map decoder is not ignored.
        QVERIFY(maxDifference(module(map)->decode(z + 1.0).hitLogits, viaMap.hitLogits) > 1e-3);
    }
    void encodeGoesThroughTheChain()
    {
        Model map = createMapModel(Model::load(basePath()).value(), MapSettings{}, 5).value();
        Model base = Model::load(basePath()).value();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = groovesToTensor(m_data.validation, map.config().steps(), map.config().voices());
        auto [mu, logVar] = module(map)->encode(x);
        QCOMPARE(mu.sizes().vec(), (std::vector<int64_t>{16, 2}));
        const torch::Tensor baseMeans = module(base)->encode(x).first;
        const torch::Tensor expected = mapModule(map)->encodeLatent(mapModule(map)->standardise(baseMeans)).first;
        QVERIFY(maxDifference(mu, expected) < 1e-6);
    }
    void baseStaysFrozenAndInEvalMode()
    {
        Model map = createMapModel(Model::load(basePath()).value(), MapSettings{}, 6).value();
        auto m = mapModule(map);
        m->train();
        QVERIFY(m->is_training());
        QVERIFY(!m->base->is_training());
        const auto trainable = m->trainableParameters();
        QVERIFY(!trainable.empty());
        QVERIFY(trainable.size() < m->parameters().size());
        for (const auto& p : m->base->parameters())
            QVERIFY(!p.requires_grad());
    }
    void weightValuesCountTheEmbeddedBase()
    {
        Model map = createMapModel(Model::load(basePath()).value(), MapSettings{}, 7).value();
        std::uint64_t values = 0;
        for (const auto& p : module(map)->parameters())
            values += std::uint64_t(p.numel());
        for (const auto& b : module(map)->buffers())
            values += std::uint64_t(b.numel());
        QCOMPARE(map.config().weightValues(), values);
        QVERIFY(map.config().weightValues() > map.config().base[0].weightValues());
    }
    void craftedConfigsAreRefused()
    {
        Model map = createMapModel(Model::load(basePath()).value(), MapSettings{}, 8).value();
        // A map over a map.
        QVERIFY(!createMapModel(map, MapSettings{}).ok());
        ModelConfig nested = map.config();
        nested.base[0] = map.config();
        QVERIFY(!nested.problem().empty());
        auto parsed = ModelConfig::fromJson(nested.toJson(), "crafted.gsmodel");
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message.find("map") != std::string::npos);
        // A map without its base, and a base on another grid.
        ModelConfig orphan = map.config();
        orphan.base.clear();
        QVERIFY(!orphan.problem().empty());
        ModelConfig otherGrid = map.config();
        otherGrid.base[0].grid.bars = 4;
        QVERIFY(otherGrid.problem().find("grid") != std::string::npos);
        // A plain model that claims a base.
        ModelConfig plain = map.config().base[0];
        plain.base = {plain};
        QVERIFY(!plain.problem().empty());
        // The config round-trips through JSON, base included.
        auto back = ModelConfig::fromJson(map.config().toJson(), "map.gsmodel");
        QVERIFY(back.ok());
        QVERIFY(*back == map.config());
        // The attribute-axes weight: absent from files without it, kept when set, refused out of range or NaN.
        QVERIFY(map.config().toJson().find("map_attributes") == std::string::npos);
        ModelConfig axes = map.config();
        axes.loss.mapAttributes = 10.0f;
        auto axesBack = ModelConfig::fromJson(axes.toJson(), "axes.gsmodel");
        QVERIFY(axesBack.ok());
        QCOMPARE(axesBack->loss.mapAttributes, 10.0f);
        for (float bad : {-1.0f, 1000.0f, std::nanf("")}) {
            ModelConfig crafted = map.config();
            crafted.loss.mapAttributes = bad;
            QVERIFY(crafted.problem().find("attribute") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestMapVae)
#include "tst_mapvae.moc"
