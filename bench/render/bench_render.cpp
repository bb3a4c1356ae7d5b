// bench_render: Groovescape's offline renderer beside FluidSynth (Debian's
// fluidsynth with FluidR3_GM.sf2) on the same Groove MIDI Dataset files, in
// the same run; then a 9-voice groove at 48 kHz on one core (as is, and with
// every voice tuned, so every voice is resampled), and the
// worst-case Engine::process() time of a 64-frame block with 32+ voices.
// Usage: bench_render [GMD_FOLDER] [--files N] [--no-reference]
// Figures only: nothing here passes or fails on time.
#include "audio/kitloader.h"
#include "audio/renderer.h"
#include "core/datapaths.h"
#include "core/drummap.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kRate = 48000.0;
const char* kSoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of this thread: unlike wall time, it leaves out the time the OS gave other programs.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::vector<fs::path> pickFiles(const fs::path& folder, int count)
{
    std::vector<fs::path> all;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file() && e.path().extension() == ".mid")
            all.push_back(e.path());
    std::sort(all.begin(), all.end());
    std::vector<fs::path> picked;
    // Spread over the sorted list (drummers, sessions, styles), every k-th file.
    const std::size_t step = std::max<std::size_t>(1, all.size() / std::size_t(std::max(1, count)));
    for (std::size_t i = 0; i < all.size() && int(picked.size()) < count; i += step)
        picked.push_back(all[i]);
    return picked;
}

// Runs fluidsynth on `midi` into `wav`; the wall time, or a negative number on failure.
double runFluidSynth(const fs::path& midi, const fs::path& wav)
{
    std::cout.flush();  // the child must not inherit (and print again) our buffered output
    std::fflush(stdout);
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        if (std::freopen("/dev/null", "w", stdout) == nullptr || std::freopen("/dev/null", "w", stderr) == nullptr)
            _exit(126);
        execlp("fluidsynth", "fluidsynth", "-ni", "-q", "-F", wav.c_str(), "-r", "48000", kSoundFont, midi.c_str(),
            static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const double seconds = since(t0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? seconds : -1.0;
}

double wavSeconds(const fs::path& wav)
{
    // 16-bit stereo WAV from fluidsynth; the header is 44 bytes.
    std::error_code ec;
    const auto size = fs::file_size(wav, ec);
    return ec ? 0.0 : double(size > 44 ? size - 44 : 0) / (kRate * 4.0);
}

struct Row {
    std::string file;
    double audioSeconds = 0.0;
    double gsProcess = 0.0;  // process() calls only
    double gsTotal = 0.0;  // read MIDI + render + write WAV
    double fsSeconds = -1.0;
    double fsAudioSeconds = 0.0;
};

void benchFiles(const std::vector<fs::path>& files, const std::shared_ptr<const gs::Kit>& kit, bool reference)
{
    const fs::path tmp = fs::temp_directory_path() / ("bench_render_" + std::to_string(getpid()));
    fs::create_directories(tmp);
    double fsStartup = -1.0;
    if (reference) {
        // FluidSynth's fixed cost (loading the 148 MB SoundFont): a run on a tiny file.
        const gs::DrumMap map = gs::DrumMap::groovae();
        gs::Groove one(gs::Grid{1, 4, gs::Meter{4, 4}}, map.voiceCount());
        one.setHit(0, 0, 0.8f);
        const fs::path tiny = tmp / "tiny.mid";
        if (gs::writeGrooveMidi(tiny.string(), {one}, map))
            fsStartup = runFluidSynth(tiny, tmp / "tiny.wav");
    }
    std::vector<Row> rows;
    const gs::DrumMap map = gs::DrumMap::groovae();
    for (const fs::path& file : files) {
        Row row;
        row.file = file.filename().string();
        const auto t0 = Clock::now();
        auto midi = gs::readMidiFile(file.string());
        auto grooves = gs::readGrooveMidi(file.string(), map, 1, 4);
        if (!midi || !grooves) {
            std::cerr << "skipped " << file << "\n";
            continue;
        }
        std::vector<std::shared_ptr<const gs::Pattern>> patterns;
        for (const auto& g : *grooves)
            patterns.push_back(*gs::Pattern::fromGroove(g, gs::Pattern::notesOf(map)));
        gs::RenderOptions options;
        options.sampleRate = kRate;
        options.settings.bpm = midi->tempos.empty() ? 120.0 : std::clamp(midi->tempos.front().bpm(), 30.0, 300.0);
        gs::Renderer renderer(options);
        auto result = renderer.render(patterns, kit);
        if (!result)
            continue;
        const fs::path out = tmp / "gs.wav";
        if (!gs::writeAudioFile(out.string(), result->audio, kRate))
            continue;
        row.gsTotal = since(t0);
        row.gsProcess = result->renderSeconds;
        row.audioSeconds = result->seconds();
        if (reference) {
            const fs::path fsOut = tmp / "fs.wav";
            row.fsSeconds = runFluidSynth(file, fsOut);
            row.fsAudioSeconds = wavSeconds(fsOut);
        }
        rows.push_back(row);
    }
    std::cout << "\nSame GMD files, 48 kHz stereo (realtime factor = seconds of audio / seconds of wall time)\n";
    std::cout << std::left << std::setw(38) << "file" << std::right << std::setw(9) << "audio s" << std::setw(14)
              << "gs process x" << std::setw(12) << "gs total x" << std::setw(14) << "fluidsynth x" << std::setw(16)
              << "fs - startup x" << "\n";
    double audio = 0, gsP = 0, gsT = 0, fsT = 0, fsAudio = 0;
    for (const Row& r : rows) {
        const double fsNet = r.fsSeconds - std::max(0.0, fsStartup);
        std::cout << std::left << std::setw(38) << r.file.substr(0, 37) << std::right << std::fixed << std::setprecision(1)
                  << std::setw(9) << r.audioSeconds << std::setprecision(0) << std::setw(14) << r.audioSeconds / r.gsProcess
                  << std::setw(12) << r.audioSeconds / r.gsTotal << std::setw(14)
                  << (r.fsSeconds > 0 ? r.fsAudioSeconds / r.fsSeconds : 0.0) << std::setw(16);
        if (r.fsSeconds > 0 && fsNet > 0.01)
            std::cout << r.fsAudioSeconds / fsNet << "\n";
        else
            std::cout << "-" << "\n";  // within the startup's noise
        audio += r.audioSeconds;
        gsP += r.gsProcess;
        gsT += r.gsTotal;
        fsT += std::max(0.0, r.fsSeconds);
        fsAudio += r.fsAudioSeconds;
    }
    std::cout << std::left << std::setw(38) << "all" << std::right << std::setprecision(1) << std::setw(9) << audio
              << std::setprecision(0) << std::setw(14) << audio / gsP << std::setw(12) << audio / gsT << std::setw(14)
              << (fsT > 0 ? fsAudio / fsT : 0.0) << std::setw(16)
              << (fsT > 0 && fsStartup >= 0 ? fsAudio / (fsT - fsStartup * double(rows.size())) : 0.0) << "\n";
    if (reference)
        std::cout << "fluidsynth startup (SoundFont load, tiny file): " << std::setprecision(3) << fsStartup << " s per run\n";
    fs::remove_all(tmp);
}

void benchNineVoices(const std::shared_ptr<const gs::Kit>& kit, double tune)
{
    // A busy 2-bar 9-voice groove (hat 16ths, kick/snare, toms, cymbals, micro-timing), 120 BPM, 10 minutes.
    const gs::DrumMap map = gs::DrumMap::groovae();
    gs::Groove g(gs::Grid{2, 4, gs::Meter{4, 4}}, 9);
    for (int s = 0; s < 32; ++s) {
        g.setHit(s, 2, 0.4f + 0.3f * float(s % 2), (s % 3 - 1) * 0.2f);
        if (s % 8 == 0)
            g.setHit(s, 0, 0.9f);
        if (s % 8 == 4)
            g.setHit(s, 1, 0.8f);
        if (s % 16 == 14)
            g.setHit(s, 3, 0.7f);
        if (s >= 24 && s % 2 == 0)
            g.setHit(s, 4 + (s / 2) % 3, 0.7f);
        if (s == 0)
            g.setHit(s, 7, 0.8f);
        if (s % 4 == 2)
            g.setHit(s, 8, 0.5f);
    }
    auto pattern = *gs::Pattern::fromGroove(g, gs::Pattern::notesOf(map));
    gs::RenderOptions options;
    options.sampleRate = kRate;
    options.loops = 150;  // 600 s
    options.tailSeconds = 0.0;
    for (auto& mix : options.settings.mix)
        mix.tune = float(tune);  // off 0: every voice resampled (cubic interpolation)
    gs::Renderer renderer(options);
    double best = 0.0;
    gs::RenderResult last;
    for (int run = 0; run < 3; ++run) {
        auto r = renderer.render({pattern}, kit);
        if (r && r->realtimeFactor() > best) {
            best = r->realtimeFactor();
            last = std::move(*r);
        }
    }
    std::cout << "\n9-voice groove" << (tune != 0.0 ? ", every voice tuned " + std::to_string(int(tune)) + " semitones" : "")
              << ", 48 kHz stereo, block 256, one thread: " << std::fixed << std::setprecision(0)
              << last.seconds() << " s of audio (" << last.hitsPlayed << " hits) in " << std::setprecision(3)
              << last.renderSeconds << " s = " << std::setprecision(0) << best << "x realtime" << (tune == 0.0 ? " (goal > 1000x)" : "") << "\n";
}

void benchWorstBlock(const std::shared_ptr<const gs::Kit>& kit, int polyphony)
{
    // Long cymbals and toms on every step at 300 BPM keep 32+ voices sounding.
    const gs::DrumMap map = gs::DrumMap::groovae();
    gs::Groove g(gs::Grid{1, 4, gs::Meter{4, 4}}, 9);
    for (int s = 0; s < 16; ++s)
        for (int v : {3, 4, 5, 6, 7, 8})
            g.setHit(s, v, 0.6f + 0.02f * float(s), 0.1f * float(v % 3));
    auto pattern = *gs::Pattern::fromGroove(g, gs::Pattern::notesOf(map));
    gs::Engine engine;
    engine.prepare(kRate);
    gs::EngineSettings settings;
    settings.bpm = 300.0;
    settings.polyphony = polyphony;
    engine.setSettings(settings);
    engine.setKit(kit);
    engine.setPattern(pattern);
    engine.start();
    std::vector<float> block(2 * 64);
    std::vector<double> times;
    std::vector<double> cpuTimes;
    int minVoices = 1 << 30;
    const int warmup = 2000;
    for (int b = 0; b < warmup + 30000; ++b) {
        const double c0 = threadCpuSeconds();
        const auto t0 = Clock::now();
        engine.process(block.data(), 64);
        const double t = since(t0);
        const double cpu = threadCpuSeconds() - c0;
        gs::PositionEvent e;
        int voices = 0;
        while (engine.popPosition(e))
            voices = e.voices;
        if (b >= warmup) {
            times.push_back(t);
            cpuTimes.push_back(cpu);
            minVoices = std::min(minVoices, voices);
        }
    }
    std::sort(times.begin(), times.end());
    std::sort(cpuTimes.begin(), cpuTimes.end());
    const double blockSeconds = 64.0 / kRate;
    auto pct = [&](double q) { return times[std::size_t(q * double(times.size() - 1))]; };
    std::cout << "\nprocess(64 frames) at 48 kHz, polyphony " << polyphony << ", at least " << minVoices
              << " voices sounding in every block, " << times.size()
              << " blocks (block = " << std::setprecision(3) << blockSeconds * 1e3 << " ms):\n"
              << "  median " << std::setprecision(2) << pct(0.5) * 1e6 << " us (" << 100.0 * pct(0.5) / blockSeconds
              << "%), p99 " << pct(0.99) * 1e6 << " us (" << 100.0 * pct(0.99) / blockSeconds << "%), worst "
              << times.back() * 1e6 << " us (" << 100.0 * times.back() / blockSeconds << "% of the block; goal < 10%)\n"
              << "  thread CPU time (without preemption by other programs): median " << cpuTimes[cpuTimes.size() / 2] * 1e6
              << " us, p99 " << cpuTimes[std::size_t(0.99 * double(cpuTimes.size() - 1))] * 1e6 << " us, worst "
              << cpuTimes.back() * 1e6 << " us (" << 100.0 * cpuTimes.back() / blockSeconds << "% of the block)\n";
}

} // namespace

int main(int argc, char** argv)
{
    fs::path gmd = fs::path(GS_SHARED_DATA_DEFAULT) / "gmd";
    if (const char* env = std::getenv("GS_SHARED_DATA"); env && *env)
        gmd = fs::path(env) / "gmd";
    int files = 12;
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--files" && i + 1 < argc)
            files = std::atoi(argv[++i]);
        else if (a == "--no-reference")
            reference = false;
        else
            gmd = a;
    }
    if (!fs::is_directory(gmd)) {
        std::cerr << "bench_render: no Groove MIDI Dataset at " << gmd << "\n";
        return 1;
    }
    if (reference && (!fs::exists(kSoundFont) || std::system("command -v fluidsynth > /dev/null") != 0)) {
        std::cerr << "bench_render: fluidsynth or " << kSoundFont << " missing; running without the reference\n";
        reference = false;
    }
    const fs::path kitDir = gs::findData("assets/kits/gm-standard");
    const fs::path acousticDir = gs::findData("assets/kits/acoustic");
    auto gm = gs::loadKit(kitDir.string(), kRate);
    auto acoustic = gs::loadKit(acousticDir.string(), kRate);
    if (!gm || !acoustic) {
        std::cerr << "bench_render: " << (!gm ? gm.error().describe() : acoustic.error().describe()) << "\n";
        return 1;
    }
    std::cout << "bench_render: kit " << (*gm)->name() << " (" << (*gm)->memoryBytes() / 1048576 << " MB at 48 kHz) vs "
              << "fluidsynth " << kSoundFont << "\n";
    benchFiles(pickFiles(gmd, files), *gm, reference);
    benchNineVoices(*acoustic, 0.0);
    benchNineVoices(*acoustic, -3.0);
    benchWorstBlock(*gm, 32);
    benchWorstBlock(*gm, 128);
    return 0;
}
