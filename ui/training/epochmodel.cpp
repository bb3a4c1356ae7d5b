#include "training/epochmodel.h"

namespace gs {

EpochModel::EpochModel(QObject* parent) : QAbstractListModel(parent) {}

int EpochModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

QVariant EpochModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EpochRecord& r = m_records[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return tr("epoch %1: train %2, validation %3").arg(r.epoch).arg(r.train.total).arg(r.validation.total);
    case EpochRole: return r.epoch;
    case TrainLossRole: return r.train.total;
    case ValidationLossRole: return r.validation.total;
    case TrainHitsRole: return r.train.hits;
    case TrainVelocityRole: return r.train.velocity;
    case TrainOffsetRole: return r.train.offset;
    case TrainKlRole: return r.train.kl;
    case ValidationHitsRole: return r.validation.hits;
    case ValidationVelocityRole: return r.validation.velocity;
    case ValidationOffsetRole: return r.validation.offset;
    case ValidationKlRole: return r.validation.kl;
    case LearningRateRole: return r.learningRate;
    case SamplesPerSecondRole: return r.samplesPerSecond;
    default: return {};
    }
}

QHash<int, QByteArray> EpochModel::roleNames() const
{
    return {
        {EpochRole, "epoch"},
        {TrainLossRole, "trainLoss"},
        {ValidationLossRole, "validationLoss"},
        {TrainHitsRole, "trainHits"},
        {TrainVelocityRole, "trainVelocity"},
        {TrainOffsetRole, "trainOffset"},
        {TrainKlRole, "trainKl"},
        {ValidationHitsRole, "validationHits"},
        {ValidationVelocityRole, "validationVelocity"},
        {ValidationOffsetRole, "validationOffset"},
        {ValidationKlRole, "validationKl"},
        {LearningRateRole, "learningRate"},
        {SamplesPerSecondRole, "samplesPerSecond"},
    };
}

void EpochModel::append(const EpochRecord& record)
{
    const int row = count();
    beginInsertRows(QModelIndex(), row, row);
    m_records.push_back(record);
    endInsertRows();
    Q_EMIT countChanged();
}

void EpochModel::reset(std::vector<EpochRecord> records)
{
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
    Q_EMIT countChanged();
}

double EpochModel::value(int row, const QString& roleName) const
{
    const QHash<int, QByteArray> names = roleNames();
    const int role = names.key(roleName.toUtf8(), -1);
    if (role < 0 || row < 0 || row >= count())
        return 0.0;
    return data(index(row), role).toDouble();
}

} // namespace gs
