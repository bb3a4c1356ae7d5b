#pragma once
// Pinned places in the latent space: name, tags, z and map position. Pin the
// cursor, recall (moves the cursor and decodes), rename, tag, delete.
// Saved with the project as the part "bookmarks" (ProjectPart; the composition root registers it):
//   [{"name": NAME, "tags": [TAG, ...], "z": [floats], "model": MODEL, "groove": {groovejson.h}}, ...]
// A bookmark keeps the groove it was pinned with and the model it was pinned on (the model file, or its name
// when it has none). On that model, recall moves the cursor to its z; on another one the same z would be a
// different place in a different space, so recall plays its groove as it was and places it on this map by
// encoding it, and says so (the first-hour report: it played something unrelated).
// Export: the selected bookmarks (a tick per row, or every one with a tag), or all
// when none is selected, in list order, as one multi-bar MIDI clip or WAV: decoded
// in one batch and written on the player's worker (PathPlayer). The selection is
// view state, not saved. GUI thread.
#include "latent/interpolation.h"
#include "map/mapcontroller.h"
#include "project/projectpart.h"
#include "map/pathplayer.h"

#include <QAbstractListModel>
#include <QJsonValue>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class BookmarkModel : public QAbstractListModel, public ProjectPart {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(gs::PathPlayer* player READ player CONSTANT)

public:
    enum Role { NameRole = Qt::UserRole + 1, PositionRole, LatentRole, TagsRole, SelectedRole, OtherModelRole };
    Q_ENUM(Role)

    struct Bookmark {
        QString name;
        LatentVector z;
        QStringList tags;
        Groove groove;  // as heard when pinned (empty in projects older than this)
        QString model;  // the model it was pinned on ("" in older projects: taken as the current one)
        bool operator==(const Bookmark& other) const
        {
            return name == other.name && z == other.z && tags == other.tags && model == other.model
                && (groove.steps() == 0 ? other.groove.steps() == 0 : groove.sameAs(other.groove));
        }
    };
    static constexpr const char* projectKey = "bookmarks";

    explicit BookmarkModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    MapController* controller() const { return m_controller; }
    void setController(MapController* controller);
    int count() const { return int(m_bookmarks.size()); }
    const std::vector<Bookmark>& bookmarks() const { return m_bookmarks; }
    // The z of a row (empty when out of range).
    LatentVector latent(int row) const;

    // Pins the cursor's z; an empty name becomes "Bookmark N". Returns the row, or -1 without a model.
    Q_INVOKABLE int pin(const QString& name = QString(), const QStringList& tags = {});
    // On its own model: moves the cursor there and decodes. On another model: plays its groove and places it
    // on the map by encoding (message says so). False when it can do neither.
    Q_INVOKABLE bool recall(int row);
    // The bookmark was pinned on the model now on the map (or its project did not say).
    Q_INVOKABLE bool onCurrentModel(int row) const;
    Q_INVOKABLE bool rename(int row, const QString& name);
    Q_INVOKABLE bool remove(int row);
    // Tags are trimmed, empty ones dropped, duplicates removed.
    Q_INVOKABLE bool setTags(int row, const QStringList& tags);
    Q_INVOKABLE QStringList tags(int row) const;

    // The export selection (not saved with the project).
    int selectedCount() const;
    Q_INVOKABLE bool isSelected(int row) const;
    Q_INVOKABLE void setSelected(int row, bool selected);
    // Selects exactly the bookmarks tagged `tag` (trimmed, any case); returns how many.
    Q_INVOKABLE int selectTagged(const QString& tag);
    Q_INVOKABLE void clearSelection();
    // The rows an export takes: the selected ones, or every row when none is selected.
    std::vector<int> exportRows() const;
    // Those bookmarks decoded (the controller's sampling) one after another as one clip
    // at `pathOrUrl` (a file:// URL too; a missing suffix is added). True when the export
    // started (player()->exportFinished reports); false with `message` saying why not.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl);
    Q_INVOKABLE bool exportWav(const QString& pathOrUrl);
    QString message() const { return m_message; }
    PathPlayer* player() { return &m_player; }

    // The project part: the list as JSON, and back (Null or not an array clears it;
    // entries without a name or z are skipped).
    QJsonValue toJson() const;
    void fromJson(const QJsonValue& value);
    QJsonValue savePart() const override { return toJson(); }
    void loadPart(const QJsonValue& value) override { fromJson(value); }
    // Replaces every bookmark (one model reset).
    void setBookmarks(std::vector<Bookmark> bookmarks);

Q_SIGNALS:
    void controllerChanged();
    void countChanged();
    void selectionChanged();
    void messageChanged();

private:
    void notifyProject();
    QString currentModel() const;  // the identity stored in "model"
    bool startExport(const QString& pathOrUrl, bool wav);
    void setMessage(const QString& message);

    QPointer<MapController> m_controller;
    std::vector<Bookmark> m_bookmarks;
    std::vector<bool> m_selected;  // beside m_bookmarks, row for row
    int m_nextNumber = 1;
    QString m_message;
    PathPlayer m_player;
};

} // namespace gs
