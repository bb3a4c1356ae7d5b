#pragma once
// The 3D map's instance table: one small cube per dataset window at its 3D
// (PCA) position, in its map colour, drawn by Quick 3D in one instanced call.
// Also the picking that Qt 6.4's View3D cannot do for instances: the point
// nearest to a ray through the mouse.
#include "map/mapmodel.h"

#include <QPointer>
#include <QVector3D>
#include <QtQml/qqmlregistration.h>
#include <QtQuick3D/qquick3dinstancing.h>

namespace gs {

class MapInstancing : public QQuick3DInstancing {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapModel* model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(float spread READ spread WRITE setSpread NOTIFY spreadChanged)
    Q_PROPERTY(float pointScale READ pointScale WRITE setPointScale NOTIFY pointScaleChanged)

public:
    explicit MapInstancing(QQuick3DObject* parent = nullptr);

    MapModel* model() const { return m_model; }
    void setModel(MapModel* model);
    float spread() const { return m_spread; }
    void setSpread(float spread);  // scene units per latent unit
    float pointScale() const { return m_pointScale; }
    void setPointScale(float scale);

    // A 3D map position in scene coordinates (the data's centre at the origin).
    Q_INVOKABLE QVector3D toScene(const QVector3D& position) const;
    // The point nearest to the ray from `origin` through `through` (scene
    // coordinates), within `radius` scene units of it; -1 if none.
    Q_INVOKABLE int pickRay(const QVector3D& origin, const QVector3D& through, float radius) const;

Q_SIGNALS:
    void modelChanged();
    void spreadChanged();
    void pointScaleChanged();

protected:
    QByteArray getInstanceBuffer(int* instanceCount) override;

private:
    void refresh();

    QPointer<MapModel> m_model;
    float m_spread = 100.0f;
    float m_pointScale = 0.03f;
    QVector3D m_centre;
    QByteArray m_buffer;
    bool m_dirty = true;
};

} // namespace gs
