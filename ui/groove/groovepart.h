#pragma once
// The Groove panel in the project file: the input lane, the redirect flags, the style,
// temperature, variation, memory, follow amount, the A/B latents and the oscillation.
// Follow mode itself is not saved: a project opens quiet, and plays what it saved.
#include "project/projectpart.h"

#include <QObject>

namespace gs {

class Accompaniment;

class GroovePart : public QObject, public ProjectPart {
    Q_OBJECT

public:
    explicit GroovePart(Accompaniment* accompaniment);  // a child of `accompaniment`
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

private:
    Accompaniment* m_accompaniment;
};

} // namespace gs
