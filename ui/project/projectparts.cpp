#include "project/projectparts.h"

#include "map/mapcontroller.h"
#include "project/project.h"
#include "project/projectfile.h"
#include "session.h"
#include "transport/transport.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

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

// A number the part stores under `key`: nullopt (and a note naming the key) when it is there
// but of another JSON type or not finite, so a hostile file is refused value by value.
std::optional<double> numberAt(Project* project, const QJsonObject& in, const char* key, const char* part)
{
    const QJsonValue value = in.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        project->reportProblem(QObject::tr("%1 \"%2\" is not a number; left as it was").arg(QLatin1String(part),
            QLatin1String(key)));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<bool> boolAt(Project* project, const QJsonObject& in, const char* key, const char* part)
{
    const QJsonValue value = in.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        project->reportProblem(QObject::tr("%1 \"%2\" is not true or false; left as it was").arg(QLatin1String(part),
            QLatin1String(key)));
        return std::nullopt;
    }
    return value.toBool();
}

void partNotAnObject(Project* project, const QJsonValue& value, const char* part)
{
    if (!value.isObject() && !value.isNull() && !value.isUndefined())
        project->reportProblem(QObject::tr("the %1 settings are not a JSON object; left as they were").arg(QLatin1String(part)));
}

struct CursorState {
    LatentVector pending;
    std::function<bool()> restoreLater;  // true while the project's dataset or model is still arriving
};

void applyCursor(MapController* controller, CursorState& state)
{
    if (state.pending.empty() || !controller->ready() || controller->latent() != int(state.pending.size()))
        return;
    // The map rebuilt for the project's dataset or model starts at the data's centre: restoring
    // before they arrive would be undone (and the project just opened would look edited).
    if (state.restoreLater && state.restoreLater())
        return;
    const LatentVector z = state.pending;
    state.pending.clear();
    // Restoring the cursor must not undo the restored grid: with a dataset window on it, the
    // cursor only moves (decoding would replace the window and dirty the project just opened).
    if (controller->session() && controller->session()->currentWindow() >= 0)
        controller->placeCursor(z);
    else
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
        if (!value.isObject()) {
            partNotAnObject(project, value, "transport");
            return;  // File > New keeps the sound as it is
        }
        const QJsonObject in = value.toObject();
        if (const auto swing = numberAt(project, in, "swing", "transport"))
            transport->setSwing(*swing);
        if (const auto humanise = numberAt(project, in, "humanise", "transport"))
            transport->setHumanise(*humanise);
        if (const auto metronome = boolAt(project, in, "metronome", "transport"))
            transport->setMetronome(*metronome);
        if (const auto volume = numberAt(project, in, "volume", "transport"))
            transport->setVolume(*volume);
        if (const auto changeAt = numberAt(project, in, "change_at", "transport"))
            transport->setChangeAt(int(std::clamp(*changeAt, -1.0e6, 1.0e6)));
        const QJsonValue kit = in.value(QStringLiteral("kit"));
        if (!kit.isUndefined() && !kit.isString())
            project->reportProblem(QObject::tr("transport \"kit\" is not a name; the kit stays as it is"));
        state->pendingKit = kit.toString();
        applyKit(project, transport, *state);
    };
    project->addPart(QStringLiteral("transport"), save, load, transport);
}

void registerCursorPart(Project* project, MapController* controller, std::function<bool()> restoreLater)
{
    auto state = std::make_shared<CursorState>();
    state->restoreLater = std::move(restoreLater);
    QObject::connect(controller, &MapController::readyChanged, controller,
        [controller, state] { applyCursor(controller, *state); });
    auto save = [controller, state]() -> QJsonValue {
        const LatentVector& z = state->pending.empty() ? controller->currentZ() : state->pending;
        if (z.empty())
            return QJsonValue(QJsonValue::Undefined);
        return QJsonObject{{QStringLiteral("z"), ProjectFile::latentToJson(z)}};
    };
    auto load = [project, controller, state](const QJsonValue& value) {
        partNotAnObject(project, value, "cursor");
        QString problem;
        state->pending = ProjectFile::latentFromJson(value.toObject().value(QStringLiteral("z")), &problem);
        if (!problem.isEmpty())
            project->reportProblem(QObject::tr("the map cursor was not restored: %1").arg(problem));
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
    auto load = [project, controller](const QJsonValue& value) {
        if (!value.isObject()) {
            partNotAnObject(project, value, "sampling");
            return;  // File > New keeps the controls as they are
        }
        const QJsonObject in = value.toObject();
        if (const auto threshold = numberAt(project, in, "threshold", "sampling"))
            controller->setThreshold(*threshold);
        if (const auto temperature = numberAt(project, in, "temperature", "sampling"))
            controller->setTemperature(*temperature);
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
