#pragma once
// A groove in a project file, for what must keep its sound whatever model is loaded (a bookmark's groove):
//   {"bars": 2, "stepsPerBeat": 4, "meter": [4, 4], "voices": 9,
//    "hits": [[step, voice, velocity 0..1, offset -1..1], ...]}
// Reading checks every type and bound: a wrong or hostile value gives nothing, never a half-read groove.
#include "core/groove.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace gs {

QJsonObject grooveToJson(const Groove& groove);
std::optional<Groove> grooveFromJson(const QJsonValue& value);

} // namespace gs
