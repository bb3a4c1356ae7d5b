#pragma once
// QSettings for QML (Qt 6.4 has no QtCore Settings type): window geometry,
// pane sizes, transport values, last folders. Keys are plain strings ("window/width").
#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

namespace gs {

class SettingsStore : public QObject {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit SettingsStore(QObject* parent = nullptr);

    Q_INVOKABLE QVariant value(const QString& key, const QVariant& fallback = {}) const;
    Q_INVOKABLE void setValue(const QString& key, const QVariant& value);
    Q_INVOKABLE void sync();
};

} // namespace gs
