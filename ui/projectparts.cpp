#include "projectparts.h"

#include "mapcontroller.h"
#include "project.h"
#include "projectfile.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace gs {

namespace {

// A kit asked for before the kits were listed (they load on a worker at start).
struct TransportState {
    QString pendingKit;
};

void applyKit(Project* project, Transport* transport, TransportState& state)
{
    if (state.pendingKit.isEmpty() || transport->kits().isEmpty())
        return;
    const int index = transport->kits().indexOf(state.pendingKit);
    if (index >= 0)
        transport->setKitIndex(index);
    else
        project->reportMissing(state.pendingKit, QObject::tr("Kit"));
    state.pendingKit.clear();
}

struct CursorState {
    LatentVector pending;
};

void applyCursor(MapController* controller, CursorState& state)
{
    if (state.pending.empty() || !controller->ready() || controller->latent() != int(state.pending.size()))
        return;
    const LatentVector z = state.pending;
    state.pending.clear();
    controller->moveToZ(z);
}

} // namespace

void registerTransportPart(Project* project, Transport* transport)
{
    auto state = std::make_shared<TransportState>();
    QObject::connect(transport, &Transport::kitsChanged, transport,
        [project, transport, state] { applyKit(project, transport, *state); });
    auto save = [transport, state]() -> QJsonValue {
        QString kit = state->pendingKit;
        if (kit.isEmpty() && transport->kitIndex() >= 0 && transport->kitIndex() < transport->kits().size())
            kit = transport->kits().at(transport->kitIndex());
        return QJsonObject{{QStringLiteral("swing"), transport->swing()},
            {QStringLiteral("humanise"), transport->humanise()},
            {QStringLiteral("metronome"), transport->metronome()},
            {QStringLiteral("volume"), transport->volume()},
            {QStringLiteral("kit"), kit}};
    };
    auto load = [project, transport, state](const QJsonValue& value) {
        if (!value.isObject())
            return;  // File > New keeps the sound as it is
        const QJsonObject in = value.toObject();
        if (in.contains(QStringLiteral("swing")))
            transport->setSwing(in.value(QStringLiteral("swing")).toDouble());
        if (in.contains(QStringLiteral("humanise")))
            transport->setHumanise(in.value(QStringLiteral("humanise")).toDouble());
        if (in.contains(QStringLiteral("metronome")))
            transport->setMetronome(in.value(QStringLiteral("metronome")).toBool());
        if (in.contains(QStringLiteral("volume")))
            transport->setVolume(in.value(QStringLiteral("volume")).toDouble());
        state->pendingKit = in.value(QStringLiteral("kit")).toString();
        applyKit(project, transport, *state);
    };
    project->addPart(QStringLiteral("transport"), save, load, transport);
}

void registerCursorPart(Project* project, MapController* controller)
{
    auto state = std::make_shared<CursorState>();
    QObject::connect(controller, &MapController::readyChanged, controller,
        [controller, state] { applyCursor(controller, *state); });
    auto save = [controller, state]() -> QJsonValue {
        const LatentVector& z = state->pending.empty() ? controller->currentZ() : state->pending;
        if (z.empty())
            return QJsonValue(QJsonValue::Undefined);
        return QJsonObject{{QStringLiteral("z"), ProjectFile::latentToJson(z)}};
    };
    auto load = [controller, state](const QJsonValue& value) {
        state->pending = ProjectFile::latentFromJson(value.toObject().value(QStringLiteral("z")));
        applyCursor(controller, *state);
    };
    project->addPart(QStringLiteral("cursor"), save, load, controller);
}

} // namespace gs
