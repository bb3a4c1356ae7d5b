#include "settingsstore.h"

#include <QSettings>

namespace gs {

SettingsStore::SettingsStore(QObject* parent)
    : QObject(parent)
{
}

QVariant SettingsStore::value(const QString& key, const QVariant& fallback) const
{
    return QSettings().value(key, fallback);
}

void SettingsStore::setValue(const QString& key, const QVariant& value) { QSettings().setValue(key, value); }

void SettingsStore::sync() { QSettings().sync(); }

} // namespace gs
