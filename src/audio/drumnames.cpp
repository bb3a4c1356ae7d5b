#include "drumnames.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace gs {

namespace {

struct Words {
    std::string lower;  // the name in lower case
    std::string compact;  // letters only ("tomhi2" -> "tomhi", "Hi-Hat" -> "hihat")
    std::vector<std::string> tokens;  // split at spaces, punctuation and letter/digit changes

    bool has(const char* part) const { return lower.find(part) != std::string::npos; }
    bool hasCompact(const char* part) const { return compact.find(part) != std::string::npos; }
    bool token(const char* word) const { return std::find(tokens.begin(), tokens.end(), word) != tokens.end(); }
    // "Tom", "toms", "tomhi", "floortom": a word about a tom ("Custom" is not).
    bool tomWord() const
    {
        for (const std::string& t : tokens)
            if (t.rfind("tom", 0) == 0 || t == "floor" || t == "floortom" || t == "hitom" || t == "lowtom" ||
                t == "lotom" || t == "midtom" || t == "hightom")
                return true;
        return false;
    }
};

Words wordsOf(const std::string& name)
{
    Words w;
    std::string current;
    auto flush = [&] {
        if (!current.empty())
            w.tokens.push_back(current);
        current.clear();
    };
    for (unsigned char c : name) {
        const char l = char(std::tolower(c));
        w.lower += l;
        if (std::isalpha(c))
            w.compact += l;
        if (!std::isalnum(c)) {
            flush();
            continue;
        }
        if (!current.empty() && bool(std::isdigit(static_cast<unsigned char>(current.back()))) != bool(std::isdigit(c)))
            flush();
        current += l;
    }
    flush();
    return w;
}

DrumName hatName(const Words& w)
{
    if (w.has("pedal") || w.has("foot") || w.token("pd") || w.token("ped"))
        return {DrumClass::PedalHat, 0};
    if (w.has("semi") || w.has("half"))
        return {DrumClass::OpenHat, 1};
    if (w.has("open") || w.token("op") || w.token("ohh") || w.token("oh") || w.token("hho"))
        return {DrumClass::OpenHat, 0};
    if (w.has("clos") || w.token("cl") || w.token("chh") || w.token("hhc"))
        return {DrumClass::ClosedHat, 0};
    if (w.has("choke") || w.has("swish"))
        return {DrumClass::ClosedHat, 2};
    return {DrumClass::ClosedHat, 1};  // a bare "HiHat" is played closed
}

DrumName tomName(const Words& w)
{
    if (w.has("floor") || w.token("low") || w.token("lo") || w.hasCompact("tomlo") || w.hasCompact("lowtom"))
        return {DrumClass::LowTom, 0};
    if (w.token("mid") || w.token("middle") || w.token("md") || w.hasCompact("tommid") || w.hasCompact("midtom") ||
        w.hasCompact("middletom"))
        return {DrumClass::MidTom, 0};
    if (w.token("high") || w.token("hi") || w.token("rack") || w.hasCompact("tomhi") || w.hasCompact("hitom") ||
        w.hasCompact("hightom"))
        return {DrumClass::HighTom, 0};
    // Numbered toms count from the highest rack tom: "Tom 1" high, "Tom 2" mid, "Tom 3" low.
    if (w.token("1"))
        return {DrumClass::HighTom, 1};
    if (w.token("2"))
        return {DrumClass::MidTom, 1};
    if (w.token("3") || w.token("4"))
        return {DrumClass::LowTom, 1};
    return {DrumClass::Tom, 0};
}

bool isTom(DrumClass c) { return c == DrumClass::LowTom || c == DrumClass::MidTom || c == DrumClass::HighTom; }

int tomHeight(DrumClass c) { return c == DrumClass::LowTom ? 0 : c == DrumClass::MidTom ? 1 : 2; }

} // namespace

DrumName classifyDrumName(const std::string& instrumentName)
{
    const Words w = wordsOf(instrumentName);
    // Order matters: "Hi-Hat Pedal" is no kick, "Snare Rimshot" is a snare, "Cowbell" is no ride bell.
    if (w.hasCompact("hat") || w.token("hh") || w.token("ohh") || w.token("chh") || w.token("hho") || w.token("hhc"))
        return hatName(w);
    if (w.has("kick") || w.hasCompact("bassdrum") || w.token("bd") || w.token("kik"))
        return {DrumClass::Kick, 0};
    if (w.has("snare") || w.token("sd") || w.token("snr"))
        return {DrumClass::Snare, w.has("roll") || w.has("brush") ? 1 : 0};
    if (w.tomWord())
        return tomName(w);
    if (w.has("clap"))
        return {DrumClass::Clap, 0};
    if (w.has("stick") || w.has("rim"))
        return {DrumClass::Rim, 0};
    if (w.has("crash"))
        return {w.has("ride") ? DrumClass::CrashRide : DrumClass::Crash, 0};
    if (w.has("china"))
        return {DrumClass::China, 0};
    if (w.has("splash"))
        return {DrumClass::Splash, 0};
    if (w.has("ride"))
        return {w.has("bell") || w.has("cup") ? DrumClass::RideBell : DrumClass::Ride, 0};
    if (w.has("cowbell"))
        return {DrumClass::Cowbell, 0};
    if (w.has("tamb"))
        return {DrumClass::Tambourine, 0};
    if (w.has("cymbal"))
        return {DrumClass::Crash, 2};
    return {};
}

DrumClass drumClassOfNote(int note)
{
    switch (note) {
    case 35: case 36: return DrumClass::Kick;
    case 37: return DrumClass::Rim;
    case 38: case 40: return DrumClass::Snare;
    case 39: return DrumClass::Clap;
    case 41: case 43: return DrumClass::LowTom;
    case 42: return DrumClass::ClosedHat;
    case 44: return DrumClass::PedalHat;
    case 45: case 47: return DrumClass::MidTom;
    case 46: return DrumClass::OpenHat;
    case 48: case 50: return DrumClass::HighTom;
    case 49: case 57: return DrumClass::Crash;
    case 51: case 59: return DrumClass::Ride;
    case 52: return DrumClass::China;
    case 53: return DrumClass::RideBell;
    case 54: return DrumClass::Tambourine;
    case 55: return DrumClass::Splash;
    case 56: return DrumClass::Cowbell;
    default: return DrumClass::None;
    }
}

int drumNameFit(const DrumName& name, int note)
{
    const DrumClass want = drumClassOfNote(note);
    const DrumClass have = name.drum;
    if (want == DrumClass::None || have == DrumClass::None)
        return -1;
    int distance = -1;
    if (have == want)
        distance = 0;
    else if (isTom(want) && have == DrumClass::Tom)
        distance = 1;
    else if (isTom(want) && isTom(have))
        distance = 1 + std::abs(tomHeight(want) - tomHeight(have));  // a kit with fewer toms than voices
    else if (want == DrumClass::PedalHat && have == DrumClass::ClosedHat)
        distance = 2;
    else if ((want == DrumClass::Crash || want == DrumClass::Ride) && have == DrumClass::CrashRide)
        distance = 1;
    else if ((want == DrumClass::Ride && have == DrumClass::RideBell) || (want == DrumClass::RideBell && have == DrumClass::Ride))
        distance = 2;
    else if (want == DrumClass::Crash && (have == DrumClass::China || have == DrumClass::Splash))
        distance = 3;
    return distance < 0 ? -1 : distance + name.penalty;
}

} // namespace gs
