// Hostile files for the torch-free readers and writers (issue 18): mutations of real files
// (a dataset imported from the demo MIDI, the bundled acoustic kit.json, a drum map), crafted
// files with valid checksums (huge counts, NaN tempos and velocities, meter 0/0, wrong JSON
// types), and special files. Every case must end in a clear error naming the file, or (for a
// mutation that is still a valid file) a result that keeps the format's invariants. The
// writers: a planted symlink never redirects a write, errors are precise, no temp is left.
#include "hostilecases.h"
#include "testdata.h"

#include "audio/audiofile.h"
#include "audio/kit.h"
#include "audio/kitloader.h"
#include "core/atomicfile.h"
#include "core/drummap.h"
#include "core/filereader.h"
#include "dataset/bytestream.h"
#include "dataset/contenthash.h"
#include "dataset/datasetfile.h"
#include "dataset/importer.h"
#include "dataset/infocsv.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

#include <cmath>
#include <limits>
#include <utime.h>

using namespace gs;
using namespace gs::test;

namespace {

template <typename T>
Verdict verdictOf(const Result<T>& r)
{
    Verdict v;
    v.accepted = r.ok();
    if (!r.ok()) {
        v.errorFile = r.error().file;
        v.message = r.error().message;
    }
    return v;
}

Verdict readDataset(const std::string& path)
{
    const Result<Dataset> r = DatasetFile::load(path);
    Verdict v = verdictOf(r);
    if (r.ok()) {
        v.message = std::to_string(r->windowCount()) + " windows";
        for (const DatasetWindow& w : r->windows()) {
            v.sane = v.sane && plausibleBpm(w.bpm) && w.groove.voices() == r->voiceCount();
            for (float x : w.groove.velocities())
                v.sane = v.sane && std::isfinite(x) && x >= 0.0f && x <= 1.0f;
        }
        for (const FileRecord& f : r->files())
            v.sane = v.sane && plausibleBpm(f.bpm) && f.meter.valid();
    }
    return v;
}

Verdict readDrumMap(const std::string& path)
{
    const Result<DrumMap> r = DrumMap::fromJson(path);
    Verdict v = verdictOf(r);
    if (r.ok()) {
        v.message = std::to_string(r->voiceCount()) + " voices";
        v.sane = r->voiceCount() >= 1 && r->voiceCount() <= 64;
        for (const DrumVoice& voice : r->voices())
            v.sane = v.sane && voice.outputNote >= 0 && voice.outputNote <= 127;
    }
    return v;
}

Verdict readKit(const std::string& path)
{
    const auto r = loadJsonKit(path, 48000.0);
    Verdict v = verdictOf(r);
    if (r.ok()) {
        v.message = std::to_string((*r)->instruments().size()) + " instruments";
        for (const KitInstrument& i : (*r)->instruments()) {
            v.sane = v.sane && std::isfinite(i.gain) && i.gain >= 0.0f && i.gain <= Kit::kMaxGain && i.tune >= -24.0f
                && i.tune <= 24.0f;
            for (const KitLayer& l : i.layers)
                v.sane = v.sane && std::isfinite(l.gain) && l.gain >= 0.0f && l.gain <= Kit::kMaxGain;
        }
    }
    return v;
}

// A .gsd payload written field by field, so a crafted file has a valid checksum.
struct CraftedWindow {
    std::int32_t file = 0, firstBar = 0, bars = 2, stepsPerBeat = 4, num = 4, den = 4, voices = 9;
    float bpm = 120.0f;
    std::vector<std::tuple<std::uint32_t, float, float>> hits;
};

std::string craftDataset(const std::string& mapJson, std::uint32_t fileCount, double fileBpm, std::int32_t meterNum,
    std::int32_t meterDen, std::uint32_t windowCount, const std::vector<CraftedWindow>& windows)
{
    ByteWriter p;
    p.putString(mapJson);
    for (std::int32_t v : {2, 4, 0, 6})
        p.put(v);
    p.put(std::uint8_t(1));
    p.put(std::uint64_t(1));
    p.put(1.0 / 6.0);
    p.put(std::int32_t(0));
    p.put(std::int32_t(0));
    p.put(fileCount);
    for (std::uint32_t i = 0; i < std::min<std::uint32_t>(fileCount, 4); ++i) {
        p.putString("f.mid");
        p.put(std::uint64_t(1));
        p.put(std::uint64_t(100));
        p.put(std::uint8_t(0));
        p.putString("");
        for (int k = 0; k < 5; ++k)
            p.put(std::int32_t(1));
        p.put(std::uint32_t(0));
        p.putString("rock");
        p.put(std::uint8_t(0));
        p.put(fileBpm);
        p.put(meterNum);
        p.put(meterDen);
        p.put(std::uint8_t(0));
        p.put(std::uint8_t(0));
    }
    p.put(windowCount);
    for (const CraftedWindow& w : windows) {
        for (std::int32_t v : {w.file, w.firstBar, w.bars, w.stepsPerBeat, w.num, w.den, w.voices})
            p.put(v);
        p.put(w.bpm);
        p.put(std::uint32_t(w.hits.size()));
        for (const auto& [cell, vel, off] : w.hits) {
            p.put(cell);
            p.put(vel);
            p.put(off);
        }
    }
    ByteWriter h;
    for (char c : DatasetFile::kMagic)
        h.put(std::uint8_t(c));
    h.put(std::uint32_t(1));  // version 1's layout (no drum channels): the old reader path meets hostile bytes too
    h.put(std::uint64_t(p.bytes().size()));
    h.put(fnv1a64(p.bytes().data(), p.bytes().size()));
    std::string out(h.bytes().begin(), h.bytes().end());
    out.append(p.bytes().begin(), p.bytes().end());
    return out;
}

Dataset demoDataset()
{
    const fs::path demo = sourceDir() / "assets/demo/gmd/drummer1";
    Result<Dataset> d = Importer(ImportSettings{}).run({demo.string()});
    if (!d || d->windowCount() == 0)
        qFatal("cannot import the demo MIDI at %s", demo.c_str());
    return std::move(d).value();
}

std::string dumpJson(const nlohmann::json& j) { return j.dump(); }

} // namespace

class TestHostileFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void datasets()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const Dataset real = demoDataset();
        const std::vector<std::uint8_t> encoded = DatasetFile::encode(real);
        const std::string bytes(encoded.begin(), encoded.end());
        std::vector<HostileCase> cases = mutationsOf(bytes, dir, "real", ".gsd", 40, true);

        // Values a reader must refuse, in files with valid checksums (re-encoded).
        const auto variant = [&](const std::string& name, const std::function<void(Dataset&)>& change) {
            Dataset d = real;
            change(d);
            const std::vector<std::uint8_t> b = DatasetFile::encode(d);
            const fs::path p = dir / (name + ".gsd");
            writeFileText(p, std::string(b.begin(), b.end()));
            cases.push_back({name, p.string(), true});
        };
        const float nan = std::numeric_limits<float>::quiet_NaN();
        variant("window-tempo-nan", [&](Dataset& d) { d.windows()[0].bpm = nan; });
        variant("window-tempo-negative", [&](Dataset& d) { d.windows()[0].bpm = -120.0f; });
        variant("window-tempo-1e30", [&](Dataset& d) { d.windows()[0].bpm = 1e30f; });
        variant("file-tempo-nan", [&](Dataset& d) { d.files()[0].bpm = double(nan); });
        variant("file-tempo-negative", [&](Dataset& d) { d.files()[0].bpm = -1.0; });
        variant("file-meter-0-0", [&](Dataset& d) { d.files()[0].meter = Meter{0, 0}; });
        variant("velocity-nan", [&](Dataset& d) {
            Groove& g = d.windows()[0].groove;
            for (std::size_t i = 0; i < g.cells(); ++i)
                if (g.hits()[i] > 0.5f)
                    g.velocities()[i] = nan;
        });
        variant("offset-inf", [&](Dataset& d) {
            Groove& g = d.windows()[0].groove;
            for (std::size_t i = 0; i < g.cells(); ++i)
                if (g.hits()[i] > 0.5f)
                    g.offsets()[i] = std::numeric_limits<float>::infinity();
        });
        variant("validation-share-nan", [&](Dataset& d) { d.settings().validationFraction = double(nan); });
        // Version 2's drum channels: channels that are no MIDI channel, negative or impossible counts.
        variant("drum-channel-0", [&](Dataset& d) { d.settings().drumChannel = 0; });
        variant("drum-channel-17", [&](Dataset& d) { d.settings().drumChannel = 17; });
        variant("file-drum-channel-minus-1", [&](Dataset& d) { d.settings().fileDrumChannels["x.mid"] = -1; });
        variant("record-drum-channel-99", [&](Dataset& d) { d.files()[0].drumChannel = 99; });
        variant("other-channel-notes-negative", [&](Dataset& d) { d.files()[0].otherChannelNotes[3] = -5; });
        variant("other-channel-0", [&](Dataset& d) { d.files()[0].otherChannelNotes[0] = 12; });
        variant("other-channel-is-the-drum-channel", [&](Dataset& d) { d.files()[0].otherChannelNotes[10] = 12; });

        // Crafted headers: counts far beyond what the bytes hold, and the memory bomb of the issue
        // (a few KB of windows on the largest valid grid: gigabytes once held densely).
        const std::string map = DrumMap::groovae().toJson();
        const auto crafted = [&](const std::string& name, const std::string& b) {
            const fs::path p = dir / (name + ".gsd");
            writeFileText(p, b);
            cases.push_back({name, p.string(), true});
        };
        crafted("file-count-4G", craftDataset(map, 0xFFFFFFFFu, 120.0, 4, 4, 0, {}));
        crafted("window-count-4G", craftDataset(map, 1, 120.0, 4, 4, 0xFFFFFFFFu, {}));
        CraftedWindow huge;
        huge.bars = 16;
        huge.stepsPerBeat = 24;
        huge.num = 32;
        huge.den = 1;
        crafted("memory-bomb-360-windows", craftDataset(map, 1, 120.0, 4, 4, 360, std::vector<CraftedWindow>(360, huge)));
        crafted("memory-bomb-2000-windows",
            craftDataset(map, 1, 120.0, 4, 4, 2000, std::vector<CraftedWindow>(2000, huge)));
        CraftedWindow meter00;
        meter00.num = 0;
        meter00.den = 0;
        crafted("window-meter-0-0", craftDataset(map, 1, 120.0, 4, 4, 1, {meter00}));
        CraftedWindow tooManyVoices;
        tooManyVoices.voices = 64;
        crafted("window-voices-not-the-maps", craftDataset(map, 1, 120.0, 4, 4, 1, {tooManyVoices}));
        CraftedWindow nanHit;
        nanHit.hits = {{0, std::numeric_limits<float>::quiet_NaN(), 0.0f}};
        crafted("hit-velocity-nan", craftDataset(map, 1, 120.0, 4, 4, 1, {nanHit}));
        nlohmann::json badMap = nlohmann::json::parse(map);
        badMap["name"] = 5;
        crafted("stored-map-name-not-a-string", craftDataset(dumpJson(badMap), 1, 120.0, 4, 4, 0, {}));
        badMap = nlohmann::json::parse(map);
        badMap["voices"][0]["name"] = nlohmann::json::array({1, 2});
        crafted("stored-map-voice-name-array", craftDataset(dumpJson(badMap), 1, 120.0, 4, 4, 0, {}));

        for (const HostileCase& c : cases)
            runCase("dataset (.gsd)", c, readDataset);
        QVERIFY(tallies()["dataset (.gsd)"].tried >= 70);
    }

    void drumMaps()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const std::string base = DrumMap::groovae().toJson();
        std::vector<HostileCase> cases = mutationsOf(base, dir, "map", ".json", 40, false);
        const auto variant = [&](const std::string& name, const std::function<void(nlohmann::json&)>& change,
                                 bool mustRefuse = true) {
            nlohmann::json j = nlohmann::json::parse(base);
            change(j);
            const fs::path p = dir / (name + ".json");
            writeFileText(p, j.dump());
            cases.push_back({name, p.string(), mustRefuse});
        };
        variant("name-number", [](auto& j) { j["name"] = 5; });
        variant("name-object", [](auto& j) { j["name"] = nlohmann::json::object(); });
        variant("voices-object", [](auto& j) { j["voices"] = nlohmann::json::object(); });
        variant("voices-string", [](auto& j) { j["voices"] = "kick"; });
        variant("voice-name-number", [](auto& j) { j["voices"][0]["name"] = 7; });
        variant("voice-name-null", [](auto& j) { j["voices"][1]["name"] = nullptr; });
        variant("note-string", [](auto& j) { j["voices"][0]["notes"][0] = "36"; });
        variant("note-float", [](auto& j) { j["voices"][0]["notes"][0] = 36.5; });
        variant("note-huge", [](auto& j) { j["voices"][0]["notes"][0] = 4294967332ull; });
        variant("note-negative", [](auto& j) { j["voices"][0]["notes"][0] = -1; });
        variant("output-string", [](auto& j) { j["voices"][0]["output"] = "36"; });
        variant("output-1e300", [](auto& j) { j["voices"][0]["output"] = 1e300; });
        variant("65-voices", [](auto& j) {
            for (int i = 0; i < 56; ++i)
                j["voices"].push_back({{"name", "extra"}, {"notes", {60}}});
        });
        // Documented as allowed (file-formats.md: 1 to 64 voices): it must load.
        variant("40-voices", [](auto& j) {
            for (int i = 0; i < 31; ++i)
                j["voices"].push_back({{"name", "extra " + std::to_string(i)}, {"notes", {90 + i}}});
        }, false);
        for (const HostileCase& c : cases)
            runCase("drum map", c, readDrumMap);
        QVERIFY(tallies()["drum map"].tried >= 60);
        QVERIFY(tallies()["drum map"].acceptedValid >= 1);  // the 40-voice map at least
    }

    void kitJson()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const fs::path kit = sourceDir() / "assets/kits/acoustic";
        fs::copy(kit / "samples", dir / "samples", fs::copy_options::recursive);
        const std::string base = readFileText(kit / "kit.json");
        QVERIFY(!base.empty());
        std::vector<HostileCase> cases = mutationsOf(base, dir, "kit", ".json", 30, false);
        const auto variant = [&](const std::string& name, const std::function<void(nlohmann::json&)>& change,
                                 bool mustRefuse = true) {
            nlohmann::json j = nlohmann::json::parse(base);
            change(j);
            const fs::path p = dir / (name + ".json");
            writeFileText(p, j.dump());
            cases.push_back({name, p.string(), mustRefuse});
        };
        const auto first = [](nlohmann::json& j) -> nlohmann::json& { return j["instruments"][0]; };
        variant("kit-name-number", [](auto& j) { j["name"] = 1; });
        variant("instrument-name-number", [&](auto& j) { first(j)["name"] = 2; });
        variant("instrument-name-array", [&](auto& j) { first(j)["name"] = nlohmann::json::array(); });
        variant("mute-string", [&](auto& j) { first(j)["mute"] = "yes"; });
        variant("mute-number", [&](auto& j) { first(j)["mute"] = 1; });
        variant("gain-string", [&](auto& j) { first(j)["gain"] = "loud"; });
        variant("tune-object", [&](auto& j) { first(j)["tune"] = nlohmann::json::object(); });
        variant("pan-string", [&](auto& j) { first(j)["pan"] = "left"; });
        variant("layer-gain-string", [&](auto& j) { first(j)["layers"][0]["gain"] = "x"; });
        variant("velocity-string", [&](auto& j) { first(j)["layers"][0]["velocity"] = {0, "x"}; });
        variant("samples-number", [&](auto& j) { first(j)["layers"][0]["samples"] = {5}; });
        variant("instruments-object", [](auto& j) { j["instruments"] = nlohmann::json::object(); });
        // Absurd values are clamped, not refused: they must load with sane gains and tunes.
        variant("gain-1e308", [&](auto& j) { first(j)["gain"] = 1e308; }, false);
        variant("layer-gain-1e308", [&](auto& j) { first(j)["layers"][0]["gain"] = 1e308; }, false);
        variant("gain-negative", [&](auto& j) { first(j)["gain"] = -5.0; }, false);
        variant("tune-1e6", [&](auto& j) { first(j)["tune"] = 1e6; }, false);
        variant("choke-1e300", [&](auto& j) { first(j)["chokeGroup"] = 1e300; }, false);
        for (const HostileCase& c : cases)
            runCase("kit.json", c, readKit);
        QVERIFY(tallies()["kit.json"].tried >= 45);
    }

    void specialFilesEveryReader()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const std::vector<HostileCase> cases = specialFiles(dir);
        QVERIFY(cases.size() >= 5);
        const std::vector<std::pair<std::string, std::function<Verdict(const std::string&)>>> readers = {
            {"dataset", readDataset}, {"drum map", readDrumMap}, {"kit.json", readKit},
            {"MIDI file", [](const std::string& p) { return verdictOf(readMidiFile(p)); }},
            {"info.csv", [](const std::string& p) { return verdictOf(InfoCsv::read(p)); }},
            {"drumkit.xml", [](const std::string& p) { return verdictOf(loadHydrogenKit(p, 48000.0)); }},
            {"whole file", [](const std::string& p) { return verdictOf(readWholeFile(p, 1 << 20, "file")); }},
        };
        for (const auto& [reader, read] : readers)
            for (HostileCase c : cases) {
                c.name = reader + " given " + c.name;
                runCase("special files", c, read, std::chrono::seconds(5));
            }
    }

    void budgetsAreCheckedBeforeReading()
    {
        QTemporaryDir tmp;
        const fs::path big = fs::path(tmp.path().toStdString()) / "big.json";
        writeFileText(big, std::string(std::size_t(5) << 20, ' '));  // 5 MB of JSON padding
        const Result<DrumMap> map = DrumMap::fromJson(big.string());
        QVERIFY(!map);
        QCOMPARE(map.error().file, big.string());
        QVERIFY2(map.error().message.find("too large") != std::string::npos, map.error().message.c_str());
    }

    void plantedSymlinksNeverRedirectAWrite()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const fs::path victim = dir / "victim.txt";
        writeFileText(victim, "precious");
        const std::string pid = std::to_string(::getpid());
        const Dataset d = demoDataset();
        const fs::path gsd = dir / "out.gsd", mid = dir / "out.mid", wav = dir / "out.wav";
        // The temp names the writers used to take (OUT.tmp-PID, OUT.tmp-PID-N), and the target itself.
        std::vector<fs::path> planted = {dir / ("out.gsd.tmp-" + pid), dir / ("out.mid.tmp-" + pid + "-0"),
            dir / ("out.mid.tmp-" + pid + "-1")};
        for (const fs::path& p : planted)
            fs::create_symlink(victim, p);
        fs::create_symlink(victim, wav);
        QVERIFY(DatasetFile::save(d, gsd.string()));
        Groove g(Grid{}, 9);
        g.setHit(0, 0, 0.8f);
        QVERIFY(writeGrooveMidi(mid.string(), {g}, DrumMap::groovae()));
        std::vector<float> audio(4800, 0.1f);
        QVERIFY(writeAudioFile(wav.string(), audio, 48000.0));
        QCOMPARE(readFileText(victim), std::string("precious"));
        QVERIFY(DatasetFile::load(gsd.string()));
        QVERIFY(readMidiFile(mid.string()));
        QVERIFY(fs::is_regular_file(fs::symlink_status(wav)));  // the link was replaced, not followed
        for (const fs::path& p : planted)
            fs::remove(p);
        const std::vector<std::string> left = tempFilesIn(dir);
        QVERIFY2(left.empty(), left.empty() ? "" : left.front().c_str());
    }

    void writeErrorsArePreciseAndLeaveNothing()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        // The target is a folder with something in it: the rename fails.
        const fs::path folder = dir / "taken.gsd";
        fs::create_directories(folder / "inside");
        const auto check = [&](const Status& s, const std::string& target) {
            QVERIFY(!s);
            QCOMPARE(s.error().file, target);
            const std::string& m = s.error().message;
            QVERIFY2(m.size() < 7 || m.compare(m.size() - 7, 7, "Success") != 0, m.c_str());
            QVERIFY2(tempFilesIn(dir).empty(), m.c_str());
        };
        check(DatasetFile::save(demoDataset(), folder.string()), folder.string());
        check(writeFileAtomically(folder.string(), std::string_view("x")), folder.string());
        const fs::path missing = dir / "no-such-folder" / "x.mid";
        check(writeGrooveMidi(missing.string(), {Groove(Grid{}, 9)}, DrumMap::groovae()), missing.string());
        check(writeAudioFile((dir / "no-such-folder" / "x.wav").string(), std::vector<float>(8, 0.0f), 48000.0),
            (dir / "no-such-folder" / "x.wav").string());
        // A temp that cannot be renamed (the target is a folder) is removed at once.
        auto file = AtomicFile::create((dir / "later.bin").string());
        QVERIFY(file);
        QVERIFY(isAtomicTempName(fs::path((*file)->tempPath()).filename().string()));
        fs::create_directories(dir / "later.bin" / "x");
        QVERIFY((*file)->write("abc", 3));
        check((*file)->commit(), (dir / "later.bin").string());
    }

    void staleTempsAreSweptButLiveOnesKept()
    {
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        const fs::path stale = dir / ".song.mid.gs-tmp-abc123", fresh = dir / ".song.mid.gs-tmp-xyz789";
        const fs::path other = dir / ".notes.txt";
        for (const fs::path& p : {stale, fresh, other})
            writeFileText(p, "x");
        const utimbuf old{std::time(nullptr) - 3600, std::time(nullptr) - 3600};
        QCOMPARE(::utime(stale.c_str(), &old), 0);
        QCOMPARE(::utime(other.c_str(), &old), 0);
        auto live = AtomicFile::create((dir / "live.gsd").string());
        QVERIFY(live);
        QCOMPARE(::utime((*live)->tempPath().c_str(), &old), 0);
        QCOMPARE(sweepStaleTempFiles(dir.string()), 1);
        QVERIFY(!fs::exists(stale));
        QVERIFY(fs::exists(fresh) && fs::exists(other) && fs::exists((*live)->tempPath()));
        QVERIFY((*live)->write("ok", 2));
        QVERIFY((*live)->commit());
        QCOMPARE(readFileText(dir / "live.gsd"), std::string("ok"));
        QVERIFY(!isAtomicTempName("song.mid") && !isAtomicTempName(".song.mid.gs-tmp-ab"));
    }

    void cleanupTestCase() { reportTallies(); }
};

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
