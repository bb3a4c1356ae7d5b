#include "project/partvalues.h"

#include "project/projectpart.h"

#include <QJsonObject>
#include <QObject>

#include <cmath>

namespace gs {

// A number the part stores under `key`: nullopt (and a note naming the key) when it is there
// but of another JSON type or not finite, so a hostile file is refused value by value.
std::optional<double> numberAt(const ProjectPart& project, const QJsonObject& in, const char* key, const char* part)
{
    const QJsonValue value = in.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        project.reportProblem(QObject::tr("%1 \"%2\" is not a number; left as it was").arg(QLatin1String(part),
            QLatin1String(key)));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<bool> boolAt(const ProjectPart& project, const QJsonObject& in, const char* key, const char* part)
{
    const QJsonValue value = in.value(QLatin1String(key));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        project.reportProblem(QObject::tr("%1 \"%2\" is not true or false; left as it was").arg(QLatin1String(part),
            QLatin1String(key)));
        return std::nullopt;
    }
    return value.toBool();
}

void partNotAnObject(const ProjectPart& project, const QJsonValue& value, const char* part)
{
    if (!value.isObject() && !value.isNull() && !value.isUndefined())
        project.reportProblem(QObject::tr("the %1 settings are not a JSON object; left as they were").arg(QLatin1String(part)));
}

} // namespace gs
