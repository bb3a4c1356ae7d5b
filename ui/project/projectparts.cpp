#include "project/projectparts.h"

#include "map/mapcontroller.h"
#include "project/project.h"
#include "project/partvalues.h"
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


TransportPart::TransportPart(Transport* transport)
    : QObject(transport)
    , m_transport(transport)
{
    connect(transport, &Transport::kitsChanged, this, &TransportPart::applyKit);
}

void TransportPart::applyKit()
{
    if (m_pendingKit.isEmpty() || m_transport->kits().isEmpty())
        return;
    const int index = m_transport->kits().indexOf(m_pendingKit);
    if (index >= 0)
        m_transport->setKitIndex(index);
    else
        reportMissing(m_pendingKit, tr("Kit"));
    m_pendingKit.clear();
}

QJsonValue TransportPart::savePart() const
{
    const Transport* transport = m_transport;
    QString kit = m_pendingKit;
    if (kit.isEmpty() && transport->kitIndex() >= 0 && transport->kitIndex() < transport->kits().size())
        kit = transport->kits().at(transport->kitIndex());
    return QJsonObject{{QStringLiteral("swing"), transport->swing()},
        {QStringLiteral("humanise"), transport->humanise()},
        {QStringLiteral("metronome"), transport->metronome()},
        {QStringLiteral("volume"), transport->volume()},
        {QStringLiteral("change_at"), transport->changeAt()},
        {QStringLiteral("kit"), kit}};
}

void TransportPart::loadPart(const QJsonValue& value)
{
    const ProjectPart& project = *this;
    Transport* transport = m_transport;
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
        reportProblem(tr("transport \"kit\" is not a name; the kit stays as it is"));
    m_pendingKit = kit.toString();
    applyKit();
}

CursorPart::CursorPart(MapController* controller, std::function<bool()> restoreLater)
    : QObject(controller)
    , m_controller(controller)
    , m_restoreLater(std::move(restoreLater))
{
    connect(controller, &MapController::readyChanged, this, &CursorPart::apply);
}

QJsonValue CursorPart::savePart() const
{
    // Not applied yet: kept as the file had it.
    const LatentVector z = m_wait.holding() ? ProjectFile::latentFromJson(m_wait.value()) : m_controller->currentZ();
    if (z.empty())
        return QJsonValue(QJsonValue::Undefined);
    return QJsonObject{{QStringLiteral("z"), ProjectFile::latentToJson(z)}};
}

void CursorPart::loadPart(const QJsonValue& value)
{
    partNotAnObject(*this, value, "cursor");
    QString problem;
    const LatentVector z = ProjectFile::latentFromJson(value.toObject().value(QStringLiteral("z")), &problem);
    if (!problem.isEmpty())
        reportProblem(tr("the map cursor was not restored: %1").arg(problem));
    m_wait.drop();
    if (!z.empty())
        m_wait.hold(ProjectFile::latentToJson(z), int(z.size()));
    apply();
}

void CursorPart::apply()
{
    // The map rebuilt for the project's dataset or model starts at the data's centre: restoring
    // before they arrive would be undone (and the project just opened would look edited).
    if (m_restoreLater && m_restoreLater())
        return;
    m_wait.applyWhenReady(*m_controller, [this](const QJsonValue& value) {
        const LatentVector z = ProjectFile::latentFromJson(value);
        // Restoring the cursor must not undo the restored grid: with a dataset window on it, the
        // cursor only moves (decoding would replace the window and dirty the project just opened).
        if (m_controller->session() && m_controller->session()->currentWindow() >= 0)
            m_controller->placeCursor(z);
        else
            m_controller->moveToZ(z);
    });
}

SamplingPart::SamplingPart(MapController* controller)
    : QObject(controller)
    , m_controller(controller)
{
}

QJsonValue SamplingPart::savePart() const
{
    const MapController* controller = m_controller;
    QJsonArray density, velocity;
    for (const double a : controller->voiceDensity())
        density.append(a);
    for (const double v : controller->voiceVelocity())
        velocity.append(v);
    return QJsonObject{{QStringLiteral("threshold"), controller->threshold()},
        {QStringLiteral("temperature"), controller->temperature()},
        {QStringLiteral("voice_density"), density}, {QStringLiteral("voice_velocity"), velocity}};
}

void SamplingPart::loadPart(const QJsonValue& value)
{
    const ProjectPart& project = *this;
    MapController* controller = m_controller;
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
}

} // namespace gs
