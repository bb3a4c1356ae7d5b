#pragma once
// The dataset browser's table: one row per imported file of Session's dataset
// (name, style, tempo, meter, bars, windows, hits, unmapped notes, status).
// Qt::DisplayRole gives text, SortRole the raw value a proxy sorts by.
#include <QAbstractTableModel>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace gs {

class Dataset;
class Session;

class FileTableModel : public QAbstractTableModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DatasetBrowser")

public:
    enum Column { Name, Style, Tempo, MeterColumn, Bars, Windows, Hits, Unmapped, Status, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, FileIndexRole, FailedRole };
    Q_ENUM(Column)

    FileTableModel(Session* session, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void reload();

    Session* m_session;
    std::shared_ptr<const Dataset> m_dataset;  // held so rows stay valid until the reset
};

} // namespace gs
