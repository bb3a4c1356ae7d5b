// groovescape-cli drumify MODEL INPUT.mid --out DRUMS.mid: the rhythm of a MIDI part (by default every
// channel but 10) becomes drums, window by window over the whole file, with a groove-mode transformer.
#include "commands.h"
#include "modelcommands.h"
#include "optionchecks.h"
#include "latentcommon.h"

#include "latent/accompanist.h"
#include "midi/groovemidi.h"
#include "midi/rhythmwindows.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <sstream>

namespace gs {

namespace {

struct DrumifyArgs {
    std::string model;
    std::string input;
    std::string out;
    std::string channels;
    int bars = 0;
    std::string without;
    std::string style;
    std::optional<std::uint64_t> zSeed;
    float variation = -1.0f;
    float temperature = 1.0f;
    float threshold = 0.5f;
    bool lock = false;
    bool json = false;
};

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ','))
        parts.push_back(part);
    return parts;
}

// "1,2,10" -> 0-based channels; an error message when a part is not 1..16.
std::string parseChannels(const std::string& text, std::vector<int>& channels)
{
    for (const std::string& part : splitList(text)) {
        char* end = nullptr;
        const long c = std::strtol(part.c_str(), &end, 10);
        if (part.empty() || *end != '\0' || c < 1 || c > 16)
            return "--channels: '" + part + "' is not a MIDI channel (1 to 16)";
        channels.push_back(int(c) - 1);
    }
    return {};
}

std::string parseWithout(const std::string& text, GroupFlags& without)
{
    for (const std::string& part : splitList(text)) {
        bool found = false;
        for (int g = 0; g < kVoiceGroups; ++g)
            if (part == voiceGroupName(VoiceGroup(g)))
                without[std::size_t(g)] = found = true;
        if (!found)
            return "--without: '" + part + "' is not a voice group (kick, snare, hats, toms, cymbals)";
    }
    return {};
}

int runDrumify(const DrumifyArgs& args)
{
    const char* cmd = "drumify";
    const auto start = std::chrono::steady_clock::now();
    AccompanyConditions conditions;
    conditions.style = args.style;
    std::vector<int> channels;
    if (std::string why = args.channels.empty() ? "" : parseChannels(args.channels, channels); !why.empty())
        return cli::fail(cmd, args.json, kExitBadInput, why);
    if (std::string why = args.without.empty() ? "" : parseWithout(args.without, conditions.without); !why.empty())
        return cli::fail(cmd, args.json, kExitBadInput, why);

    auto model = Model::load(args.model);
    if (!model)
        return cli::fail(cmd, args.json, kExitBadInput, model.error().describe());
    auto accompanist = Accompanist::create(*model);
    if (!accompanist)
        return cli::fail(cmd, args.json, kExitBadInput, args.model + ": " + accompanist.error().message);
    if (Status ok = accompanist->checkConditions(conditions); !ok)
        return cli::fail(cmd, args.json, kExitBadInput, "--style: " + ok.error().message);
    const Grid grid = accompanist->grid();
    if (args.bars != 0 && args.bars != grid.bars)
        return cli::fail(cmd, args.json, kExitBadInput, "--bars " + std::to_string(args.bars) + ": this model makes windows of "
            + std::to_string(grid.bars) + " bars");

    auto midi = readMidiFile(args.input);
    if (!midi)
        return cli::fail(cmd, args.json, kExitBadInput, midi.error().describe());
    RhythmOptions rhythmOptions;
    rhythmOptions.channels = channels;
    rhythmOptions.bars = grid.bars;
    rhythmOptions.stepsPerBeat = grid.stepsPerBeat;
    auto rhythm = extractRhythm(*midi, rhythmOptions, args.input);
    if (!rhythm)
        return cli::fail(cmd, args.json, kExitBadInput, rhythm.error().describe());

    AccompanyOptions options;
    options.temperature = args.temperature;
    options.threshold = args.threshold;
    options.seed = args.zSeed.value_or(1);
    options.lockToRhythm = args.lock;
    // A seed alone asks for a sample around the mean (variation 1: the encoder's own spread).
    options.variation = args.variation >= 0.0f ? args.variation : (args.zSeed ? 1.0f : 0.0f);
    std::vector<Groove> drums;
    int otherMeter = 0, silent = 0;
    for (std::size_t i = 0; i < rhythm->windows.size(); ++i) {
        const Groove& r = rhythm->windows[i].groove;
        if (!(r.grid() == grid)) {  // another meter: silence keeps the bars in place
            drums.emplace_back(r.grid(), accompanist->drumMap().voiceCount());
            ++otherMeter;
            continue;
        }
        if (r.hitCount() == 0) {
            drums.emplace_back(grid, accompanist->drumMap().voiceCount());
            ++silent;
            continue;
        }
        AccompanyOptions windowOptions = options;
        windowOptions.seed = options.seed + i;  // each window its own draw, the same on every run
        auto made = accompanist->drumify(r, conditions, windowOptions);
        if (!made)
            return cli::fail(cmd, args.json, kExitBadInput, args.input + ": window " + std::to_string(i + 1) + ": "
                + made.error().message);
        drums.push_back(std::move(*made));
    }
    if (drums.size() == std::size_t(otherMeter))
        return cli::fail(cmd, args.json, kExitNothingDone, args.input + ": no window is in "
            + grid.meter.text() + " (the model's meter); nothing to drum to");

    ClipOptions clip;
    clip.ticksPerQuarter = midi->ticksPerQuarter;
    clip.tempos = midi->tempos;
    clip.bpm = midi->tempos.empty() ? 120.0 : midi->tempos.front().bpm();
    clip.trackName = "Groovescape drumify";
    if (Status ok = writeGrooveMidi(args.out, drums, accompanist->drumMap(), clip); !ok)
        return cli::fail(cmd, args.json, kExitNothingDone, ok.error().describe());

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int hits = 0;
    nlohmann::json perVoice = nlohmann::json::object();
    const DrumMap& map = accompanist->drumMap();
    for (int v = 0; v < map.voiceCount(); ++v) {
        int n = 0;
        for (const Groove& g : drums)
            n += g.hitCount(v);
        perVoice[map.voice(v).name] = n;
        hits += n;
    }
    nlohmann::json channelList = nlohmann::json::array();
    for (int c : rhythm->channels)
        channelList.push_back(c + 1);
    if (args.json) {
        std::cout << jsonText({{"model", args.model}, {"input", args.input}, {"out", args.out}, {"channels", channelList},
            {"input_notes", rhythm->notes}, {"windows", drums.size()}, {"silent_windows", silent},
            {"other_meter_windows", otherMeter}, {"hits", hits}, {"hits_per_voice", perVoice},
            {"variation", options.variation}, {"temperature", options.temperature}, {"threshold", options.threshold}, {"lock", options.lockToRhythm},
            {"style", args.style}, {"seconds", seconds}}) << "\n";
    } else {
        std::cout << "wrote " << args.out << ": " << drums.size() << " windows of " << grid.bars << " bars, " << hits
                  << " hits from " << rhythm->notes << " input notes, " << seconds << " s\n";
    }
    return kExitOk;
}

} // namespace

void addDrumifyCommand(CLI::App& app)
{
    auto a = std::make_shared<DrumifyArgs>();
    CLI::App* sub = app.add_subcommand(cli::kDrumifyCommand.name, cli::kDrumifyCommand.description);
    sub->add_option("model", a->model, "A groove-mode transformer model file")->required();
    sub->add_option("input", a->input, "The MIDI file whose rhythm to follow")->required();
    sub->add_option("--out,-o", a->out, "The drum MIDI file to write")->required();
    sub->add_option("--channels", a->channels, "MIDI channels to read, 1-16, comma-separated (default: all but 10; "
        "a drums-only file: 10)");
    sub->add_option("--bars", a->bars, "Bars per window (must be the model's)")->check(CLI::Range(1, 4));
    sub->add_option("--without", a->without, "Voice groups to leave out, their hits re-voiced: kick,snare,hats,toms,cymbals");
    sub->add_option("--style", a->style, "A style the model knows (inspect lists them)");
    sub->add_option("--z-seed", a->zSeed, "Sample z around the encoded mean with this seed (default: the mean)");
    sub->add_option("--variation", a->variation, "How far around the mean (x the encoder's sigma; default 1 with "
        "--z-seed, else 0)")->check(cli::finiteIn(0.0, 10.0));
    sub->add_option("--temperature", a->temperature, "Divides the hit logits")->check(cli::finiteIn(0.01, 100.0))
        ->capture_default_str();
    sub->add_option("--threshold", a->threshold, "Hit probability threshold")->check(cli::finiteIn(0.0, 1.0))
        ->capture_default_str();
    sub->add_flag("--lock", a->lock, "Hits only on the input's onsets, and on each onset at least one");
    sub->add_flag("--json", a->json, "Print one JSON object on stdout");
    sub->callback([a] {
        if (const int code = runDrumify(*a); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
