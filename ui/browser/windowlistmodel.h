#pragma once
// The windows of one file of the browser's full import (the file the browser
// selected): first bar, hits, tempo, split, whether the app uses it.
// Row -> dataset window index via windowIndex. The browser feeds it.
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace gs {

class Dataset;

class WindowListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DatasetBrowser")
    Q_PROPERTY(int file READ file NOTIFY fileChanged)

public:
    enum Role { WindowIndexRole = Qt::UserRole + 1, FirstBarRole, HitsRole, BpmRole, SplitRole, LabelRole, IncludedRole };

    explicit WindowListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int file() const { return m_file; }
    // A new import: no file selected. `used` has one flag per window of `dataset`.
    void setDataset(std::shared_ptr<const Dataset> dataset, const std::vector<bool>& used);
    // Include choices changed (same dataset).
    void setUsed(const std::vector<bool>& used);
    // Shows the windows of dataset file `file` (-1: none).
    void setFile(int file);
    // The dataset window index of a row, -1 if out of range.
    Q_INVOKABLE int windowIndex(int row) const;

Q_SIGNALS:
    void fileChanged();

private:
    void reload();

    std::shared_ptr<const Dataset> m_dataset;
    std::vector<bool> m_used;
    int m_file = -1;
    std::vector<int> m_windows;  // dataset window indices of m_file
};

} // namespace gs
