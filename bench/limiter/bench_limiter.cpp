// bench_limiter: what the master limiter costs and how hard the bundled kits
// drive it. On the densest drum tracks of the shared data (OpenMSX songs and
// Groove MIDI Dataset grooves), at the CLI's defaults:
//  1. Engine::process() time per frame with the limiter and without it (the
//     reference), best of three renders, and Limiter::process() alone;
//  2. per bundled kit: the mix's peak before the limiter, samples that would
//     be at full scale without it, frames it turns down by more than 1 dB, and
//     its strongest reduction;
//  3. the audio thread's schedule rebuild for 8,192 hits, now and as it was
//     before (an insertion sort, quadratic when hits come out of order).
// Usage: bench_limiter [SHARED_DATA_FOLDER]. Figures only: nothing passes or fails.
#include "audio/kitloader.h"
#include "audio/limiter.h"
#include "audio/renderer.h"
#include "core/datapaths.h"
#include "audio/schedule.h"
#include "core/drummap.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr double kRate = 48000.0;

const char* const kSongs[] = {
    "openmsx/ttsong_iii_imuh3.mid",
    "openmsx/the_fast_route.mid",
    "openmsx/no_work_song_redfarn.mid",
    "openmsx/boogi_marabi_redfarn.mid",
    "openmsx/busy_schedule.mid",
    "openmsx/flying_scotsman.mid",
    "gmd/drummer5/session2/22_latin-brazilian-frevo_133_beat_4-4.mid",
    "gmd/drummer8/session2/42_highlife_126_beat_4-4.mid",
    "gmd/drummer8/session2/35_latin-brazilian-songo_120_beat_4-4.mid",
    "gmd/drummer1/session1/2_funk_80_beat_4-4.mid",  // a light groove, for contrast
};

struct Song {
    std::string name;
    std::vector<std::shared_ptr<const gs::Pattern>> patterns;
    double bpm = 120.0;
};

bool readSong(const fs::path& path, Song& song)
{
    auto midi = gs::readMidiFile(path.string());
    const gs::DrumMap map = gs::DrumMap::groovae();
    auto grooves = gs::readGrooveMidi(path.string(), map, 1, 4);
    if (!midi || !grooves)
        return false;
    song.name = path.filename().string();
    song.bpm = midi->tempos.empty() ? 120.0 : std::clamp(midi->tempos.front().bpm(), 30.0, 300.0);
    for (const gs::Groove& g : *grooves)
        if (auto p = gs::Pattern::fromGroove(g, gs::Pattern::notesOf(map)))
            song.patterns.push_back(*p);
    return !song.patterns.empty();
}

gs::RenderResult render(const Song& song, const std::shared_ptr<const gs::Kit>& kit, bool limiter)
{
    gs::RenderOptions o;
    o.sampleRate = kRate;
    o.settings.bpm = song.bpm;
    o.settings.limiter = limiter;
    gs::Renderer renderer(o);
    auto r = renderer.render(song.patterns, kit);
    return r ? std::move(*r) : gs::RenderResult{};
}

double bestSecondsPerFrame(const Song& song, const std::shared_ptr<const gs::Kit>& kit, bool limiter)
{
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        const gs::RenderResult r = render(song, kit, limiter);
        if (r.frames > 0)
            best = std::min(best, r.renderSeconds / double(r.frames));
    }
    return best;
}

double limiterSecondsPerFrame(std::vector<float> audio)
{
    gs::Limiter limiter;
    limiter.prepare(kRate);
    const int frames = int(audio.size() / 2);
    const auto t0 = std::chrono::steady_clock::now();
    for (int at = 0; at < frames; at += 256)
        limiter.process(audio.data() + 2 * at, std::min(256, frames - at));
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / std::max(1, frames);
}

// buildSchedule() as it was before: every hit placed in the pattern's order, then an insertion sort by
// frame (stable, quadratic at worst).
int oldBuildSchedule(const gs::Pattern& pattern, const gs::EngineSettings& settings, gs::ScheduledHit* out)
{
    const double fps = gs::framesPerStep(kRate, settings.bpm, pattern.stepsPerBeat);
    const std::int64_t loop = gs::loopFrames(pattern, kRate, settings.bpm);
    int count = 0;
    for (const gs::PatternHit& hit : pattern.hits) {
        const double pos = gs::swingStep(double(hit.step), pattern.stepsPerBeat, settings.swingGrid,
                               settings.swingPercent) + settings.humanize * double(hit.offset) * 0.5;
        std::int64_t frame = std::llround(pos * fps);
        int wrap = 0;
        if (frame < 0) {
            frame += loop;
            wrap = -1;
        } else if (frame >= loop) {
            frame -= loop;
            wrap = 1;
        }
        out[count++] = {std::clamp<std::int64_t>(frame, 0, loop - 1), hit.voice, hit.velocity, wrap, hit.step};
    }
    for (int i = 1; i < count; ++i) {
        const gs::ScheduledHit item = out[i];
        int j = i - 1;
        while (j >= 0 && out[j].frame > item.frame) {
            out[j + 1] = out[j];
            --j;
        }
        out[j + 1] = item;
    }
    return count;
}

// Microseconds per build (best of 20).
template <typename Build>
double buildMicros(Build build)
{
    double best = 1e9;
    for (int i = 0; i < 20; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        build();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best * 1e6;
}

void benchScheduleSort()
{
    // 16 bars, 32 voices, every cell: the most a pattern holds; micro-timing both ways.
    gs::Groove groove(gs::Grid{16, 4, gs::Meter{4, 4}}, 32);
    for (int step = 0; step < 256; ++step)
        for (int v = 0; v < 32; ++v)
            groove.setHit(step, v, 0.8f, float((step * 7 + v * 13) % 21 - 10) / 10.0f);
    auto made = gs::Pattern::fromGroove(groove, std::vector<int>(32, 36));
    if (!made)
        return;
    const gs::Pattern& inOrder = **made;
    // The worst case for an insertion sort: the same hits listed last to first (a pattern not made by fromGroove).
    gs::Pattern reversed = inOrder;
    std::reverse(reversed.hits.begin(), reversed.hits.end());
    const gs::EngineSettings settings;
    std::vector<gs::ScheduledHit> out(std::size_t(gs::Pattern::kMaxHits));
    std::printf("3. Schedule rebuild on the audio thread, %zu hits (microseconds, best of 20)\n", inOrder.hits.size());
    std::printf("%-28s %12s %12s\n", "hits listed", "before", "now");
    for (const gs::Pattern* p : {&inOrder, static_cast<const gs::Pattern*>(&reversed)}) {
        const double before = buildMicros([&] { oldBuildSchedule(*p, settings, out.data()); });
        const double now = buildMicros([&] { gs::buildSchedule(*p, settings, kRate, out.data(), int(out.size())); });
        std::printf("%-28s %12.1f %12.1f\n", p == &inOrder ? "by step, voice (fromGroove)" : "last to first", before, now);
    }
}

} // namespace

int main(int argc, char** argv)
{
    fs::path data = GS_SHARED_DATA_DEFAULT;
    if (const char* env = std::getenv("GS_SHARED_DATA"); env && *env)
        data = env;
    if (argc > 1)
        data = argv[1];
    std::vector<Song> songs;
    for (const char* name : kSongs) {
        Song song;
        if (readSong(data / name, song))
            songs.push_back(std::move(song));
        else
            std::fprintf(stderr, "skipped %s (missing or unreadable)\n", (data / name).c_str());
    }
    if (songs.empty()) {
        std::fprintf(stderr, "no songs found under %s\n", data.c_str());
        return 1;
    }
    const char* kitNames[] = {"acoustic", "gm-standard"};
    std::vector<std::shared_ptr<const gs::Kit>> kits;
    for (const char* name : kitNames) {
        auto kit = gs::loadKit(gs::findData(std::string("assets/kits/") + name).string(), kRate);
        if (!kit) {
            std::fprintf(stderr, "%s\n", kit.error().describe().c_str());
            return 1;
        }
        kits.push_back(*kit);
    }

    std::printf("1. Cost, kit %s, 256-frame blocks, best of 3 (ns per stereo frame)\n", kitNames[0]);
    std::printf("%-58s %10s %10s %8s %10s\n", "song", "without", "with", "diff", "limiter");
    double sumWithout = 0.0, sumWith = 0.0, sumAlone = 0.0;
    for (const Song& song : songs) {
        const double without = bestSecondsPerFrame(song, kits[0], false);
        const double with = bestSecondsPerFrame(song, kits[0], true);
        const double alone = limiterSecondsPerFrame(render(song, kits[0], false).audio);
        sumWithout += without;
        sumWith += with;
        sumAlone += alone;
        std::printf("%-58s %10.1f %10.1f %+8.1f %10.1f\n", song.name.c_str(), without * 1e9, with * 1e9,
            (with - without) * 1e9, alone * 1e9);
    }
    const double n = double(songs.size());
    std::printf("%-58s %10.1f %10.1f %+8.1f %10.1f\n\n", "mean", sumWithout / n * 1e9, sumWith / n * 1e9,
        (sumWith - sumWithout) / n * 1e9, sumAlone / n * 1e9);

    std::printf("2. Gain staging at the defaults (master gain %.2f)\n", double(gs::EngineSettings{}.masterGain));
    for (std::size_t k = 0; k < kits.size(); ++k) {
        std::printf("kit %s\n%-58s %8s %12s %10s %8s %8s\n", kitNames[k], "song", "peak in", "full scale", "limited",
            "max dB", "peak out");
        for (const Song& song : songs) {
            const gs::RenderResult off = render(song, kits[k], false);
            const gs::RenderResult on = render(song, kits[k], true);
            const auto full = std::count_if(off.audio.begin(), off.audio.end(), [](float x) { return std::abs(x) >= 1.0f; });
            float reduction = 0.0f, peakOut = 0.0f;
            for (std::size_t i = 0; i < on.audio.size(); ++i) {
                peakOut = std::max(peakOut, std::abs(on.audio[i]));
                if (std::abs(off.audio[i]) > 0.0f && std::abs(on.audio[i]) > 0.0f)
                    reduction = std::max(reduction, 20.0f * std::log10(std::abs(off.audio[i]) / std::abs(on.audio[i])));
            }
            std::printf("%-58s %8.3f %12lld %9.2f%% %8.1f %8.3f\n", song.name.c_str(), double(on.peakBeforeLimiter),
                static_cast<long long>(full), 100.0 * double(on.framesLimited) / double(std::max<std::int64_t>(1, on.frames)),
                double(reduction), double(peakOut));
        }
    }
    std::printf("\n");
    benchScheduleSort();
    return 0;
}
