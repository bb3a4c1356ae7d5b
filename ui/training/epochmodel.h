#pragma once
// The training history as a list: one row per epoch with every loss term of
// the train and validation passes and the learning rate. The dashboard's
// table and charts read it; GUI thread only.
#include "model/modelrecords.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace gs {

class EpochModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by TrainingModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        EpochRole = Qt::UserRole + 1,
        TrainLossRole,
        ValidationLossRole,
        TrainHitsRole,
        TrainVelocityRole,
        TrainOffsetRole,
        TrainKlRole,
        ValidationHitsRole,
        ValidationVelocityRole,
        ValidationOffsetRole,
        ValidationKlRole,
        LearningRateRole,
        SamplesPerSecondRole,
    };
    Q_ENUM(Role)

    explicit EpochModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_records.size()); }
    const std::vector<EpochRecord>& records() const { return m_records; }
    void append(const EpochRecord& record);
    void reset(std::vector<EpochRecord> records);
    // One value of a row by role name ("trainLoss", "learningRate", ...), for charts.
    Q_INVOKABLE double value(int row, const QString& roleName) const;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<EpochRecord> m_records;
};

} // namespace gs
