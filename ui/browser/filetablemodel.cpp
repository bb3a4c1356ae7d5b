#include "browser/filetablemodel.h"

#include "dataset/dataset.h"
#include "browser/includeset.h"

#include <QFileInfo>
#include <QStringList>

namespace gs {

FileTableModel::FileTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FileTableModel::setDataset(std::shared_ptr<const Dataset> dataset, const IncludeSet& include,
    const std::vector<bool>& used)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    computeStates(include, used);
    endResetModel();
}

void FileTableModel::setInclusion(const IncludeSet& include, const std::vector<bool>& used)
{
    const std::vector<Qt::CheckState> before = m_states;
    computeStates(include, used);
    for (std::size_t row = 0; row < m_states.size(); ++row)
        if (row >= before.size() || before[row] != m_states[row])
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1), {IncludedRole, SortRole, Qt::CheckStateRole});
}

void FileTableModel::computeStates(const IncludeSet& include, const std::vector<bool>& used)
{
    m_states.clear();
    if (!m_dataset)
        return;
    const auto& files = m_dataset->files();
    std::vector<int> total(files.size(), 0);
    std::vector<int> in(files.size(), 0);
    const auto& windows = m_dataset->windows();
    for (std::size_t i = 0; i < windows.size(); ++i) {
        const auto file = std::size_t(windows[i].file);
        ++total[file];
        in[file] += i < used.size() && used[i];
    }
    m_states.resize(files.size(), Qt::Checked);
    for (std::size_t f = 0; f < files.size(); ++f) {
        if (include.fileExcluded(files[f].path) || (total[f] > 0 && in[f] == 0))
            m_states[f] = Qt::Unchecked;
        else if (in[f] < total[f])
            m_states[f] = Qt::PartiallyChecked;
    }
}

Qt::CheckState FileTableModel::fileState(int file) const
{
    return file >= 0 && file < int(m_states.size()) ? m_states[std::size_t(file)] : Qt::Unchecked;
}

int FileTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_dataset ? 0 : int(m_dataset->files().size());
}

int FileTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {

int unmappedTotal(const FileRecord& file)
{
    int total = 0;
    for (const auto& [note, count] : file.unmappedNotes)
        total += count;
    return total;
}

QVariant rawValue(const FileRecord& file, int column)
{
    switch (column) {
    case FileTableModel::Name: return QFileInfo(QString::fromStdString(file.path)).fileName();
    case FileTableModel::Style: return QString::fromStdString(file.style);
    case FileTableModel::Tempo: return file.bpm;
    case FileTableModel::MeterColumn: return file.meter.numerator * 100 + file.meter.denominator;
    case FileTableModel::Bars: return file.bars;
    case FileTableModel::Windows: return file.windowsKept;
    case FileTableModel::Hits: return file.hits;
    case FileTableModel::Unmapped: return unmappedTotal(file);
    case FileTableModel::OtherChannels: return file.otherChannelNoteCount();
    case FileTableModel::Status: return QString::fromLatin1(fileStatusName(file.status));
    default: return {};
    }
}

} // namespace

QString FileTableModel::noWindowReason(const FileRecord& file) const
{
    // Why a readable file gave the map nothing (the first-hour report: 0 windows with no reason given).
    const ImportSettings& settings = m_dataset->settings();
    if (file.windowsTotal == 0)
        return tr("no window: shorter than %n bar(s) in one meter", nullptr, settings.bars);
    return tr("%n window(s) cut, none kept: fewer than %1 hits, or repeats", nullptr, file.windowsTotal)
        .arg(settings.minHits);
}

QString FileTableModel::otherChannelsText(const FileRecord& file)
{
    QStringList parts;
    for (const auto& [channel, count] : file.otherChannelNotes)
        parts << tr("channel %1: %n note(s)", nullptr, count).arg(channel);
    if (parts.isEmpty())
        return tr("no notes outside drum channel %1").arg(file.drumChannel);
    return tr("not read as drums (drums from channel %1): %2").arg(file.drumChannel).arg(parts.join(QStringLiteral(", ")));
}

QVariant FileTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileRecord& file = m_dataset->files()[std::size_t(index.row())];
    const Qt::CheckState state = fileState(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // A file that could not be read has no tempo, meter or bars: a dash, not a made-up "120 BPM 4/4".
        if (file.status == FileStatus::Failed && index.column() >= Tempo && index.column() <= OtherChannels)
            return QStringLiteral("—");
        switch (index.column()) {
        case Include: return QString();
        case Tempo: return QString::number(file.bpm, 'f', 0);
        case MeterColumn: return QString::fromStdString(file.meter.text());
        case Status:
            if (file.status != FileStatus::Ok)
                return QString::fromStdString(file.reason);
            return file.windowsKept > 0 ? QString::fromLatin1(fileStatusName(file.status)) : noWindowReason(file);
        default: return rawValue(file, index.column());
        }
    case Qt::CheckStateRole:
        return index.column() == Include ? QVariant(int(state)) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == OtherChannels ? otherChannelsText(file) : QString::fromStdString(file.path);
    case SortRole: return index.column() == Include ? QVariant(int(state)) : rawValue(file, index.column());
    case FileIndexRole: return index.row();
    case FailedRole: return file.status != FileStatus::Ok;
    case IncludedRole: return int(state);
    default: return {};
    }
}

QVariant FileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount] = {
        "Use", "File", "Style", "BPM", "Meter", "Bars", "Windows", "Hits", "Unmapped", "Other ch.", "Status"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

QHash<int, QByteArray> FileTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(FileIndexRole, "fileIndex");
    names.insert(FailedRole, "failed");
    names.insert(IncludedRole, "included");
    return names;
}

} // namespace gs
