#include "modelfactory.h"

#include "mapvae.h"
#include "recurrentvae.h"
#include "rhythmvae.h"
#include "transformervae.h"

namespace gs {

std::shared_ptr<VaeImpl> createVae(const ModelConfig& config)
{
    if (config.type == "rhythmvae")
        return std::make_shared<RhythmVaeImpl>(config);
    if (config.type == "recurrent")
        return std::make_shared<RecurrentVaeImpl>(config);
    if (config.type == "transformer")
        return std::make_shared<TransformerVaeImpl>(config);
    if (config.type == kMapModelType)
        return std::make_shared<MapVaeImpl>(config);
    return nullptr;
}

} // namespace gs
