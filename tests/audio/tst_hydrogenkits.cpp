// Every Hydrogen kit Debian packages (hydrogen-drumkits, hydrogen-drumkits-effects)
// loads and plays a real Groove MIDI Dataset groove with the right drums: the
// kick voice plays an instrument named like a kick wherever the kit has one,
// hats play hats, toms play toms; and no voice is silent where the kit has an
// instrument for it. The checks read names with their own word lists, not the
// loader's, so they catch a mapping that is wrong in the loader's own terms.
// Prints one table row per kit (the closing table).
#include "audio/kitvoices.h"
#include "audiotest.h"
#include "midi/groovemidi.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <filesystem>
#include <numeric>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

const fs::path kDrumkits = "/usr/share/hydrogen/data/drumkits";
constexpr const char* kGroove = "gmd/drummer7/session3/23_pop-soft_83_beat_4-4.mid";  // all 9 voices in 144 hits

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool hasAny(const std::string& name, std::initializer_list<const char*> words)
{
    const std::string l = lower(name);
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return l.find(w) != std::string::npos; });
}

bool isHat(const std::string& n) { return hasAny(n, {"hat", "hh"}); }
bool isOpenHat(const std::string& n) { return isHat(n) && hasAny(n, {"open", " op", "ohh"}); }
bool isClosedHat(const std::string& n) { return isHat(n) && hasAny(n, {"closed", " cl"}); }
bool isKick(const std::string& n) { return hasAny(n, {"kick", "bass drum", "bassdrum"}); }
bool isTom(const std::string& n) { return hasAny(n, {"tom ", " tom", "tomhi", "floor"}) || lower(n) == "tom"; }

// What the voice of a GrooVAE map must play when the kit has such an instrument (voice order:
// kick, snare, closed hat, open hat, low, mid, high tom, crash, ride).
struct VoiceRule {
    bool (*kitHas)(const std::string&);  // an instrument of the kit this voice should find
    bool (*plays)(const std::string&);  // what the instrument the voice plays must be
};

const VoiceRule kRules[9] = {
    {isKick, isKick},
    {[](const std::string& n) { return hasAny(n, {"snare"}); }, [](const std::string& n) { return hasAny(n, {"snare"}); }},
    {isClosedHat, [](const std::string& n) { return isHat(n) && !isOpenHat(n); }},
    {isOpenHat, isOpenHat},
    {isTom, isTom},
    {isTom, isTom},
    {isTom, isTom},
    {[](const std::string& n) { return hasAny(n, {"crash"}); }, [](const std::string& n) { return hasAny(n, {"crash"}); }},
    {[](const std::string& n) { return hasAny(n, {"ride"}) && !hasAny(n, {"bell", "cup"}); },
     [](const std::string& n) { return hasAny(n, {"ride"}); }},
};

} // namespace

class TestHydrogenKits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyDebianKitPlaysTheRightDrums()
    {
        if (!fs::is_directory(kDrumkits))
            QSKIP("Debian's Hydrogen kits are not installed (apt install hydrogen-drumkits hydrogen-drumkits-effects)");
        GS_REQUIRE_SHARED(clip, kGroove);
        const DrumMap map = DrumMap::groovae();
        auto grooves = readGrooveMidi(clip.string(), map, 1, 4);
        QVERIFY(grooves);
        std::vector<std::shared_ptr<const Pattern>> patterns;
        std::vector<int> hitsPerVoice(9, 0);
        for (const Groove& g : *grooves) {
            patterns.push_back(*Pattern::fromGroove(g, Pattern::notesOf(map)));
            for (int v = 0; v < 9; ++v)
                hitsPerVoice[std::size_t(v)] += g.hitCount(v);
        }
        for (int v = 0; v < 9; ++v)
            QVERIFY2(hitsPerVoice[std::size_t(v)] > 0, "the groove should use every voice");

        std::vector<fs::path> kits;
        for (const auto& entry : fs::directory_iterator(kDrumkits))
            if (fs::is_regular_file(entry.path() / "drumkit.xml"))
                kits.push_back(entry.path());
        std::sort(kits.begin(), kits.end());
        if (kits.empty())
            QSKIP("no kit in /usr/share/hydrogen/data/drumkits (apt install hydrogen-drumkits hydrogen-drumkits-effects)");
        if (kits.size() < 15)
            qWarning("only %d of the 15 kits of hydrogen-drumkits and hydrogen-drumkits-effects are installed", int(kits.size()));
        qInfo("%-24s %5s %5s  %-70s %s", "kit", "instr", "warn", "voices (K S CH OH LT MT HT CR RD: how)", "silent");
        for (const fs::path& dir : kits) {
            const std::string kitName = dir.filename().string();
            auto kit = loadKit(dir.string(), 44100.0);
            QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
            const auto players = voicePlayers(**kit, map);
            QCOMPARE(int(players.size()), 9);
            RenderOptions options;
            options.sampleRate = 44100.0;
            options.tailSeconds = 0.0;
            options.settings.bpm = 120.0;
            const RenderResult r = renderPatterns(patterns, *kit, options);
            QVERIFY(r.frames > 0);
            int expectedSilent = 0;
            std::string row;
            for (int v = 0; v < 9; ++v) {
                const VoicePlayer& p = players[std::size_t(v)];
                if (!p.sounds)
                    expectedSilent += hitsPerVoice[std::size_t(v)];
                row += (p.instrument >= 0 ? p.instrumentName.substr(0, 12) : std::string("-")) + ":" + p.how + " ";
                // Where the kit has the drum, the voice plays it (not a kick for the snare).
                bool kitHas = false;
                for (const KitInstrument& instrument : (*kit)->instruments())
                    kitHas = kitHas || kRules[v].kitHas(instrument.name);
                if (kitHas) {
                    QVERIFY2(p.instrument >= 0 && kRules[v].plays(p.instrumentName),
                        qPrintable(QString("%1: voice %2 plays \"%3\" (%4)")
                                       .arg(QString::fromStdString(kitName), QString::fromStdString(p.voice),
                                           QString::fromStdString(p.instrumentName), QString::fromStdString(p.how))));
                    QVERIFY2(p.sounds, qPrintable(QString::fromStdString(kitName + ": " + p.voice + " is silent")));
                }
            }
            // The renderer's count of silent hits is the voices' sum: nothing else goes unheard.
            QCOMPARE(std::int64_t(r.hitsSilent), std::int64_t(expectedSilent));
            QCOMPARE(std::int64_t(r.hitsPlayed + r.hitsSilent), std::int64_t(std::accumulate(hitsPerVoice.begin(), hitsPerVoice.end(), 0)));
            qInfo("%-24s %5d %5d  %-70s %d", kitName.c_str(), (*kit)->instrumentCount(), int((*kit)->report().warnings.size()),
                row.c_str(), int(r.hitsSilent));
        }
    }
};

QTEST_GUILESS_MAIN(TestHydrogenKits)
#include "tst_hydrogenkits.moc"
