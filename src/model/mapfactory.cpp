#include "mapfactory.h"

#include "internal/mapvae.h"
#include "internal/modelinternal.h"

namespace gs {

Result<Model> createMapModel(const Model& base, const MapSettings& settings, std::uint64_t seed)
{
    if (base.config().type == kMapModelType)
        return Error{"", "a map model cannot sit on another map model: choose its base instead"};
    ModelConfig c;
    c.type = kMapModelType;
    c.latent = settings.latent;
    c.hidden = settings.hidden;
    c.grid = base.config().grid;
    c.drumMap = base.config().drumMap;
    c.loss = settings.loss;
    c.base = {base.config()};
    Result<Model> made = Model::create(c, seed);
    if (!made)
        return made;
    auto map = std::dynamic_pointer_cast<MapVaeImpl>(module(*made));
    torch::NoGradGuard noGrad;
    auto from = module(base)->named_parameters(true);
    for (auto& p : map->base->named_parameters(true))
        p.value().copy_(from[p.key()]);
    auto fromBuffers = module(base)->named_buffers(true);
    for (auto& b : map->base->named_buffers(true))
        b.value().copy_(fromBuffers[b.key()]);
    return made;
}

Result<Model> mapBase(const Model& map)
{
    auto vae = std::dynamic_pointer_cast<MapVaeImpl>(module(map));
    if (!vae)
        return Error{"", "not a map model (" + map.config().type + ")"};
    auto impl = std::make_shared<Model::Impl>();
    impl->config = map.config().base.at(0);
    impl->module = vae->base;
    return Model(impl);
}

} // namespace gs
