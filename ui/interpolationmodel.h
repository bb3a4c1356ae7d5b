#pragma once
// The interpolation tool: ends A and B (the cursor, a map point or a
// bookmark), a step count and linear / spherical; one row per step with its
// map position. Audition a step (cursor there, decoded), or export the whole
// path as one MIDI clip (decoded in one batch, written atomically). GUI thread.
#include "latent/interpolation.h"
#include "mapcontroller.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class InterpolationModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(int steps READ steps WRITE setSteps NOTIFY stepsChanged)
    Q_PROPERTY(bool spherical READ spherical WRITE setSpherical NOTIFY sphericalChanged)
    Q_PROPERTY(bool hasA READ hasA NOTIFY endsChanged)
    Q_PROPERTY(bool hasB READ hasB NOTIFY endsChanged)
    Q_PROPERTY(QVariantList path READ path NOTIFY pathChanged)
    Q_PROPERTY(int current READ current NOTIFY currentChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    enum Role { StepRole = Qt::UserRole + 1, PositionRole };
    Q_ENUM(Role)

    explicit InterpolationModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    MapController* controller() const { return m_controller; }
    void setController(MapController* controller);
    int steps() const { return m_steps; }
    void setSteps(int steps);  // 2..64
    bool spherical() const { return m_spherical; }
    void setSpherical(bool spherical);
    bool hasA() const { return !m_a.empty(); }
    bool hasB() const { return !m_b.empty(); }
    // Map positions of the steps (for MapItem.path).
    QVariantList path() const;
    int current() const { return m_current; }
    QString message() const { return m_message; }
    const std::vector<LatentVector>& points() const { return m_points; }

    Q_INVOKABLE void setAFromCursor();
    Q_INVOKABLE void setBFromCursor();
    Q_INVOKABLE void setAFromPoint(int index);
    Q_INVOKABLE void setBFromPoint(int index);
    void setEnds(const LatentVector& a, const LatentVector& b);
    Q_INVOKABLE void clear();
    // Cursor to step `row` and decode it.
    Q_INVOKABLE bool audition(int row);
    // All steps decoded (controller's sampling) and written one after another as a clip.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl);

Q_SIGNALS:
    void controllerChanged();
    void stepsChanged();
    void sphericalChanged();
    void endsChanged();
    void pathChanged();
    void currentChanged();
    void messageChanged();

private:
    void recompute();
    void setMessage(const QString& message);

    QPointer<MapController> m_controller;
    int m_steps = 8;
    bool m_spherical = false;
    LatentVector m_a;
    LatentVector m_b;
    std::vector<LatentVector> m_points;
    int m_current = -1;
    QString m_message;
};

} // namespace gs
