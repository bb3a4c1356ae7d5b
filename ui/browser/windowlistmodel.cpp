#include "browser/windowlistmodel.h"

#include "dataset/dataset.h"

namespace gs {

WindowListModel::WindowListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void WindowListModel::setDataset(std::shared_ptr<const Dataset> dataset, const std::vector<bool>& used)
{
    m_dataset = std::move(dataset);
    m_used = used;
    const bool hadFile = m_file != -1;
    m_file = -1;
    reload();
    if (hadFile)
        Q_EMIT fileChanged();
}

void WindowListModel::setUsed(const std::vector<bool>& used)
{
    m_used = used;
    if (!m_windows.empty())
        Q_EMIT dataChanged(index(0), index(int(m_windows.size()) - 1), {IncludedRole});
}

void WindowListModel::setFile(int file)
{
    if (file == m_file)
        return;
    m_file = file;
    reload();
    Q_EMIT fileChanged();
}

void WindowListModel::reload()
{
    beginResetModel();
    m_windows.clear();
    if (m_dataset && m_file >= 0) {
        const auto& windows = m_dataset->windows();
        for (std::size_t i = 0; i < windows.size(); ++i)
            if (windows[i].file == m_file)
                m_windows.push_back(int(i));
    }
    endResetModel();
}

int WindowListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_windows.size());
}

int WindowListModel::windowIndex(int row) const
{
    return row >= 0 && row < int(m_windows.size()) ? m_windows[std::size_t(row)] : -1;
}

QVariant WindowListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int windowIdx = m_windows[std::size_t(index.row())];
    const DatasetWindow& window = m_dataset->windows()[std::size_t(windowIdx)];
    switch (role) {
    case WindowIndexRole: return windowIdx;
    case FirstBarRole: return window.firstBar + 1;  // bars count from 1 for musicians
    case HitsRole: return window.groove.hitCount();
    case BpmRole: return double(window.bpm);
    case SplitRole: return QString::fromLatin1(splitName(window.split));
    case IncludedRole: return std::size_t(windowIdx) >= m_used.size() || m_used[std::size_t(windowIdx)];
    case Qt::DisplayRole:
    case LabelRole:
        return tr("Bars %1–%2 · %3 hits · %4 BPM")
            .arg(window.firstBar + 1)
            .arg(window.firstBar + window.groove.grid().bars)
            .arg(window.groove.hitCount())
            .arg(double(window.bpm), 0, 'f', 0);
    default: return {};
    }
}

QHash<int, QByteArray> WindowListModel::roleNames() const
{
    return {{WindowIndexRole, "windowIndex"}, {FirstBarRole, "firstBar"}, {HitsRole, "hits"}, {BpmRole, "bpm"},
        {SplitRole, "split"}, {LabelRole, "label"}, {IncludedRole, "included"}};
}

} // namespace gs
