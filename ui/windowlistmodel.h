#pragma once
// The windows of one file of Session's dataset (the file the browser selected):
// first bar, hits, tempo, split. Row -> dataset window index via windowIndex.
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace gs {

class Dataset;
class Session;

class WindowListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DatasetBrowser")
    Q_PROPERTY(int file READ file NOTIFY fileChanged)

public:
    enum Role { WindowIndexRole = Qt::UserRole + 1, FirstBarRole, HitsRole, BpmRole, SplitRole, LabelRole };

    WindowListModel(Session* session, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int file() const { return m_file; }
    // Shows the windows of dataset file `file` (-1: none).
    void setFile(int file);
    // The dataset window index of a row, -1 if out of range.
    Q_INVOKABLE int windowIndex(int row) const;

Q_SIGNALS:
    void fileChanged();

private:
    void reload();

    Session* m_session;
    std::shared_ptr<const Dataset> m_dataset;
    int m_file = -1;
    std::vector<int> m_windows;  // dataset window indices of m_file
};

} // namespace gs
