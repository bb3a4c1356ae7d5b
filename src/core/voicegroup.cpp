#include "voicegroup.h"

#include <cstdlib>

namespace gs {

const char* voiceGroupName(VoiceGroup group)
{
    switch (group) {
    case VoiceGroup::Kick: return "kick";
    case VoiceGroup::Snare: return "snare";
    case VoiceGroup::Hats: return "hats";
    case VoiceGroup::Toms: return "toms";
    case VoiceGroup::Cymbals: return "cymbals";
    }
    return "";
}

int voiceGroupOfNote(int note)
{
    switch (note) {
    case 35: case 36: return int(VoiceGroup::Kick);
    case 37: case 38: case 39: case 40: return int(VoiceGroup::Snare);
    case 22: case 26: case 42: case 44: case 46: return int(VoiceGroup::Hats);
    case 41: case 43: case 45: case 47: case 48: case 50: case 58: return int(VoiceGroup::Toms);
    case 49: case 51: case 52: case 53: case 55: case 57: case 59: return int(VoiceGroup::Cymbals);
    default: return -1;
    }
}

std::vector<int> voiceGroups(const DrumMap& map)
{
    std::vector<int> groups;
    for (int v = 0; v < map.voiceCount(); ++v)
        groups.push_back(voiceGroupOfNote(map.outputNote(v)));
    return groups;
}

std::vector<int> redirectTargets(const DrumMap& map, const GroupFlags& without)
{
    static const int fallbacks[kVoiceGroups][3] = {
        {3, 1, 4},  // kick -> toms, snare, cymbals
        {3, 2, 0},  // snare -> toms, hats, kick
        {4, 1, 3},  // hats -> cymbals, snare, toms
        {1, 0, 2},  // toms -> snare, kick, hats
        {2, 1, 3},  // cymbals -> hats, snare, toms
    };
    const std::vector<int> groups = voiceGroups(map);
    std::vector<int> targets(groups.size());
    for (std::size_t v = 0; v < groups.size(); ++v) {
        const int g = groups[v];
        if (g < 0 || !without[std::size_t(g)]) {
            targets[v] = int(v);
            continue;
        }
        targets[v] = -1;
        for (const int to : fallbacks[g]) {
            if (without[std::size_t(to)])
                continue;
            int best = -1;
            for (std::size_t u = 0; u < groups.size(); ++u) {
                const int distance = std::abs(map.outputNote(int(u)) - map.outputNote(int(v)));
                if (groups[u] == to && (best < 0 || distance < std::abs(map.outputNote(best) - map.outputNote(int(v)))))
                    best = int(u);
            }
            if (best >= 0) {
                targets[v] = best;
                break;
            }
        }
    }
    return targets;
}

Groove redirectGroove(const Groove& drums, const DrumMap& map, const GroupFlags& without)
{
    const std::vector<int> targets = redirectTargets(map, without);
    Groove out(drums.grid(), drums.voices());
    for (int s = 0; s < drums.steps(); ++s)
        for (int v = 0; v < drums.voices(); ++v) {
            const int to = std::size_t(v) < targets.size() ? targets[std::size_t(v)] : v;
            if (drums.hit(s, v) && to >= 0)
                out.mergeHit(s, to, drums.velocity(s, v), drums.offset(s, v));
        }
    return out;
}

} // namespace gs
