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
            {QStringLiteral("change_at"), transport->changeAt()},
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
        if (in.contains(QStringLiteral("change_at")))
            transport->setChangeAt(in.value(QStringLiteral("change_at")).toInt());
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

void registerSamplingPart(Project* project, MapController* controller)
{
    auto save = [controller]() -> QJsonValue {
        QJsonArray density, velocity;
        for (const double a : controller->voiceDensity())
            density.append(a);
        for (const double v : controller->voiceVelocity())
            velocity.append(v);
        return QJsonObject{{QStringLiteral("threshold"), controller->threshold()},
            {QStringLiteral("temperature"), controller->temperature()},
            {QStringLiteral("voice_density"), density}, {QStringLiteral("voice_velocity"), velocity}};
    };
    auto load = [controller](const QJsonValue& value) {
        if (!value.isObject())
            return;  // File > New keeps the controls as they are
        const QJsonObject in = value.toObject();
        if (in.contains(QStringLiteral("threshold")))
            controller->setThreshold(in.value(QStringLiteral("threshold")).toDouble());
        if (in.contains(QStringLiteral("temperature")))
            controller->setTemperature(in.value(QStringLiteral("temperature")).toDouble());
        controller->resetVoices();
        const QJsonArray density = in.value(QStringLiteral("voice_density")).toArray();
        const QJsonArray velocity = in.value(QStringLiteral("voice_velocity")).toArray();
        for (qsizetype v = 0; v < density.size(); ++v)
            controller->setVoiceDensity(int(v), density.at(v).toDouble(0.0));
        for (qsizetype v = 0; v < velocity.size(); ++v)
            controller->setVoiceVelocity(int(v), velocity.at(v).toDouble(1.0));
    };
    project->addPart(QStringLiteral("sampling"), save, load, controller);
}

} // namespace gs
