#include "map/modelwait.h"

#include "map/mapcontroller.h"

#include <utility>

namespace gs {

void ModelWait::hold(QJsonValue value, int latent)
{
    m_value = std::move(value);
    m_latent = latent > 0 ? latent : 0;
}

void ModelWait::drop()
{
    m_value = QJsonValue();
    m_latent = 0;
}

bool ModelWait::applyWhenReady(const MapController& controller, const std::function<void(const QJsonValue&)>& apply)
{
    if (!holding() || !controller.ready() || controller.latent() != m_latent)
        return false;
    const QJsonValue value = std::move(m_value);
    drop();  // before apply: what it does may ask whether something is still waiting
    apply(value);
    return true;
}

} // namespace gs
