#include "kitvoicesettings.h"

#include "audio/kit.h"

#include <QSettings>

namespace gs::kitvoices {

namespace {

// QSettings reads '/' in a key as a group: the id is stored hex-encoded.
QString settingsKey(const QString& kitId)
{
    return QStringLiteral("kitVoices/") + QString::fromLatin1(kitId.toUtf8().toHex());
}

} // namespace

QString kitId(const QString& path, int preset)
{
    return preset >= 0 ? path + QLatin1Char('#') + QString::number(preset) : path;
}

QVariantMap saved(const QString& kitId)
{
    return QSettings().value(settingsKey(kitId)).toMap();
}

void save(const QString& kitId, const QVariantMap& choices)
{
    QSettings settings;
    if (choices.isEmpty())
        settings.remove(settingsKey(kitId));
    else
        settings.setValue(settingsKey(kitId), choices);
}

std::vector<VoiceChoice> resolve(const QVariantMap& choices, const Kit& kit)
{
    std::vector<VoiceChoice> out;
    for (auto it = choices.constBegin(); it != choices.constEnd(); ++it) {
        bool ok = false;
        const int note = it.key().toInt(&ok);
        if (!ok || note < 0 || note > 127)
            continue;
        const std::string name = it.value().toString().toStdString();
        if (name.empty()) {
            out.push_back({note, -1});
            continue;
        }
        for (int i = 0; i < kit.instrumentCount(); ++i) {
            if (kit.instrument(i).name == name) {
                out.push_back({note, i});
                break;
            }
        }
    }
    return out;
}

} // namespace gs::kitvoices
