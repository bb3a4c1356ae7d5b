#pragma once
// Reading a part's values back from a project file, value by value: a value of another JSON
// type (or not finite) is left out with a note in the project's notes, so a hostile file
// changes nothing it should not. Shared by every ProjectPart.
#include <QJsonValue>

#include <optional>

class QJsonObject;

namespace gs {

class ProjectPart;

// The number under `key` (nullopt when absent, or with a note when not a finite number).
std::optional<double> numberAt(const ProjectPart& project, const QJsonObject& in, const char* key, const char* part);
// The boolean under `key` (nullopt when absent, or with a note when not true or false).
std::optional<bool> boolAt(const ProjectPart& project, const QJsonObject& in, const char* key, const char* part);
// A note when a part's whole value is there but not an object.
void partNotAnObject(const ProjectPart& project, const QJsonValue& value, const char* part);

} // namespace gs
