// SFZ drum kits (declared in kitloader.h): regions become instruments, one
// per set of keys that plays the same regions at the same pitch. Regions with
// the same velocity range form a layer; seq_position orders its round robin.
// group/off_by pairs become one choke group. Regions whose sample cannot be
// read are skipped with a warning naming the file; opcodes we do not play are
// listed once in the kit's report.
#include "kitloader.h"
#include "keynames.h"
#include "kitregions.h"
#include "samplefile.h"
#include "sfzparser.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace gs {

namespace {

namespace fs = std::filesystem;

// Opcodes we read; loop_* and off_mode are known and meant to be ignored (one-shot drums).
const std::set<std::string> kKnown = {"sample", "key", "lokey", "hikey", "lovel", "hivel", "seq_length", "seq_position",
    "group", "off_by", "volume", "pan", "tune", "pitch_keycenter", "transpose", "pitch_keytrack", "loop_mode",
    "loop_start", "loop_end", "trigger", "off_mode"};

struct Region {
    std::shared_ptr<const SampleData> sample;
    std::string sampleName;
    int lokey = 0, hikey = 127, keycenter = 60;
    int lovel = 0, hivel = 127;
    int seqPosition = 1;
    long group = 0, offBy = 0;
    float volumeDb = 0.0f, pan = 0.0f, tuneCents = 0.0f, transpose = 0.0f, keytrack = 100.0f;
    std::vector<float> velocityGain;  // from amp_velcurve_N; empty when the region has none
};

double numberOr(const std::map<std::string, std::string>& op, const char* key, double fallback)
{
    auto it = op.find(key);
    if (it == op.end())
        return fallback;
    try {
        const double v = std::stod(it->second);
        return std::isfinite(v) ? v : fallback;
    } catch (...) {
        return fallback;
    }
}

// amp_velcurve_N (N 0..127, gain 0..1): the points given, straight lines between them; velocity 0
// is 0 and velocity 127 is 1 unless given. Empty when the region gives no point.
std::vector<float> velocityCurve(const std::map<std::string, std::string>& op)
{
    std::map<int, float> points;
    const std::string prefix = "amp_velcurve_";
    for (auto it = op.lower_bound(prefix); it != op.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        const std::string n = it->first.substr(prefix.size());
        if (n.empty() || n.size() > 3 || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        const int velocity = std::stoi(n);
        if (velocity <= 127)
            points[velocity] = float(std::clamp(numberOr(op, it->first.c_str(), 1.0), 0.0, 1.0));
    }
    if (points.empty())
        return {};
    points.try_emplace(0, 0.0f);
    points.try_emplace(127, 1.0f);
    std::vector<float> curve(static_cast<std::size_t>(KitLayer::kVelocities), 0.0f);
    auto hi = points.begin();
    for (int v = 0; v < KitLayer::kVelocities; ++v) {
        while (hi->first < v)
            ++hi;
        if (hi->first == v || hi == points.begin()) {
            curve[std::size_t(v)] = hi->second;
            continue;
        }
        const auto lo = std::prev(hi);
        const float t = float(v - lo->first) / float(hi->first - lo->first);
        curve[std::size_t(v)] = lo->second + t * (hi->second - lo->second);
    }
    return curve;
}

int noteOr(const std::map<std::string, std::string>& op, const char* key, int fallback)
{
    auto it = op.find(key);
    if (it == op.end())
        return fallback;
    const int n = sfzNote(it->second);
    return n >= 0 ? n : fallback;
}

// Choke groups: SFZ groups joined by off_by relations share one (union-find over group numbers).
std::map<long, int> chokeGroups(const std::vector<Region>& regions)
{
    std::map<long, long> parent;
    std::function<long(long)> find = [&](long g) {
        auto it = parent.find(g);
        if (it == parent.end() || it->second == g)
            return g;
        return it->second = find(it->second);
    };
    for (const Region& r : regions) {
        if (r.group == 0 || r.offBy == 0)
            continue;
        parent.try_emplace(r.group, r.group);
        parent.try_emplace(r.offBy, r.offBy);
        parent[find(r.group)] = find(r.offBy);
    }
    std::map<long, int> out, ids;
    for (const auto& [g, p] : parent) {
        const long root = find(g);
        out[g] = ids.try_emplace(root, int(ids.size()) + 1).first->second;
    }
    return out;
}

} // namespace

Result<std::shared_ptr<const Kit>> loadSfzKit(const std::string& sfzPath, double sampleRate)
{
    const std::string folder = fs::path(sfzPath).parent_path().string();
    const std::string root = folder.empty() ? "." : folder;
    auto file = parseSfzFile(sfzPath, root);
    if (!file)
        return file.error();
    KitReport report;
    report.warnings = file->warnings;
    SampleCache cache(root, sampleRate);
    std::set<std::string> unknown;
    std::vector<Region> regions;
    for (const SfzRegion& in : file->regions) {
        const auto& op = in.opcodes;
        for (const auto& [key, value] : op) {
            if (key.rfind("amp_velcurve_", 0) != 0 && !kKnown.count(key))
                unknown.insert(key);
        }
        if (auto t = op.find("trigger"); t != op.end() && t->second != "attack")
            continue;  // release and legato triggers: not for one-shot drums
        auto s = op.find("sample");
        if (s == op.end() || s->second.empty() || s->second[0] == '*')
            continue;  // no sample, or a generator (*sine, *silence)
        Region r;
        r.sampleName = in.defaultPath + s->second;
        std::replace(r.sampleName.begin(), r.sampleName.end(), '\\', '/');
        auto sample = cache.load(r.sampleName);
        if (!sample) {
            report.warnings.push_back(sample.error().describe() + " (in " + sfzPath + "; region skipped)");
            continue;
        }
        r.sample = *sample;
        const int key = noteOr(op, "key", -1);
        r.lokey = noteOr(op, "lokey", key >= 0 ? key : 0);
        r.hikey = noteOr(op, "hikey", key >= 0 ? key : 127);
        r.keycenter = noteOr(op, "pitch_keycenter", key >= 0 ? key : 60);
        r.lovel = std::clamp(int(numberOr(op, "lovel", 0)), 0, 127);
        r.hivel = std::clamp(int(numberOr(op, "hivel", 127)), 0, 127);
        const int seqLength = std::clamp(int(numberOr(op, "seq_length", 1)), 1, 100);
        r.seqPosition = std::clamp(int(numberOr(op, "seq_position", 1)), 1, seqLength);
        r.group = long(std::clamp(numberOr(op, "group", 0), -1e9, 1e9));
        r.offBy = long(std::clamp(numberOr(op, "off_by", 0), -1e9, 1e9));
        r.volumeDb = float(std::clamp(numberOr(op, "volume", 0), -144.0, 12.0));
        r.pan = float(std::clamp(numberOr(op, "pan", 0), -100.0, 100.0));
        r.tuneCents = float(std::clamp(numberOr(op, "tune", 0), -9600.0, 9600.0));
        r.transpose = float(std::clamp(numberOr(op, "transpose", 0), -127.0, 127.0));
        r.keytrack = float(std::clamp(numberOr(op, "pitch_keytrack", 100), -1200.0, 1200.0));
        r.velocityGain = velocityCurve(op);
        if (r.lokey <= r.hikey && r.lovel <= r.hivel)
            regions.push_back(std::move(r));
    }
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& k : unknown)
            list += (list.empty() ? "" : ", ") + k;
        report.warnings.push_back(sfzPath + ": opcodes not played: " + list);
    }
    if (regions.empty())
        return Error{sfzPath, "SFZ kit has no region with a readable sample" +
                                  (report.warnings.empty() ? std::string() : " (first problem: " + report.warnings.front() + ")")};

    const std::map<long, int> choke = chokeGroups(regions);
    std::vector<KitRegion> zones;
    for (const Region& r : regions) {
        KitRegion z;
        z.sample = r.sample;
        z.name = fs::path(r.sampleName).stem().string();
        z.lokey = r.lokey;
        z.hikey = r.hikey;
        z.lovel = r.lovel;
        z.hivel = r.hivel;
        z.rootKey = r.keycenter;
        z.keytrack = r.keytrack / 100.0f;
        z.tune = r.transpose + r.tuneCents / 100.0f;
        z.gain = float(std::pow(10.0, r.volumeDb / 20.0));
        z.pan = r.pan / 100.0f;
        if (auto g = choke.find(r.group); g != choke.end())
            z.chokeGroup = g->second;
        z.roundRobin = r.seqPosition;
        z.velocityGain = r.velocityGain;
        zones.push_back(std::move(z));
    }
    std::vector<KitInstrument> instruments = instrumentsFromRegions(zones, sfzPath, report.warnings);
    mapMisnamedKeys(instruments, report);
    const std::string name = fs::path(sfzPath).stem().string();
    auto kit = std::make_shared<Kit>(name, root, sampleRate, std::move(instruments));
    kit->setReport(std::move(report));
    return std::shared_ptr<const Kit>(std::move(kit));
}

} // namespace gs
