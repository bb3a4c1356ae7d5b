// Replays the fuzzer's seed corpus (bad MIDI files and Groove MIDI Dataset
// files) through the fuzz entry point, plus every prefix and a fixed set of
// byte mutations of the small files, so the harness itself always runs in CI.
#include "fuzz_midi.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace {

std::vector<std::uint8_t> readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The GMD files run-fuzz.sh also seeds with.
const char* const kGmdSeeds[] = {
    "drummer1/session1/1_funk_80_beat_4-4.mid",
    "drummer1/session2/4_jazz_120_beat_3-4.mid",
    "drummer6/session1/3_rock_80_beat_6-8.mid",
    "drummer5/session1/8_latin-venezuelan-merengue_162_beat_5-8.mid",
};

} // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedsAndTheirMutationsRun()
    {
        GS_REQUIRE_SHARED(bad, "bad-midi/jazz-soft");
        std::vector<std::vector<std::uint8_t>> seeds;
        for (const auto& entry : std::filesystem::directory_iterator(bad))
            if (entry.path().extension() == ".mid" || entry.path().extension() == ".syx")
                seeds.push_back(readAll(entry.path()));
        QVERIFY(seeds.size() >= 70);
        for (const char* relative : kGmdSeeds) {
            const std::filesystem::path p = gs::test::sharedPath(std::string("gmd/") + relative);
            QVERIFY2(!p.empty(), relative);
            seeds.push_back(readAll(p));
            QVERIFY(seeds.back().size() > 100);
        }

        std::mt19937 random(20240611);  // fixed: the same inputs every run
        long runs = 0;
        for (const auto& seed : seeds) {
            QCOMPARE(LLVMFuzzerTestOneInput(seed.data(), seed.size()), 0);
            ++runs;
            if (seed.size() > 4096)
                continue;  // prefixes and mutations of the small files are plenty
            for (std::size_t n = 0; n < seed.size(); ++n, ++runs)
                LLVMFuzzerTestOneInput(seed.data(), n);
            for (int m = 0; m < 100 && !seed.empty(); ++m, ++runs) {
                std::vector<std::uint8_t> mutated = seed;
                const int edits = 1 + int(random() % 4);
                for (int e = 0; e < edits; ++e)
                    mutated[random() % mutated.size()] = std::uint8_t(random());
                LLVMFuzzerTestOneInput(mutated.data(), mutated.size());
            }
        }
        qInfo("%ld inputs ran through the fuzz entry point", runs);
        QVERIFY(runs > 20000);
    }
};

QTEST_APPLESS_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
