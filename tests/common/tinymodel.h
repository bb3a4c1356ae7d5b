#pragma once
// A tiny RhythmVAE trained for two epochs on the tiny GMD dataset (well under a second).
#include "model/model.h"
#include "tinydataset.h"
#include "train/trainer.h"

namespace gs::test {

inline std::shared_ptr<Model> tinyModel(const Dataset& dataset, int latent, std::uint64_t seed = 3)
{
    ModelConfig config;
    config.latent = latent;
    config.grid = dataset.mostCommonGrid();
    config.drumMap = dataset.settings().map;
    config.hidden = 64;
    config.decoderHidden = 128;
    Result<Model> model = Model::create(config, seed);
    if (!model.ok())
        return nullptr;
    TrainOptions options;
    options.epochs = 2;
    options.batch = 16;
    Trainer trainer(model.value(), TrainingSet::fromDataset(dataset, config.grid, "tiny"), options);
    if (!trainer.run({}).ok())
        return nullptr;
    return std::make_shared<Model>(trainer.model());
}

} // namespace gs::test
