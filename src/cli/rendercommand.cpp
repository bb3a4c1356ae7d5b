// groovescape-cli render CLIP.mid --out OUT.wav: a drum MIDI file through the
// engine (offline renderer) with a kit, to WAV or FLAC. A multi-bar file plays
// as a sequence of one-bar grooves (a path), --loops times.
#include "commands.h"
#include "jsonout.h"

#include "audio/kitloader.h"
#include "audio/kitremap.h"
#include "audio/kitvoices.h"
#include "audio/renderer.h"
#include "core/atomicfile.h"
#include "core/datapaths.h"
#include "midi/groovemidi.h"
#include "midi/midifile.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

namespace gs {

namespace {

struct RenderArgs {
    std::string input;
    std::string out;
    std::string kit = "acoustic";
    int preset = -1;  // SF2 drum preset; -1 = the file's first
    double tempo = 0.0;  // 0 = the file's
    double swing = 50.0;
    int swingGrid = 8;
    double humanize = 100.0;
    int loops = 1;
    double sampleRate = 48000.0;
    int blockSize = 256;
    double tail = 2.0;
    bool seamless = false;
    std::string map = "groovae";
    std::vector<std::string> voices;  // NOTE=INSTRUMENT: the app's voice-mapping choices, by hand
    bool json = false;
};

int fail(const RenderArgs& args, int code, const std::string& message)
{
    if (args.json) {
        nlohmann::json report;
        report["error"] = message;
        std::cout << jsonText(report) << "\n";
    }
    std::cerr << "render: " << message << "\n";
    return code;
}

// --voice NOTE=INSTRUMENT ("" after '=' for none): the kit's instrument of that name plays NOTE.
Result<std::vector<VoiceChoice>> voiceChoices(const std::vector<std::string>& specs, const Kit& kit)
{
    std::vector<VoiceChoice> out;
    for (const std::string& spec : specs) {
        const auto eq = spec.find('=');
        int note = -1;
        try {
            note = eq == std::string::npos ? -1 : std::stoi(spec.substr(0, eq));
        } catch (const std::exception&) {
        }
        if (note < 0 || note > 127)
            return Error{"", "--voice \"" + spec + "\": expected NOTE=INSTRUMENT with NOTE 0..127"};
        const std::string name = spec.substr(eq + 1);
        VoiceChoice choice{note, -1};
        for (int i = 0; i < kit.instrumentCount() && !name.empty() && choice.instrument < 0; ++i)
            if (kit.instrument(i).name == name)
                choice.instrument = i;
        if (!name.empty() && choice.instrument < 0) {
            std::string names;
            for (const KitInstrument& instrument : kit.instruments())
                names += (names.empty() ? "" : ", ") + instrument.name;
            return Error{"", "--voice \"" + spec + "\": the kit has no instrument \"" + name + "\" (it has: " + names + ")"};
        }
        out.push_back(choice);
    }
    return out;
}

// A kit folder/file path, or the name of a bundled kit (assets/kits/NAME).
std::string resolveKit(const std::string& kit)
{
    std::error_code ec;
    if (std::filesystem::exists(kit, ec))
        return kit;
    const auto bundled = findData("assets/kits/" + kit);
    return bundled.empty() ? kit : bundled.string();
}

int runRender(const RenderArgs& args)
{
    if (auto format = audioFormatForPath(args.out); !format)
        return fail(args, kExitBadInput, format.error().describe());
    {
        std::error_code ec;
        const auto folder = std::filesystem::path(args.out).parent_path();
        if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
            return fail(args, kExitBadInput, args.out + ": folder does not exist: " + folder.string());
    }
    // Every number is checked before anything is read: NaN, negative and absurd values name their option.
    const auto range = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    const auto got = [](double v) {
        char text[40];
        std::snprintf(text, sizeof text, " (got %g)", v);
        return std::string(text);
    };
    if (args.tempo != 0.0 && !range(args.tempo, 30.0, 300.0))
        return fail(args, kExitBadInput, "--tempo/--bpm must be 30..300 BPM" + got(args.tempo));
    if (!range(args.swing, 50.0, 75.0))
        return fail(args, kExitBadInput, "--swing must be 50..75 (percent)" + got(args.swing));
    if (args.swingGrid != 8 && args.swingGrid != 16)
        return fail(args, kExitBadInput, "--swing-grid must be 8 or 16");
    if (!range(args.humanize, 0.0, 100.0))
        return fail(args, kExitBadInput, "--humanize must be 0..100 (percent)" + got(args.humanize));
    if (args.loops < 1 || args.loops > 1000)
        return fail(args, kExitBadInput, "--loops must be 1..1000 (got " + std::to_string(args.loops) + ")");
    if (!range(args.sampleRate, 8000.0, 192000.0))
        return fail(args, kExitBadInput, "--sample-rate must be 8000..192000 Hz" + got(args.sampleRate));
    if (args.blockSize < 1 || args.blockSize > 8192)
        return fail(args, kExitBadInput, "--block must be 1..8192 frames");
    if (!range(args.tail, 0.0, 60.0))
        return fail(args, kExitBadInput, "--tail must be 0..60 seconds" + got(args.tail));
    if (args.preset < -1 || args.preset > 127)
        return fail(args, kExitBadInput, "--preset must be 0..127 (an SF2 drum preset number)");

    auto midi = readMidiFile(args.input);
    if (!midi)
        return fail(args, kExitBadInput, midi.error().describe());
    auto map = DrumMap::byName(args.map);
    if (!map)
        return fail(args, kExitBadInput, map.error().describe());
    auto grooves = readGrooveMidi(args.input, *map, 1, 4);
    if (!grooves)
        return fail(args, kExitBadInput, grooves.error().describe());
    std::vector<std::shared_ptr<const Pattern>> patterns;
    int hits = 0;
    std::vector<int> voiceHits(std::size_t(map->voiceCount()), 0);
    for (const Groove& g : *grooves) {
        for (int v = 0; v < map->voiceCount() && v < g.voices(); ++v)
            voiceHits[std::size_t(v)] += g.hitCount(v);
        auto pattern = Pattern::fromGroove(g, Pattern::notesOf(*map));
        if (!pattern)
            return fail(args, kExitBadInput, args.input + ": " + pattern.error().message);
        hits += g.hitCount();
        patterns.push_back(*pattern);
    }
    if (patterns.empty() || hits == 0)
        return fail(args, kExitNothingDone, args.input + ": no drum hits to render");

    const std::string kitPath = resolveKit(args.kit);
    KitLoadOptions kitOptions;
    kitOptions.preset = args.preset;
    auto kit = loadKit(kitPath, args.sampleRate, kitOptions);
    if (!kit)
        return fail(args, kExitBadInput, kit.error().describe());
    if (!args.voices.empty()) {
        auto chosen = voiceChoices(args.voices, **kit);
        if (!chosen)
            return fail(args, kExitBadInput, kitPath + ": " + chosen.error().message);
        kit = remapKit(**kit, *chosen);
    }

    RenderOptions options;
    options.sampleRate = args.sampleRate;
    options.blockSize = args.blockSize;
    options.loops = args.loops;
    options.tailSeconds = args.tail;
    options.seamlessLoop = args.seamless;
    const double fileBpm = midi->tempos.empty() ? 120.0 : midi->tempos.front().bpm();
    options.settings.bpm = args.tempo > 0.0 ? args.tempo : std::clamp(fileBpm, 30.0, 300.0);
    options.settings.swingPercent = args.swing;
    options.settings.swingGrid = args.swingGrid;
    options.settings.humanize = args.humanize / 100.0;
    Renderer renderer(options);
    // Temps of earlier renders that were killed (core/atomicfile.h), before this one adds its own.
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    // Streamed to the file as it renders: any length in little memory; on an error the target is untouched.
    auto writer = AudioFileWriter::open(args.out, args.sampleRate);
    if (!writer)
        return fail(args, kExitNothingDone, writer.error().describe());
    auto result = renderer.render(patterns, *kit, [&](const float* audio, std::int64_t frames) {
        return (*writer)->write(audio, frames);
    });
    if (!result)
        return fail(args, kExitNothingDone, result.error().describe());
    if (Status written = (*writer)->finish(); !written)
        return fail(args, kExitNothingDone, written.error().describe());

    if (args.json) {
        nlohmann::json report;
        report["output"] = args.out;
        report["input"] = args.input;
        report["seconds"] = result->seconds();
        report["frames"] = result->frames;
        report["sample_rate"] = args.sampleRate;
        report["render_seconds"] = result->renderSeconds;
        report["realtime_factor"] = result->realtimeFactor();
        report["kit"] = (*kit)->name();
        report["kit_path"] = kitPath;
        if (auto format = detectKitFormat(kitPath))
            report["kit_format"] = kitFormatName(*format);
        report["kit_instruments"] = (*kit)->instrumentCount();
        report["kit_warnings"] = (*kit)->report().warnings;
        // Which instrument each voice plays and how the loader chose it; hits of a silent voice, all loops.
        nlohmann::json voices = nlohmann::json::array();
        for (const VoicePlayer& p : voicePlayers(**kit, *map)) {
            const int v = int(voices.size());
            const int voiceTotal = voiceHits[std::size_t(v)] * args.loops;
            voices.push_back({{"voice", p.voice}, {"note", p.note},
                              {"instrument", p.instrument >= 0 ? nlohmann::json(p.instrumentName) : nlohmann::json()},
                              {"mapped_by", p.how}, {"hits", voiceTotal}, {"hits_without_sample", p.sounds ? 0 : voiceTotal}});
        }
        report["voices"] = voices;
        report["bpm"] = options.settings.bpm;
        report["bars"] = int(patterns.size());
        report["loops"] = args.loops;
        report["hits"] = result->hitsPlayed;
        report["hits_without_sample"] = result->hitsSilent;
        std::cout << jsonText(report) << "\n";
    } else {
        std::cout << "wrote " << args.out << ": " << result->seconds() << " s of audio (" << patterns.size()
                  << " bars x " << args.loops << ", " << result->hitsPlayed << " hits, kit " << (*kit)->name() << ") at "
                  << options.settings.bpm << " BPM, rendered " << result->realtimeFactor() << "x realtime\n";
    }
    return kExitOk;
}

} // namespace

void addRenderCommand(CLI::App& app)
{
    auto args = std::make_shared<RenderArgs>();
    CLI::App* cmd = app.add_subcommand("render", "Render a drum MIDI clip to WAV or FLAC with a drum kit");
    cmd->add_option("clip", args->input, "The drum MIDI file (channel 10)")->required();
    cmd->add_option("--out,-o", args->out, "The audio file to write (.wav or .flac)")->required();
    cmd->add_option("--kit", args->kit,
           "Kit folder, kit .json, Hydrogen folder or drumkit.xml, .sf2, .sfz, or a bundled kit name (acoustic, gm-standard)")
        ->capture_default_str();
    cmd->add_option("--preset", args->preset, "SF2 kits: the drum preset number (bank 128: 0 Standard, 8 Room, 16 Power, "
                                              "32 Jazz, 40 Brush, ...); default: the file's first");
    cmd->add_option("--voice", args->voices,
        "NOTE=INSTRUMENT: the kit's instrument of that name plays NOTE (NOTE= for none), as the app's voice-mapping "
        "table does; repeat for more voices");
    cmd->add_option("--tempo,--bpm", args->tempo, "Tempo in BPM (30..300; default: the file's)");
    cmd->add_option("--swing", args->swing, "Swing percent, 50 (straight)..75; 66 = triplet feel")->capture_default_str();
    cmd->add_option("--swing-grid", args->swingGrid, "The grid that swings: 8 or 16")->capture_default_str();
    cmd->add_option("--humanize", args->humanize, "Micro-timing of the file kept, percent (0 = straight grid)")
        ->capture_default_str();
    cmd->add_option("--loops", args->loops, "Times the whole clip plays")->capture_default_str();
    cmd->add_option("--sample-rate", args->sampleRate, "Sample rate in Hz")->capture_default_str();
    cmd->add_option("--block", args->blockSize, "Frames per engine block")->capture_default_str();
    cmd->add_option("--tail", args->tail, "Seconds of decay after the music at most")->capture_default_str();
    cmd->add_flag("--seamless", args->seamless,
        "A file that loops: the music's length exactly, as it sounds when it repeats (ringing and late hits of the "
        "pass before at the start, early hits of the next at the end); no tail");
    cmd->add_option("--map", args->map, "Drum map reading the file: groovae, gm, gm-greedy or a JSON map")->capture_default_str();
    cmd->add_flag("--json", args->json, "Print one JSON object on stdout");
    cmd->callback([args] {
        const int code = runRender(*args);
        if (code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
