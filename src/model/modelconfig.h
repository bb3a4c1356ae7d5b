#pragma once
// What a model is: saved with its weights, so a model file loads and generates
// without the dataset. Torch-free: the app and the command line read it.
#include "core/drummap.h"
#include "core/error.h"
#include "core/grid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct LossConfig {
    float hitWeight = 1.0f;  // RhythmVAE: BCE x dim
    float velocityWeight = 2.5f;  // RhythmVAE: 2.5 x MSE x dim
    float offsetWeight = 5.0f;  // RhythmVAE: 5.0 x MSE x dim
    float beta = 1.0f;  // KL weight (the maximum, when annealing)
    float freeBits = 0.0f;  // KL floor lambda in nats: beta x max(KL, lambda)
    std::string klAnneal = "none";  // "none", "linear", "cyclic"
    int klWarmupEpochs = 0;  // linear warm-up length, or the cycle length for "cyclic"
    // FM-Music-VAE flat-manifold regulariser on latent mixup points (eq. 6): eta x mean ||J^T J / c^2 - I||_F^2
    // (relative form, default) or eta x mean ||J^T J - c^2 I||_F^2 (the paper's, absolute); see vaeloss.h.
    // Files written before these options existed load as absolute, metric "all".
    bool flat = false;
    float flatEta = 3.0f;  // the UI default and the bundled model's setting (relative form)
    float flatAlpha0 = 0.2f;  // mixup a ~ U(-alpha0, 1 + alpha0)
    float flatEpsilon = 1e-2f;  // finite-difference step in latent units
    int flatDirections = 8;  // latents above this use this many random orthonormal directions
    int flatBatch = 16;  // mixup points per batch that get the penalty (each costs directions + 1 decodes)
    bool flatEncoderGrad = true;  // the penalty's gradient also reaches the encoder through the mixup points
    // Relative form: c^2 keeps its gradient, so the penalty sees the metric's shape (anisotropy, change
    // from point to point), never its overall size.
    bool flatRelative = true;
    // Which decoded planes J measures: "all" (hit probability, velocity, offset alike, as the paper),
    // "weighted" (each plane times the square root of its loss weight) or "hits" (hit probabilities only:
    // the grid a musician sees; velocity and offset are left to the reconstruction loss).
    std::string flatMetric = "all";
    // Constrained (GECO-style) objective, as FM-Music-VAE: lambda x (recon/cell - kappa^2) + KL + eta x flat,
    // lambda updated multiplicatively from a moving average of the constraint. 0 = off (plain ELBO weights).
    float kappa = 0.0f;
    float lambdaRate = 1.0f;  // lambda *= exp(lambdaRate x moving average of (recon/cell - kappa^2)) per batch
    // Map models only: what the map learns to reconstruct. "latent": the base's latent means (MidiMe; one
    // base encoding of the dataset, then seconds of training); "grooves": the windows themselves, decoded
    // through the frozen base decoder with the weights above (slower: the base decoder runs every batch).
    std::string mapTarget = "latent";
    // Map models only: weight of the attribute-regularised axes (AR-VAE, Pati & Lerch 2020). Map x is kept in
    // the order of the windows' density and map y in the order of their mean velocity: for every pair in a batch,
    // |tanh(10 (z_i - z_j)) - sign(a_i - a_j)|. 0 = off (the map finds its own axes).
    float mapAttributes = 0.0f;
    bool operator==(const LossConfig&) const = default;
};

// The Groove Transformer VAE's sizes and conditioning (type "transformer"; transformervae.h).
struct TransformerConfig {
    std::string inputMode = "full";  // "full": encode the drums; "groove": encode their monotonic groove
    int encoderDModel = 128;
    int encoderHeads = 4;
    int encoderLayers = 2;
    int encoderFeedForward = 256;
    int decoderDModel = 128;
    int decoderHeads = 4;
    int decoderLayers = 3;
    int decoderFeedForward = 256;
    float dropout = 0.1f;
    // Groove mode: the style labels the decoder can be asked for (the training set's, sorted); each
    // is one input of the condition vector after the kVoiceGroups redirect flags.
    std::vector<std::string> styles;
    // Groove mode, training: the chance that a window's target has one voice group redirected
    // (voicegroup.h) with its flag set, and that its style is dropped (asked for as "none").
    float redirectRate = 0.3f;
    float styleDropout = 0.5f;
    bool operator==(const TransformerConfig&) const = default;
};

struct ModelConfig {
    std::string type = "rhythmvae";  // "rhythmvae", "recurrent", "transformer" or "map"
    int latent = 2;
    Grid grid;  // steps = grid.steps()
    DrumMap drumMap = DrumMap::groovae();
    int hidden = 512;  // RhythmVAE dense width, or the recurrent encoder/decoder width
    int decoderHidden = 1024;  // RhythmVAE decoder trunk width
    int rnnHidden = 256;  // recurrent: GRU width of the encoder (each direction), conductor and bottom decoder
    LossConfig loss;
    TransformerConfig transformer;  // type "transformer" only (saved only for it)
    // "map" only: the config of the base model it sits on (exactly one; the base's weights are
    // embedded in the map's file, so it loads alone). Empty for every other type. A vector because
    // a struct cannot hold itself; a map's base is never a map.
    std::vector<ModelConfig> base;

    int steps() const { return grid.steps(); }
    int voices() const { return drumMap.voiceCount(); }
    bool operator==(const ModelConfig&) const = default;

    // Empty when usable; otherwise what is wrong (unknown type, latent out of range, ...).
    std::string problem() const;
    // How many values the weights and buffers of a model of this config hold, computed without
    // torch: a model file's weights must hold at least 4 bytes for each, so a crafted config is
    // refused before torch allocates anything for it.
    std::uint64_t weightValues() const;
    std::string toJson() const;
    // `sourceName` goes into the error (the model file's path).
    static Result<ModelConfig> fromJson(const std::string& text, const std::string& sourceName);
};

extern const char* const kModelTypes[3];  // "rhythmvae", "recurrent", "transformer"
extern const std::vector<std::string> kInputModes;  // "full", "groove" (TransformerConfig::inputMode)
// Inputs of a transformer's condition vector: kVoiceGroups redirect flags, then one per style.
int transformerConditions(const ModelConfig& config);
extern const char* const kMapModelType;  // "map": a small VAE over a base model's latent means (mapvae.h)
extern const std::vector<std::string> kFlatMetrics;  // "all", "hits", "weighted" (LossConfig::flatMetric)

} // namespace gs
