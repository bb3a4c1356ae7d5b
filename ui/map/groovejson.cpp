#include "map/groovejson.h"

#include <QJsonArray>

#include <cmath>

namespace gs {

namespace {

constexpr int kMaxVoices = 64;  // as drum maps allow

bool wholeNumber(const QJsonValue& v, int low, int high, int& out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= low && d <= high) || d != std::floor(d))
        return false;
    out = int(d);
    return true;
}

} // namespace

QJsonObject grooveToJson(const Groove& groove)
{
    QJsonArray hits;
    for (int s = 0; s < groove.steps(); ++s)
        for (int v = 0; v < groove.voices(); ++v)
            if (groove.hit(s, v))
                hits.append(QJsonArray{s, v, double(groove.velocity(s, v)), double(groove.offset(s, v))});
    const Grid& grid = groove.grid();
    return QJsonObject{{QStringLiteral("bars"), grid.bars}, {QStringLiteral("stepsPerBeat"), grid.stepsPerBeat},
        {QStringLiteral("meter"), QJsonArray{grid.meter.numerator, grid.meter.denominator}},
        {QStringLiteral("voices"), groove.voices()}, {QStringLiteral("hits"), hits}};
}

std::optional<Groove> grooveFromJson(const QJsonValue& value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject in = value.toObject();
    Grid grid;
    int voices = 0;
    const QJsonArray meter = in.value(QStringLiteral("meter")).toArray();
    if (!wholeNumber(in.value(QStringLiteral("bars")), 1, 16, grid.bars)
        || !wholeNumber(in.value(QStringLiteral("stepsPerBeat")), 1, 24, grid.stepsPerBeat) || meter.size() != 2
        || !wholeNumber(meter[0], 1, 32, grid.meter.numerator) || !wholeNumber(meter[1], 1, 16, grid.meter.denominator)
        || !wholeNumber(in.value(QStringLiteral("voices")), 1, kMaxVoices, voices) || !grid.valid())
        return std::nullopt;
    const QJsonValue hitsValue = in.value(QStringLiteral("hits"));
    if (!hitsValue.isArray())
        return std::nullopt;
    Groove groove(grid, voices);
    const QJsonArray hits = hitsValue.toArray();
    if (qsizetype(groove.cells()) < hits.size())
        return std::nullopt;  // more hits than cells: not a groove this grid can hold
    for (const QJsonValue& h : hits) {
        const QJsonArray hit = h.toArray();
        int step = 0, voice = 0;
        if (hit.size() != 4 || !wholeNumber(hit[0], 0, groove.steps() - 1, step)
            || !wholeNumber(hit[1], 0, voices - 1, voice) || !hit[2].isDouble() || !hit[3].isDouble())
            return std::nullopt;
        const double velocity = hit[2].toDouble(), offset = hit[3].toDouble();
        if (!std::isfinite(velocity) || !std::isfinite(offset))
            return std::nullopt;
        groove.setHit(step, voice, float(velocity), float(offset));  // clamped to 0..1 and -1..1
    }
    return groove;
}

} // namespace gs
