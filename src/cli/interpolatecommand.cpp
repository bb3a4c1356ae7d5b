// groovescape-cli interpolate MODEL --from A --to B --steps N --out PATH.mid:
// a straight (or spherical) path between two points, written as one clip.
#include "commands.h"
#include "modelcommands.h"
#include "core/atomicfile.h"
#include "optionchecks.h"
#include "latentcommon.h"

#include "midi/groovemidi.h"

#include <CLI/CLI.hpp>

#include <filesystem>

namespace gs {

namespace {

struct InterpolateArgs {
    std::string model;
    std::string from;
    std::string to;
    int steps = 8;
    std::string out;
    bool slerp = false;
    float threshold = 0.5f;
    double bpm = 120.0;
    bool json = false;
};

// A .mid file (its first window with hits is encoded) or a vector "x,y,...".
Result<LatentVector> resolvePoint(const LatentSpace& space, const std::string& text, const char* option)
{
    const bool looksLikeFile = std::filesystem::exists(text) || text.ends_with(".mid") || text.ends_with(".midi");
    if (!looksLikeFile) {
        auto z = cli::parseLatent(text);
        if (!z)
            return Error{"", std::string(option) + " '" + text + "' is neither a MIDI file nor a list of numbers"};
        if (Status ok = space.checkLatent(*z); !ok)
            return Error{"", std::string(option) + ": " + ok.error().message};
        return *z;
    }
    const ModelConfig& c = space.config();
    auto windows = readGrooveMidi(text, c.drumMap, c.grid.bars, c.grid.stepsPerBeat);
    if (!windows)
        return windows.error();
    for (const Groove& g : *windows) {
        if (g.hitCount() == 0)
            continue;
        if (g.steps() != c.steps())
            return Error{text, "its windows have " + std::to_string(g.steps()) + " steps; the model expects "
                                   + std::to_string(c.steps())};
        auto encoded = space.encode({g});
        if (!encoded)
            return Error{text, encoded.error().message};
        return encoded->mean.front();
    }
    return Error{text, "no drum hits in this clip"};
}

int runInterpolate(const InterpolateArgs& args)
{
    const char* cmd = "interpolate";
    if (args.steps < 2 || args.steps > 1000)
        return cli::fail(cmd, args.json, kExitBadInput, "--steps must be between 2 and 1000");
    auto model = Model::load(args.model);
    if (!model)
        return cli::fail(cmd, args.json, kExitBadInput, model.error().describe());
    LatentSpace space(*model);
    auto a = resolvePoint(space, args.from, "--from");
    if (!a)
        return cli::fail(cmd, args.json, kExitBadInput, a.error().describe());
    auto b = resolvePoint(space, args.to, "--to");
    if (!b)
        return cli::fail(cmd, args.json, kExitBadInput, b.error().describe());

    const auto path = interpolate(*a, *b, args.steps, args.slerp ? InterpolationMode::Spherical : InterpolationMode::Linear);
    const auto decoded = space.decode(path);
    SamplingOptions sampling;
    sampling.threshold = args.threshold;
    // No step between the ends falls silent: sparse steps are topped up to the ends' floor (see realisePath).
    const PathRealisation realised = realisePath(decoded, sampling);
    const std::vector<Groove>& grooves = realised.grooves;
    nlohmann::json points = nlohmann::json::array();
    for (std::size_t i = 0; i < decoded.size(); ++i)
        points.push_back({{"z", cli::latentJson(path[i])}, {"hits", grooves[i].hitCount()}});
    // Temps of earlier writes that were killed (core/atomicfile.h), before this one adds its own.
    sweepStaleTempFiles(std::filesystem::path(args.out).parent_path().string());
    ClipOptions clip;
    clip.bpm = args.bpm;
    if (Status written = writeGrooveMidi(args.out, grooves, space.config().drumMap, clip); !written)
        return cli::fail(cmd, args.json, kExitNothingDone, written.error().describe());
    const int bars = int(grooves.size()) * space.config().grid.bars;
    if (args.json)
        std::cout << jsonText({{"model", args.model}, {"out", args.out}, {"mode", args.slerp ? "slerp" : "lerp"},
                                  {"steps", args.steps}, {"bars", bars}, {"points", points},
                                  {"hit_floor", realised.floor}, {"filled_steps", realised.filledSteps}})
                  << "\n";
    else
        std::cout << args.out << ": " << args.steps << " steps, " << bars << " bars"
                  << (realised.filledSteps > 0 ? ", " + std::to_string(realised.filledSteps) + " sparse steps filled to "
                                                     + std::to_string(realised.floor) + " hits"
                                               : std::string())
                  << "\n";
    return kExitOk;
}

} // namespace

void addInterpolateCommand(CLI::App& app)
{
    auto args = std::make_shared<InterpolateArgs>();
    CLI::App* sub = app.add_subcommand(cli::kInterpolateCommand.name, cli::kInterpolateCommand.description);
    sub->add_option("model", args->model, "The model file")->required();
    sub->add_option("--from", args->from, "A MIDI file (its first window) or a latent point x,y,...")->required();
    sub->add_option("--to", args->to, "A MIDI file (its first window) or a latent point x,y,...")->required();
    sub->add_option("--steps", args->steps, "Points on the path, ends included")->capture_default_str();
    sub->add_option("-o,--out", args->out, "The MIDI clip to write (all steps one after another)")->required();
    sub->add_flag("--slerp", args->slerp, "Spherical instead of linear interpolation");
    sub->add_option("--threshold", args->threshold, "Hit probability threshold")->check(cli::finiteIn(0, 1))->capture_default_str();
    sub->add_option("--bpm", args->bpm, "Tempo of the clip")->check(cli::finiteIn(20, 400))->capture_default_str();
    sub->add_flag("--json", args->json, "Print one JSON object on stdout");
    sub->callback([args] {
        if (const int code = runInterpolate(*args); code != kExitOk)
            throw CLI::RuntimeError(code);
    });
}

} // namespace gs
