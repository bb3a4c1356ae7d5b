// Replays seeds of the kit fuzzer (the bundled acoustic kit.json, the Hydrogen test kit's
// drumkit.xml, an SFZ of the same samples, a small SF2 built by the tests) and fixed, seeded
// mutations of them (truncations and byte edits) through its entry point, so the harness runs
// in CI with the normal compiler, in bounded time.
#include "fuzz_kits.h"
#include "testdata.h"

#include "sf2builder.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <random>

namespace {

std::vector<std::uint8_t> tagged(std::uint8_t tag, const std::vector<std::uint8_t>& bytes)
{
    std::vector<std::uint8_t> v{tag};
    v.insert(v.end(), bytes.begin(), bytes.end());
    return v;
}

std::vector<std::uint8_t> fileBytes(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> textBytes(const std::string& text) { return {text.begin(), text.end()}; }

} // namespace

class TestFuzzKits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedsAndTheirMutationsRun()
    {
        const auto source = gs::test::sourceDir();
        QVERIFY(fuzzKitsSetUp((source / "assets/kits/acoustic/samples").string()));
        const std::vector<std::vector<std::uint8_t>> seeds{
            tagged(0, fileBytes(source / "assets/kits/acoustic/kit.json")),
            tagged(1, fileBytes(source / "tests/audio/data/hydrogen-kit/drumkit.xml")),
            tagged(2, textBytes("<group> ampeg_release=0.3\n"
                                "<region> sample=samples/drum_bass_hard.flac key=36 lovel=64\n"
                                "<region> sample=samples/drum_bass_soft.flac key=36 hivel=63\n"
                                "<region> sample=drum_snare_hard.flac key=38 seq_length=2 seq_position=1\n"
                                "<region> sample=drum_snare_soft.flac key=38 seq_length=2 seq_position=2\n"
                                "<region> sample=drum_cymbal_closed.flac key=42 group=1 off_by=2\n"
                                "<region> sample=drum_cymbal_open.flac key=46 group=2 off_by=1 volume=-3 pan=20 tune=-5\n")),
            tagged(3, gs::test::Sf2Builder::build())};
        for (const auto& seed : seeds)
            QVERIFY(seed.size() > 100);
        std::mt19937 random(20261218);
        long runs = 0;
        for (const auto& seed : seeds) {
            QCOMPARE(LLVMFuzzerTestOneInput(seed.data(), seed.size()), 0);
            for (std::size_t n = 1; n < seed.size(); n += 1 + seed.size() / 40, ++runs)
                LLVMFuzzerTestOneInput(seed.data(), n);
            for (int m = 0; m < 150; ++m, ++runs) {
                std::vector<std::uint8_t> mutated = seed;
                const int edits = 1 + int(random() % 4);
                for (int e = 0; e < edits; ++e) {
                    const std::size_t at = 1 + random() % (mutated.size() - 1);
                    // Half the edits write a digit or a sign: numbers in text formats grow, shrink, turn negative.
                    mutated[at] = random() % 2 ? std::uint8_t("0123456789-.e9"[random() % 14]) : std::uint8_t(random());
                }
                LLVMFuzzerTestOneInput(mutated.data(), mutated.size());
            }
        }
        qInfo("%ld inputs ran through the kits fuzz entry point (kit.json, drumkit.xml, SFZ, SF2)", runs);
        QVERIFY(runs > 600);
    }
};

QTEST_GUILESS_MAIN(TestFuzzKits)
#include "tst_fuzz_kits.moc"
