#include "filetablemodel.h"

#include "dataset/dataset.h"
#include "session.h"

#include <QFileInfo>

namespace gs {

FileTableModel::FileTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_dataset(session->dataset())
{
    connect(m_session, &Session::datasetChanged, this, &FileTableModel::reload);
}

void FileTableModel::reload()
{
    beginResetModel();
    m_dataset = m_session->dataset();
    endResetModel();
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
    case FileTableModel::Status: return QString::fromLatin1(fileStatusName(file.status));
    default: return {};
    }
}

} // namespace

QVariant FileTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileRecord& file = m_dataset->files()[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Tempo: return QString::number(file.bpm, 'f', 0);
        case MeterColumn: return QString::fromStdString(file.meter.text());
        case Status:
            return file.status == FileStatus::Ok ? QString::fromLatin1(fileStatusName(file.status))
                                                 : QString::fromStdString(file.reason);
        default: return rawValue(file, index.column());
        }
    case Qt::ToolTipRole: return QString::fromStdString(file.path);
    case SortRole: return rawValue(file, index.column());
    case FileIndexRole: return index.row();
    case FailedRole: return file.status != FileStatus::Ok;
    default: return {};
    }
}

QVariant FileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount] = {
        "File", "Style", "BPM", "Meter", "Bars", "Windows", "Hits", "Unmapped", "Status"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

QHash<int, QByteArray> FileTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(FileIndexRole, "fileIndex");
    names.insert(FailedRole, "failed");
    return names;
}

} // namespace gs
