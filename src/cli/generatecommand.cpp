// groovescape-cli generate MODEL --z X,Y[,...] --out CLIP.mid: decodes one point of the latent space to a clip.
#include "commands.h"
#include "modelcommands.h"
#include "core/atomicfile.h"
#include "optionchecks.h"
#include "latentcommon.h"

#include "midi/groovemidi.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#include <algorithm>

namespace gs {

namespace {

struct GenerateArgs {
    std::string model;
    std::string z;
    std::string out;
    float threshold = 0.5f;
    float temperature = 1.0f;
    std::optional<std::uint64_t> seed;
    float noise = 0.0f;
    float bend = 0.0f;
    int maxHits = -1;
    std::string voiceDensity;
    std::string voiceVelocity;
    double bpm = 120.0;
    bool json = false;
};

int runGenerate(const GenerateArgs& args)
{
    const char* cmd = "generate";
    if (args.temperature <= 0.0f)
        return cli::fail(cmd, args.json, kExitBadInput, "--temperature must be above 0");
    if (args.bpm < 20.0 || args.bpm > 400.0)
        return cli::fail(cmd, args.json, kExitBadInput, "--bpm must be between 20 and 400");
    auto model = Model::load(args.model);
    if (!model)
        return cli::fail(cmd, args.json, kExitBadInput, model.error().describe());
    LatentSpace space(*model);
    auto z = cli::parseLatent(args.z);
    if (!z)
        return cli::fail(cmd, args.json, kExitBadInput, "--z '" + args.z + "' is not a list of numbers like 0.5,-1");
    if (Status ok = space.checkLatent(*z); !ok)
        return cli::fail(cmd, args.json, kExitBadInput, "--z: " + ok.error().message);
    LatentVector point = args.noise > 0.0f ? jitter(*z, args.noise, args.seed.value_or(1)) : *z;
    if (args.bend > 0.0f)
        space.bend(args.bend, args.seed.value_or(1));

    SamplingOptions sampling;
    sampling.threshold = args.threshold;
    sampling.temperature = args.temperature;
    sampling.sample = args.seed.has_value();
    sampling.seed = args.seed.value_or(0);
    const int voices = space.config().voices();
    if (args.maxHits >= 0)
        sampling.voiceMaxHits.assign(std::size_t(voices), args.maxHits);
    // One value per voice of the model's drum map, as the map's "Per voice" sliders.
    std::string bad;
    const auto voiceList = [&](const char* option, const std::string& text, float low, float high) {
        std::vector<float> values;
        if (text.empty() || !bad.empty())
            return values;
        const auto parsed = cli::parseLatent(text);
        const std::string what = std::string(option) + " '" + text + "'";
        if (!parsed || int(parsed->size()) != voices)
            bad = what + " must be " + std::to_string(voices) + " numbers, one per voice";
        else if (std::any_of(parsed->begin(), parsed->end(), [&](float v) { return v < low || v > high; }))
            bad = what + ": each value must be between " + jsonText(low) + " and " + jsonText(high);
        else
            values.assign(parsed->begin(), parsed->end());
        return values;
    };
    const std::vector<float> density = voiceList("--voice-density", args.voiceDensity, -1.0f, 1.0f);
    const std::vector<float> velocity = voiceList("--voice-velocity", args.voiceVelocity, 0.0f, 2.0f);
    if (!bad.empty())
        return cli::fail(cmd, args.json, kExitBadInput, bad);
    setVoiceControls(sampling, density, velocity);
    const Groove groove = space.generate(point, sampling);

    // Temps of earlier writes that were killed (core/atomicfile.h), before this one adds its own.
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    ClipOptions clip;
    clip.bpm = args.bpm;
    if (Status written = writeGrooveMidi(args.out, {groove}, space.config().drumMap, clip); !written)
        return cli::fail(cmd, args.json, kExitNothingDone, written.error().describe());

    nlohmann::json perVoice = nlohmann::json::array();
    for (int v = 0; v < groove.voices(); ++v)
        perVoice.push_back(groove.hitCount(v));
    const nlohmann::json j = {{"model", args.model}, {"out", args.out}, {"z", cli::latentJson(point)},
        {"hits", groove.hitCount()}, {"hits_per_voice", perVoice}, {"steps", groove.steps()},
        {"voices", groove.voices()}, {"threshold", args.threshold}, {"temperature", args.temperature},
        {"sampled", sampling.sample}, {"seed", args.seed ? nlohmann::json(*args.seed) : nlohmann::json()},
        {"noise", args.noise}, {"bend", args.bend}, {"bpm", args.bpm}, {"voice_density", density},
        {"voice_velocity", velocity}};
    if (args.json)
        std::cout << jsonText(j) << "\n";
    else
        std::cout << args.out << ": " << groove.hitCount() << " hits over " << groove.steps() << " steps\n";
    return kExitOk;
}

} // namespace

void addGenerateCommand(CLI::App& app)
{
    auto args = std::make_shared<GenerateArgs>();
    CLI::App* sub = app.add_subcommand(cli::kGenerateCommand.name, cli::kGenerateCommand.description);
    sub->add_option("model", args->model, "The model file")->required();
    sub->add_option("--z", args->z, "The latent point, comma-separated (one value per latent dimension)")->required();
    sub->add_option("-o,--out", args->out, "The MIDI clip to write")->required();
    sub->add_option("--threshold", args->threshold, "Hit probability threshold")->check(cli::finiteIn(0, 1))->capture_default_str();
    sub->add_option("--temperature", args->temperature, "Divides the hit logits (higher: more uncertain)")
        ->check(cli::finiteIn(1e-3, 100))->capture_default_str();
    sub->add_option("--seed", args->seed, "Draw hits at random (Bernoulli) with this seed instead of thresholding; "
                                          "also seeds --noise and --bend");
    sub->add_option("--noise", args->noise, "Gaussian noise (sigma) added to z: randomise near here")
        ->check(cli::finiteIn(0, 100))->capture_default_str();
    sub->add_option("--bend", args->bend, "Noise on the decoder weights, in units of each weight's spread")
        ->check(cli::finiteIn(0, 10))->capture_default_str();
    sub->add_option("--max-hits", args->maxHits, "At most this many hits per voice (the most probable)")
        ->check(CLI::Range(0, 100000));
    sub->add_option("--voice-density", args->voiceDensity,
        "Per voice, comma-separated, -1 (almost none) .. 0 (the threshold) .. 1 (every plausible hit)");
    sub->add_option("--voice-velocity", args->voiceVelocity, "Per voice, comma-separated, velocity scale 0..2 (1 = as decoded)");
    sub->add_option("--bpm", args->bpm, "Tempo of the clip")->check(cli::finiteIn(20, 400))->capture_default_str();
    sub->add_flag("--json", args->json, "Print one JSON object on stdout");
    sub->callback([args] {
        if (const int code = runGenerate(*args); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
