#pragma once
// Pinned places in the latent space: name, z and map position. Pin the
// cursor, recall (moves the cursor and decodes), rename, delete. GUI thread.
#include "latent/interpolation.h"
#include "mapcontroller.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class BookmarkModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, PositionRole, LatentRole };
    Q_ENUM(Role)

    struct Bookmark {
        QString name;
        LatentVector z;
    };

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
    Q_INVOKABLE int pin(const QString& name = QString());
    // Moves the cursor there and decodes.
    Q_INVOKABLE bool recall(int row);
    Q_INVOKABLE bool rename(int row, const QString& name);
    Q_INVOKABLE bool remove(int row);

Q_SIGNALS:
    void controllerChanged();
    void countChanged();

private:
    QPointer<MapController> m_controller;
    std::vector<Bookmark> m_bookmarks;
    int m_nextNumber = 1;
};

} // namespace gs
