#pragma once
// Project parts for view-models that live in QML and do not register
// themselves: the transport's settings ("transport"), the map cursor
// ("cursor") and the map's sampling controls ("sampling"). The composition
// root calls these once it has found the objects.
//   "transport": {"swing": %, "humanise": 0..1, "metronome": bool, "volume": 0..1, "change_at": 0|1|2,
//                 "kit": NAME} (tempo is in the "session" part); a kit not installed here is reported by name.
//   "cursor":    {"z": [floats]} applied once the map is ready for a model of that latent size and
//                `restoreLater` (if given) says the project's dataset and model have arrived.
//   "sampling":  {"threshold", "temperature", "voice_density": [-1..1 per voice], "voice_velocity": [0..2]}
// Both use the owner form of Project::addPart, so they go when their object goes.
#include <functional>

namespace gs {

class MapController;
class Project;
class Transport;

void registerTransportPart(Project* project, Transport* transport);
void registerCursorPart(Project* project, MapController* controller, std::function<bool()> restoreLater = {});
void registerSamplingPart(Project* project, MapController* controller);

} // namespace gs
