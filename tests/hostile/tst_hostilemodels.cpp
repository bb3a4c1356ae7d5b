// Hostile model files (issue 18.3, 18.8): mutations of the bundled models, and crafted files with
// valid checksums whose config does not match the weights, asks for a model of absurd size, or has
// the wrong JSON types. Model::load and readModelHeader must give a clear error naming the file
// (the first mismatching tensor, for config vs weights), never a torch backtrace, and never ask
// torch for the memory a crafted config describes.
#include "hostilecases.h"
#include "testdata.h"

#include "model/mapfactory.h"
#include "model/modelheader.h"
#include "model/internal/modelinternal.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

using namespace gs;
using namespace gs::test;

namespace {

constexpr std::size_t kHeader = 48;

std::uint64_t u64At(const std::string& b, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t(std::uint8_t(b[at + std::size_t(i)])) << (8 * i);
    return v;
}

void putU64(std::string& b, std::size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        b[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
}

struct Parts {
    std::string meta, weights, optim;
};

Parts split(const std::string& file)
{
    const std::uint64_t m = u64At(file, 16), w = u64At(file, 24), o = u64At(file, 32);
    return {file.substr(kHeader, m), file.substr(kHeader + m, w), file.substr(kHeader + m + w, o)};
}

// A model file with these sections and a valid checksum (FNV-1a 64, as modelfile.cpp).
std::string assemble(const std::string& head, const Parts& p)
{
    std::string out = head.substr(0, kHeader);
    putU64(out, 16, p.meta.size());
    putU64(out, 24, p.weights.size());
    putU64(out, 32, p.optim.size());
    const std::string payload = p.meta + p.weights + p.optim;
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : payload) {
        h ^= std::uint8_t(c);
        h *= 0x100000001b3ull;
    }
    putU64(out, 40, h);
    return out + payload;
}

Verdict verdictOfLoad(const std::string& path)
{
    Verdict v;
    const Result<Model> m = Model::load(path);
    v.accepted = m.ok();
    if (!m) {
        v.errorFile = m.error().file;
        v.message = m.error().message;
        // A torch backtrace or message of several lines is not a clear error.
        if (v.message.find('\n') != std::string::npos || v.message.find("Exception raised from") != std::string::npos)
            v.errorFile = "(torch text)";
    }
    return v;
}

Verdict verdictOfHeader(const std::string& path)
{
    Verdict v;
    const Result<ModelHeader> h = readModelHeader(path);
    v.accepted = h.ok();
    if (!h) {
        v.errorFile = h.error().file;
        v.message = h.error().message;
    }
    return v;
}

} // namespace

class TestHostileModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void weightValuesMatchRealModules()
    {
        // The torch-free size check counts what torch builds, for both model types and odd grids.
        for (const std::string type : {"rhythmvae", "recurrent", "transformer"}) {
            for (int latent : {2, 5}) {
                ModelConfig c;
                c.type = type;
                c.latent = latent;
                c.hidden = 24;
                c.decoderHidden = 40;
                c.rnnHidden = 16;
                c.transformer.inputMode = latent == 2 ? "full" : "groove";
                c.transformer.encoderDModel = 12;
                c.transformer.encoderHeads = 3;
                c.transformer.decoderDModel = 8;
                c.transformer.decoderHeads = 2;
                c.transformer.styles = {"rock"};
                c.grid = Grid{1, 12, Meter{7, 8}};
                Model m = Model::create(c, 1).value();
                std::uint64_t values = 0;
                for (const auto& p : module(m)->parameters())
                    values += std::uint64_t(p.numel());
                for (const auto& b : module(m)->buffers())
                    values += std::uint64_t(b.numel());
                QCOMPARE(c.weightValues(), values);
            }
        }
    }

    void craftedMapModels()
    {
        // A map embeds its base: the base's config is checked against the weights like the map's own,
        // and counted in the room the weights section must have.
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        Model map = createMapModel(Model::load((sourceDir() / "models/recurrent-32d-flat.gsmodel").string()).value(),
            MapSettings{}, 1)
                        .value();
        const fs::path good = dir / "map.gsmodel";
        QVERIFY(map.save(good.string()).ok());
        const std::string file = readFileText(good);
        auto crafted = [&](const char* name, auto&& change) {
            Parts p = split(file);
            nlohmann::json meta = nlohmann::json::parse(p.meta);
            change(meta["config"]);
            p.meta = meta.dump();
            const fs::path out = dir / name;
            writeFileText(out, assemble(file, p));
            const Result<Model> m = Model::load(out.string());
            if (m.ok())
                return std::string("accepted");
            if (m.error().file != out.string())
                return std::string("error does not name the file");
            return m.error().message;
        };
        const std::string huge = crafted("huge.gsmodel", [](nlohmann::json& c) { c["base"]["rnn_hidden"] = 4096; });
        QVERIFY2(huge.find("inconsistent model file") != std::string::npos, huge.c_str());
        const std::string latent = crafted("latent.gsmodel", [](nlohmann::json& c) { c["base"]["latent"] = 16; });
        QVERIFY2(latent.find("do not match") != std::string::npos, latent.c_str());
        const std::string nested = crafted("nested.gsmodel", [](nlohmann::json& c) { c["base"]["type"] = "map"; });
        QVERIFY2(nested.find("cannot itself be a map") != std::string::npos, nested.c_str());
        const std::string orphan = crafted("orphan.gsmodel", [](nlohmann::json& c) { c.erase("base"); });
        QVERIFY2(orphan.find("base") != std::string::npos, orphan.c_str());
        QVERIFY(Model::load(good.string()).ok());
    }

    void mismatchNamesTheTensor()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const std::string file = readFileText(sourceDir() / "models/rhythmvae-2d.gsmodel");
        Parts p = split(file);
        nlohmann::json meta = nlohmann::json::parse(p.meta);
        meta["config"]["latent"] = 3;
        p.meta = meta.dump();
        const fs::path out = dir / "latent3.gsmodel";
        writeFileText(out, assemble(file, p));
        const Result<Model> m = Model::load(out.string());
        QVERIFY(!m);
        QCOMPARE(m.error().file, out.string());
        QVERIFY2(m.error().message.find("tensor mu.weight has shape [2, 512] in the file; the config needs [3, 512]")
                != std::string::npos,
            m.error().message.c_str());
    }

    void hostileModels()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        std::vector<HostileCase> loadCases, headerCases;
        for (const char* name : {"rhythmvae-2d", "recurrent-32d-flat"}) {
            const std::string file = readFileText(sourceDir() / "models" / (std::string(name) + ".gsmodel"));
            QVERIFY(file.size() > kHeader);
            for (HostileCase c : mutationsOf(file, dir, name, ".gsmodel", 25, true)) {
                loadCases.push_back(c);
                // The header reader skips the weights (and so their checksum): a flip there may load.
                c.mustRefuse = c.name.rfind("truncated", 0) == 0;
                headerCases.push_back(c);
            }
            const Parts real = split(file);
            const auto crafted = [&](const std::string& what, const std::function<void(nlohmann::json&)>& change,
                                     bool headerMustRefuse) {
                Parts p = real;
                nlohmann::json meta = nlohmann::json::parse(p.meta);
                change(meta);
                p.meta = meta.dump();
                const fs::path out = dir / (std::string(name) + "-" + what + ".gsmodel");
                writeFileText(out, assemble(file, p));
                loadCases.push_back({what, out.string(), true});
                if (headerMustRefuse)
                    headerCases.push_back({what, out.string(), true});
            };
            // Config vs weights: loads only with a clear error naming the tensor.
            crafted("latent+1", [](auto& j) { j["config"]["latent"] = j["config"]["latent"].template get<int>() + 1; }, false);
            crafted("half-width", [](auto& j) {
                j["config"]["hidden"] = j["config"]["hidden"].template get<int>() / 2;
                j["config"]["rnn_hidden"] = j["config"]["rnn_hidden"].template get<int>() / 2;
            }, false);
            crafted("other-type", [](auto& j) {
                j["config"]["type"] = j["config"]["type"] == "recurrent" ? "rhythmvae" : "recurrent";
            }, false);
            crafted("one-voice-more", [](auto& j) {
                j["config"]["drum_map"]["voices"].push_back({{"name", "extra"}, {"notes", {90}}});
            }, false);
            // A RhythmVAE's weights depend on the bars, a recurrent model's on the steps per bar only.
            crafted("other-grid", [](auto& j) {
                if (j["config"]["type"] == "recurrent")
                    j["config"]["grid"]["steps_per_beat"] = 12;
                else
                    j["config"]["grid"]["bars"] = j["config"]["grid"]["bars"].template get<int>() + 1;
            }, false);
            // Sizes torch would need gigabytes for: refused before any allocation, by both readers.
            crafted("huge-widths", [](auto& j) {
                j["config"]["hidden"] = 8192;
                j["config"]["decoder_hidden"] = 8192;
                j["config"]["rnn_hidden"] = 4096;
            }, true);
            crafted("huge-grid", [](auto& j) {
                j["config"]["grid"] = {{"bars", 16}, {"steps_per_beat", 24}, {"meter", {32, 1}}};
            }, true);
            // Wrong JSON types anywhere in the metadata.
            crafted("latent-string", [](auto& j) { j["config"]["latent"] = "2"; }, true);
            crafted("map-name-number", [](auto& j) { j["config"]["drum_map"]["name"] = 5; }, true);
            crafted("voice-name-array", [](auto& j) { j["config"]["drum_map"]["voices"][0]["name"] = {1}; }, true);
            crafted("history-not-array", [](auto& j) { j["history"] = "long"; }, true);
            crafted("dataset-name-number", [](auto& j) { j["dataset"]["name"] = 7; }, true);
            crafted("metrics-string", [](auto& j) { j["metrics"] = {{"x", "y"}}; }, true);
            crafted("meter-0-0", [](auto& j) { j["config"]["grid"]["meter"] = {0, 0}; }, true);
            crafted("latent-1e12", [](auto& j) { j["config"]["latent"] = 1e12; }, true);
        }
        // The weights of one model under the other's config.
        {
            const std::string a = readFileText(sourceDir() / "models/rhythmvae-2d.gsmodel");
            const std::string b = readFileText(sourceDir() / "models/recurrent-32d-flat.gsmodel");
            Parts pa = split(a);
            pa.weights = split(b).weights;
            pa.optim.clear();
            const fs::path out = dir / "swapped-weights.gsmodel";
            writeFileText(out, assemble(a, pa));
            loadCases.push_back({"recurrent weights under a RhythmVAE config", out.string(), true});
        }
        for (const HostileCase& c : specialFiles(dir)) {
            loadCases.push_back(c);
            headerCases.push_back(c);
        }
        for (const HostileCase& c : loadCases)
            runCase("model (load)", c, verdictOfLoad, std::chrono::seconds(60));
        for (const HostileCase& c : headerCases)
            runCase("model (header)", c, verdictOfHeader, std::chrono::seconds(20));
        QVERIFY(tallies()["model (load)"].tried >= 100);
    }

    void cleanupTestCase() { reportTallies(); }
};

QTEST_GUILESS_MAIN(TestHostileModels)
#include "tst_hostilemodels.moc"
