#pragma once
// The interpolation tool: ends A and B (the cursor, a map point or a
// bookmark), a step count and linear / spherical; one row per step with its
// map position. Audition a step (cursor there, decoded), play the whole path
// as a multi-bar sequence on the transport, or export it as one MIDI clip or
// one WAV (all decoded in one batch on the player's worker). Saved with the project
// as part "interpolation": {"a": [z], "b": [z], "steps": N, "spherical": bool},
// applied once the map holds a model of that latent size. GUI thread.
#include "map/modelwait.h"
#include "project/projectpart.h"
#include "latent/interpolation.h"
#include "map/mapcontroller.h"
#include "map/pathplayer.h"

#include <QAbstractListModel>
#include <QJsonValue>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class BookmarkModel;

class InterpolationModel : public QAbstractListModel, public ProjectPart {
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
    Q_PROPERTY(gs::PathPlayer* player READ player CONSTANT)
    // A file name (no suffix) for exports, from what the ends were taken from: "funk-to-soul-path"
    // (a clicked point's style, a bookmark's name), else "path".
    Q_PROPERTY(QString suggestedName READ suggestedName NOTIFY endsChanged)

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
    QString suggestedName() const;
    const std::vector<LatentVector>& points() const { return m_points; }
    PathPlayer* player() { return &m_player; }

    Q_INVOKABLE void setAFromCursor();
    Q_INVOKABLE void setBFromCursor();
    Q_INVOKABLE void setAFromPoint(int index);
    Q_INVOKABLE void setBFromPoint(int index);
    // A bookmark's z as an end (false when the row is out of range or from another model).
    Q_INVOKABLE bool setAFromBookmark(gs::BookmarkModel* bookmarks, int row);
    Q_INVOKABLE bool setBFromBookmark(gs::BookmarkModel* bookmarks, int row);
    void setEnds(const LatentVector& a, const LatentVector& b);
    Q_INVOKABLE void clear();
    // Cursor to step `row` and decode it.
    Q_INVOKABLE bool audition(int row);
    // Every step decoded on a worker and handed to the transport as one sequence (loops).
    Q_INVOKABLE bool playPath();
    Q_INVOKABLE void stopPath();
    // All steps decoded (controller's sampling) and written one after another as a clip,
    // on a worker: true when the export started; player()->exportFinished reports.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl);
    // The same rendered as one WAV (the transport's kit, swing, humanise, volume): steps x bars long.
    Q_INVOKABLE bool exportWav(const QString& pathOrUrl);

    // The project part "interpolation" (the composition root registers it).
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

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
    LatentVector bookmarkZ(BookmarkModel* bookmarks, int row) const;
    QString cursorName() const;  // the style of the clicked point while the cursor is on it
    bool applyPending();

    PathPlayer m_player;
    QPointer<MapController> m_controller;
    int m_steps = 8;
    bool m_spherical = false;
    LatentVector m_a;
    LatentVector m_b;
    QString m_aName;  // for suggestedName only: not saved
    QString m_bName;
    std::vector<LatentVector> m_points;
    int m_current = -1;
    QString m_message;
    ModelWait m_wait;  // a project's value waiting for a model of its latent size
};

} // namespace gs
