#pragma once
// The dataset browser's table: one row per imported file of the browser's full
// import (include box, name, style, tempo, meter, bars, windows, hits, unmapped
// notes, notes on channels other than the drum channel, status). Qt::DisplayRole gives text, SortRole the raw value a proxy
// sorts by, IncludedRole the include box (Qt::CheckState: some windows out =
// partially checked). The browser feeds it; it never reads the Session.
#include <QAbstractTableModel>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace gs {

class Dataset;
class IncludeSet;
struct FileRecord;

class FileTableModel : public QAbstractTableModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DatasetBrowser")

public:
    enum Column { Include, Name, Style, Tempo, MeterColumn, Bars, Windows, Hits, Unmapped, OtherChannels, Status, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, FileIndexRole, FailedRole, IncludedRole };
    Q_ENUM(Column)

    explicit FileTableModel(QObject* parent = nullptr);

    // A new import (resets the model); `used` has one flag per window of `dataset`.
    void setDataset(std::shared_ptr<const Dataset> dataset, const IncludeSet& include, const std::vector<bool>& used);
    // Include choices changed (same dataset): updates the boxes without a reset.
    void setInclusion(const IncludeSet& include, const std::vector<bool>& used);
    Qt::CheckState fileState(int file) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "not read as drums (drums from channel 10): channel 1: 312 notes, ..." (the column's tooltip).
    static QString otherChannelsText(const FileRecord& file);

private:
    QString noWindowReason(const FileRecord& file) const;
    void computeStates(const IncludeSet& include, const std::vector<bool>& used);

    std::shared_ptr<const Dataset> m_dataset;  // held so rows stay valid until the reset
    std::vector<Qt::CheckState> m_states;  // per file
};

} // namespace gs
