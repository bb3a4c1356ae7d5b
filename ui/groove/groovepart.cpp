#include "groove/groovepart.h"

#include "groove/accompaniment.h"
#include "project/partvalues.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

constexpr const char* kPart = "groove";

QJsonArray latentToJson(const LatentVector& z)
{
    QJsonArray out;
    for (float v : z)
        out.append(double(v));
    return out;
}

// A latent saved by savePart: every entry a finite number of sane size, else empty (and a note).
LatentVector latentFrom(const ProjectPart& part, const QJsonValue& value, const char* key)
{
    if (value.isUndefined() || value.isNull())
        return {};
    LatentVector z;
    const QJsonArray in = value.toArray();
    bool ok = value.isArray() && in.size() <= 4096;
    for (const QJsonValue& v : in) {
        ok = ok && v.isDouble() && std::isfinite(v.toDouble()) && std::abs(v.toDouble()) < 1e3;
        z.push_back(float(v.toDouble()));
    }
    if (!ok) {
        part.reportProblem(QObject::tr("groove \"%1\" is not a list of numbers; not restored").arg(QLatin1String(key)));
        return {};
    }
    return z;
}

} // namespace

GroovePart::GroovePart(Accompaniment* accompaniment)
    : QObject(accompaniment)
    , m_accompaniment(accompaniment)
{
    for (auto signal : {&Accompaniment::laneChanged, &Accompaniment::conditionsChanged, &Accompaniment::optionsChanged,
             &Accompaniment::followChanged, &Accompaniment::abChanged})
        connect(accompaniment, signal, this, [this] { partChanged(); });
}

QJsonValue GroovePart::savePart() const
{
    const Accompaniment* acc = m_accompaniment;
    QJsonArray lane;
    const Groove& rhythm = acc->rhythm();
    for (int s = 0; s < rhythm.steps(); ++s)
        if (rhythm.hit(s, 0))
            lane.append(QJsonArray{s, double(rhythm.velocity(s, 0)), double(rhythm.offset(s, 0))});
    QJsonArray without;
    for (const QVariant& on : acc->without())
        without.append(on.toBool());
    return QJsonObject{{QStringLiteral("lane"), lane}, {QStringLiteral("without"), without},
        {QStringLiteral("style"), acc->style()}, {QStringLiteral("temperature"), acc->temperature()},
        {QStringLiteral("variation"), acc->variation()}, {QStringLiteral("threshold"), acc->threshold()}, {QStringLiteral("lock"), acc->lockToRhythm()},
        {QStringLiteral("memory"), acc->memory()}, {QStringLiteral("follow_amount"), acc->followAmount()},
        {QStringLiteral("crossfade"), acc->crossfade()}, {QStringLiteral("oscillation"), acc->oscillationRate()},
        {QStringLiteral("a"), latentToJson(acc->latentA())}, {QStringLiteral("b"), latentToJson(acc->latentB())}};
}

void GroovePart::loadPart(const QJsonValue& value)
{
    Accompaniment* acc = m_accompaniment;
    const ProjectPart& part = *this;
    if (!value.isObject()) {
        partNotAnObject(part, value, kPart);
        acc->setFollow(false);
        acc->clearLane();
        return;  // a new project: an empty lane, the sound settings kept
    }
    const QJsonObject in = value.toObject();
    acc->setFollow(false);
    if (in.contains(QStringLiteral("lane"))) {
        Groove rhythm = acc->rhythm();
        rhythm.clear();
        const QJsonValue laneValue = in.value(QStringLiteral("lane"));
        bool ok = laneValue.isArray();
        for (const QJsonValue& hit : laneValue.toArray()) {
            const QJsonArray h = hit.toArray();
            const bool good = hit.isArray() && h.size() == 3 && h[0].isDouble() && h[1].isDouble() && h[2].isDouble()
                && std::isfinite(h[1].toDouble()) && std::isfinite(h[2].toDouble());
            const int step = good ? int(std::clamp(h[0].toDouble(), -1.0, 1e6)) : -1;
            if (!good || step < 0 || step >= rhythm.steps()) {
                ok = false;
                continue;
            }
            rhythm.setHit(step, 0, float(h[1].toDouble()), float(h[2].toDouble()));
        }
        if (!ok)
            reportProblem(tr("groove \"lane\" has entries that are not [step, velocity, offset] on its steps; they are left out"));
        acc->setRhythm(rhythm);
    }
    const QJsonValue without = in.value(QStringLiteral("without"));
    if (without.isArray()) {
        const QJsonArray flags = without.toArray();
        for (int g = 0; g < flags.size() && g < 5; ++g)
            acc->setWithout(g, flags[g].toBool());
    } else if (!without.isUndefined()) {
        reportProblem(tr("groove \"without\" is not a list of true/false; left as it was"));
    }
    const QJsonValue style = in.value(QStringLiteral("style"));
    if (style.isString())
        acc->setStyle(style.toString());
    if (const auto v = numberAt(part, in, "temperature", kPart))
        acc->setTemperature(*v);
    if (const auto v = numberAt(part, in, "variation", kPart))
        acc->setVariation(*v);
    if (const auto v = numberAt(part, in, "threshold", kPart))
        acc->setThreshold(*v);
    if (const auto v = boolAt(part, in, "lock", kPart))
        acc->setLockToRhythm(*v);
    if (const auto v = numberAt(part, in, "memory", kPart))
        acc->setMemory(int(std::clamp(*v, 1.0, 16.0)));
    if (const auto v = numberAt(part, in, "follow_amount", kPart))
        acc->setFollowAmount(*v);
    if (const auto v = numberAt(part, in, "oscillation", kPart))
        acc->setOscillationRate(*v);
    acc->setLatents(latentFrom(part, in.value(QStringLiteral("a")), "a"), latentFrom(part, in.value(QStringLiteral("b")), "b"));
    if (const auto v = numberAt(part, in, "crossfade", kPart))
        acc->setCrossfadeQuietly(*v);
}

} // namespace gs
