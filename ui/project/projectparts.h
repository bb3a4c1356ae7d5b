#pragma once
// Project parts for services whose state is saved by a part of its own (the composition
// root makes each as a child of its service and registers it with ProjectPart::add):
//   "transport": {"swing": %, "humanise": 0..1, "metronome": bool, "volume": 0..1, "change_at": 0|1|2,
//                 "kit": NAME} (tempo is in the "session" part); a kit not installed here is reported by name.
//   "cursor":    {"z": [floats]} applied once the map holds a model of that latent size and
//                `restoreLater` (if given) says the project's dataset and model have arrived.
//   "sampling":  {"threshold", "temperature", "voice_density": [-1..1 per voice], "voice_velocity": [0..2]}
// Threads: GUI thread only.
#include "map/modelwait.h"
#include "project/projectpart.h"

#include <QObject>

#include <functional>

namespace gs {

class MapController;
class Transport;

class TransportPart : public QObject, public ProjectPart {
    Q_OBJECT

public:
    explicit TransportPart(Transport* transport);  // a child of `transport`
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

private:
    void applyKit();

    Transport* m_transport;
    QString m_pendingKit;  // asked for before the kits were listed (they load on a worker at start)
};

class CursorPart : public QObject, public ProjectPart {
    Q_OBJECT

public:
    CursorPart(MapController* controller, std::function<bool()> restoreLater = {});  // a child of `controller`
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;
    void apply();  // restores a waiting cursor when it can

private:
    MapController* m_controller;
    std::function<bool()> m_restoreLater;  // true while the project's dataset or model is still arriving
    ModelWait m_wait;
};

class SamplingPart : public QObject, public ProjectPart {
    Q_OBJECT

public:
    explicit SamplingPart(MapController* controller);  // a child of `controller`
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

private:
    MapController* m_controller;
};

} // namespace gs
