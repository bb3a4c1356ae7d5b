#include "voicemappingmodel.h"

#include "kitvoicesettings.h"
#include "audio/kit.h"
#include "audio/kitvoices.h"
#include "core/drummap.h"

namespace gs {

VoiceMappingModel::VoiceMappingModel(QObject* parent) : QAbstractListModel(parent) {}

int VoiceMappingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant VoiceMappingModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case VoiceRole: return r.voice;
    case NoteRole: return r.note;
    case InstrumentRole: return r.instrument;
    case InstrumentNameRole: return r.instrumentName;
    case HowRole: return r.how;
    case SoundsRole: return r.sounds;
    default: return {};
    }
}

QHash<int, QByteArray> VoiceMappingModel::roleNames() const
{
    return {{VoiceRole, "voice"}, {NoteRole, "note"}, {InstrumentRole, "instrument"},
            {InstrumentNameRole, "instrumentName"}, {HowRole, "how"}, {SoundsRole, "sounds"}};
}

void VoiceMappingModel::setKit(const QString& kitId, const std::shared_ptr<const Kit>& kit, const DrumMap& map)
{
    beginResetModel();
    m_rows.clear();
    m_instruments.clear();
    m_kitId = kit ? kitId : QString();
    m_kitName = kit ? QString::fromStdString(kit->name()) : QString();
    if (kit) {
        for (const KitInstrument& instrument : kit->instruments())
            m_instruments << QString::fromStdString(instrument.name);
        for (const VoicePlayer& p : voicePlayers(*kit, map))
            m_rows.push_back({QString::fromStdString(p.voice), p.note, p.instrument, QString::fromStdString(p.instrumentName),
                              QString::fromStdString(p.how), p.sounds});
    }
    endResetModel();
    m_custom = !m_kitId.isEmpty() && !kitvoices::saved(m_kitId).isEmpty();
    Q_EMIT kitChanged();
}

void VoiceMappingModel::setInstrument(int row, int instrument)
{
    if (m_kitId.isEmpty() || row < 0 || row >= int(m_rows.size()) || instrument < -1 || instrument >= m_instruments.size())
        return;
    QVariantMap choices = kitvoices::saved(m_kitId);
    choices.insert(QString::number(m_rows[std::size_t(row)].note), instrument >= 0 ? m_instruments.at(instrument) : QString());
    kitvoices::save(m_kitId, choices);
    Q_EMIT mappingChanged();
}

void VoiceMappingModel::resetMapping()
{
    if (m_kitId.isEmpty())
        return;
    kitvoices::save(m_kitId, {});
    Q_EMIT mappingChanged();
}

void VoiceMappingModel::audition(int row)
{
    if (row >= 0 && row < int(m_rows.size()))
        Q_EMIT auditionRequested(m_rows[std::size_t(row)].note, 0.8f);
}

} // namespace gs
