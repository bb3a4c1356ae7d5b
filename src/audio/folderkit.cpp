// A plain folder of one-shots (declared in kitloader.h): each audio file is
// given a GM note by words in its name (kick/bd, snare/sn, closed/pedal/open
// hat, toms, crash, ride, ...); "soft"/"hard" (or "low"/"high" velocity words)
// in the name become velocity layers, several files for one note round robin.
#include "kitloader.h"
#include "samplefile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>

namespace gs {

namespace {

struct NameRule {
    int note;
    const char* name;
    std::array<const char*, 4> words;  // any of them (nullptr ends the list)
};

// Order matters: more specific words first.
constexpr NameRule kRules[] = {
    {44, "Pedal hi-hat", {"pedal", "foot", nullptr, nullptr}},
    {46, "Open hi-hat", {"open", "ohh", "oh_", nullptr}},
    {42, "Closed hi-hat", {"closed", "hihat", "hat", "chh"}},
    {43, "Low tom", {"tom_lo", "floor", "tom_low", "lotom"}},
    {47, "Mid tom", {"tom_mid", "midtom", "tom_md", nullptr}},
    {50, "High tom", {"tom_hi", "hitom", "tom_high", nullptr}},
    {45, "Tom", {"tom", nullptr, nullptr, nullptr}},
    {55, "Splash", {"splash", nullptr, nullptr, nullptr}},
    {51, "Ride", {"ride", nullptr, nullptr, nullptr}},
    {49, "Crash", {"crash", "cymbal", nullptr, nullptr}},
    {37, "Rim", {"rim", "stick", nullptr, nullptr}},
    {39, "Clap", {"clap", nullptr, nullptr, nullptr}},
    {56, "Cowbell", {"cowbell", "bell", nullptr, nullptr}},
    {38, "Snare", {"snare", "sn_", "snr", "sd_"}},
    {36, "Kick", {"kick", "bd_", "bass", "kck"}},
};

bool isAudio(const std::filesystem::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".wav" || ext == ".flac" || ext == ".ogg" || ext == ".aif" || ext == ".aiff";
}

const NameRule* ruleFor(const std::string& lowerName)
{
    for (const NameRule& rule : kRules)
        for (const char* word : rule.words)
            if (word && lowerName.find(word) != std::string::npos)
                return &rule;
    return nullptr;
}

// 0 soft, 1 medium (no word), 2 hard.
int dynamicOf(const std::string& lowerName)
{
    if (lowerName.find("soft") != std::string::npos || lowerName.find("ghost") != std::string::npos)
        return 0;
    if (lowerName.find("hard") != std::string::npos || lowerName.find("accent") != std::string::npos)
        return 2;
    return 1;
}

} // namespace

Result<std::shared_ptr<const Kit>> loadFolderKit(const std::string& folder, double sampleRate)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() > 3)
            it.disable_recursion_pending();
        if (it->is_regular_file(ec) && isAudio(it->path()))
            files.push_back(it->path());
    }
    if (ec)
        return Error{folder, "cannot list kit folder: " + ec.message()};
    std::sort(files.begin(), files.end());
    SampleCache cache(folder, sampleRate);
    // note -> dynamic -> samples
    std::map<int, std::pair<const NameRule*, std::map<int, std::vector<std::shared_ptr<const SampleData>>>>> byNote;
    for (const fs::path& file : files) {
        std::string lower = file.filename().string();
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        const NameRule* rule = ruleFor(lower);
        if (!rule)
            continue;
        auto sample = cache.load(fs::relative(file, folder, ec).string());
        if (!sample)
            return sample.error();
        auto& entry = byNote[rule->note];
        entry.first = rule;
        entry.second[dynamicOf(lower)].push_back(*sample);
    }
    if (byNote.empty())
        return Error{folder, "no drum samples found (a kit folder needs kit.json, drumkit.xml, or audio files "
                             "named like kick, snare, hihat, tom, crash, ride)"};
    std::vector<KitInstrument> instruments;
    for (auto& [note, entry] : byNote) {
        KitInstrument instrument;
        instrument.name = entry.first->name;
        instrument.notes = {note};
        if (note == 42 || note == 44 || note == 46)
            instrument.chokeGroup = 1;
        const auto& dynamics = entry.second;
        const int count = int(dynamics.size());
        int index = 0;
        for (const auto& [dynamic, samples] : dynamics) {
            KitLayer layer;
            layer.minVelocity = index == 0 ? 0 : 128 * index / count;
            layer.maxVelocity = index + 1 == count ? 127 : 128 * (index + 1) / count - 1;
            layer.samples = samples;
            instrument.layers.push_back(std::move(layer));
            ++index;
        }
        instruments.push_back(std::move(instrument));
    }
    return std::shared_ptr<const Kit>(
        std::make_shared<Kit>(fs::path(folder).filename().string(), folder, sampleRate, std::move(instruments)));
}

} // namespace gs
