// Replays seeds of the files fuzzer (a dataset imported from the demo MIDI, the built-in drum maps,
// the bundled models' configs) and fixed mutations of them through its entry point, so the harness
// runs in CI with the normal compiler.
#include "fuzz_files.h"
#include "testdata.h"

#include "dataset/datasetfile.h"
#include "dataset/importer.h"
#include "model/modelconfig.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

std::vector<std::uint8_t> tagged(char tag, const std::string& text)
{
    std::vector<std::uint8_t> v(text.size() + 1);
    v[0] = std::uint8_t(tag);
    std::copy(text.begin(), text.end(), v.begin() + 1);
    return v;
}

// The metadata section of a model file holds {"config": ...}; the config alone is the seed.
std::string modelConfigText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(48, '\0');
    in.read(head.data(), 48);
    std::uint64_t metaBytes = 0;
    for (int i = 0; i < 8; ++i)
        metaBytes |= std::uint64_t(std::uint8_t(head[16 + std::size_t(i)])) << (8 * i);
    std::string meta(metaBytes, '\0');
    in.read(meta.data(), std::streamsize(metaBytes));
    const std::size_t at = meta.find("\"config\":");
    const std::size_t end = meta.find(",\"dataset\"");  // keys are sorted: config, dataset, history, ...
    if (at == std::string::npos)
        return {};
    return meta.substr(at + 9, end == std::string::npos ? std::string::npos : end - at - 9);
}

} // namespace

class TestFuzzFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedsAndTheirMutationsRun()
    {
        std::vector<std::vector<std::uint8_t>> seeds;
        const auto demo = gs::Importer(gs::ImportSettings{}).run({(gs::test::sourceDir() / "assets/demo/gmd/drummer1").string()});
        QVERIFY(demo && demo->windowCount() > 0);
        seeds.push_back(gs::DatasetFile::encode(*demo));
        seeds.push_back(tagged('\x02', gs::DrumMap::groovae().toJson()));
        seeds.push_back(tagged('\x02', gs::DrumMap::gmGreedy().toJson()));
        for (const char* m : {"models/rhythmvae-2d.gsmodel", "models/recurrent-32d-flat.gsmodel"}) {
            const std::string config = modelConfigText(gs::test::sourceDir() / m);
            QVERIFY2(!config.empty() && gs::ModelConfig::fromJson(config, m).ok(), m);
            seeds.push_back(tagged('\x01', config));
        }
        std::mt19937 random(20261206);
        long runs = 0;
        for (const auto& seed : seeds) {
            QCOMPARE(LLVMFuzzerTestOneInput(seed.data(), seed.size()), 0);
            for (std::size_t n = 0; n < seed.size(); n += 1 + seed.size() / 400, ++runs)
                LLVMFuzzerTestOneInput(seed.data(), n);
            for (int m = 0; m < 400; ++m, ++runs) {
                std::vector<std::uint8_t> mutated = seed;
                const int edits = 1 + int(random() % 4);
                for (int e = 0; e < edits; ++e)
                    mutated[1 + random() % (mutated.size() - 1)] = std::uint8_t(random());
                LLVMFuzzerTestOneInput(mutated.data(), mutated.size());
            }
        }
        qInfo("%ld inputs ran through the files fuzz entry point", runs);
        QVERIFY(runs > 3000);
    }
};

QTEST_GUILESS_MAIN(TestFuzzFiles)
#include "tst_fuzz_files.moc"
