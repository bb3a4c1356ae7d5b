#pragma once
// Evaluation of a model for the app (the training dashboard after a run, the
// model library's "Evaluate"): the Evaluator's figures on the validation
// windows, stored in the model's metrics as `groovescape-cli eval --save`
// stores them. Worker threads only: this decodes thousands of grooves.
#include "core/error.h"
#include "core/groove.h"

#include <QVariantMap>

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gs {

class Dataset;
class Model;
struct ModelConfig;

// The dataset's validation windows that fit the model (its steps and voices).
std::vector<Groove> validationWindows(const Dataset& dataset, const ModelConfig& config);
// Their style labels, in the same order (the feature comparison's per-style split).
std::vector<std::string> validationStyles(const Dataset& dataset, const ModelConfig& config);

// Runs the Evaluator (the CLI's defaults, so figures compare with `eval`) and
// merges the figures into model.metrics(). An error when there are fewer than
// two windows or `cancel` became true; the model's metrics are then untouched.
// `progress` (optional) is EvalOptions::progress: phase and fraction, false to stop.
Status evaluateInto(Model& model, const std::vector<Groove>& windows, const std::atomic<bool>* cancel = nullptr,
                    std::function<bool(const char* phase, double fraction)> progress = {});

// The global feature comparison (latent/featureeval.h: prior samples and reconstructions against the
// windows) with the settings of `groovescape-cli eval`; merges the overall overlaps (feature_overlap_*,
// feature_recon_overlap_*) into model.metrics() and returns the view's map:
//   {windows, names: [feature], voiceNames, steps, voices, stepsPerBar, stepsPerBeat,
//    prior / reconstruction: {features: [{name, overlap, kl, low, high, real: [share per bin],
//                                         generated: [...], realMean, generatedMean}],
//                             styles: [{style, real, generated, overlap (mean over features)}],
//                             heatMean: [voice-major mean velocity, -1 = no hits], heatRate: [...]},
//    real: {heatMean, heatRate}}
Result<QVariantMap> compareFeaturesInto(Model& model, const std::vector<Groove>& windows,
                                        const std::vector<std::string>& styles,
                                        const std::atomic<bool>* cancel = nullptr);

// The evaluation figures of a metrics map, keyed by their file names (hit_f1,
// smoothness_mean, attribute_correlation_density, feature_overlap_density, ...); empty without hit_f1.
QVariantMap evaluationFigures(const std::map<std::string, double>& metrics);

} // namespace gs
