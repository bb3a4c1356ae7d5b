#pragma once
// The voice-mapping table of the kit that plays: one row per voice of the
// session's drum map, showing the instrument that plays it and how it was
// chosen (the kit's own note, the instrument's name, its place in the kit, or
// the musician's choice). setInstrument() saves a choice for this kit
// (kitvoicesettings.h) and asks for the kit to be loaded again with it
// (mappingChanged: the composition root reloads through the audio link);
// audition() asks for one voice to be played (auditionRequested).
// Threads: GUI thread.
#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace gs {

class DrumMap;
class Kit;

class VoiceMappingModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one voice-mapping table: App.voiceMapping")
    Q_PROPERTY(int count READ rowCount NOTIFY kitChanged)
    Q_PROPERTY(QString kitName READ kitName NOTIFY kitChanged)
    Q_PROPERTY(QString kitId READ kitId NOTIFY kitChanged)
    Q_PROPERTY(QStringList instruments READ instruments NOTIFY kitChanged)
    Q_PROPERTY(bool custom READ custom NOTIFY kitChanged)

public:
    enum Role { VoiceRole = Qt::UserRole + 1, NoteRole, InstrumentRole, InstrumentNameRole, HowRole, SoundsRole };

    explicit VoiceMappingModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString kitName() const { return m_kitName; }
    QString kitId() const { return m_kitId; }
    QStringList instruments() const { return m_instruments; }
    bool custom() const { return m_custom; }

    // The kit now playing (kitvoices::kitId) and the drum map its voices come from; null: none.
    void setKit(const QString& kitId, const std::shared_ptr<const Kit>& kit, const DrumMap& map);

    // Row `row`'s voice is played by instrument `instrument` (an index of `instruments`; -1 = none).
    Q_INVOKABLE void setInstrument(int row, int instrument);
    // Forgets this kit's choices: the loader's own mapping again.
    Q_INVOKABLE void resetMapping();
    Q_INVOKABLE void audition(int row);

Q_SIGNALS:
    void kitChanged();
    void mappingChanged();
    void auditionRequested(int note, float velocity);

private:
    struct Row {
        QString voice;
        int note = 0;
        int instrument = -1;
        QString instrumentName;
        QString how;
        bool sounds = false;
    };
    std::vector<Row> m_rows;
    QString m_kitName;
    QString m_kitId;
    QStringList m_instruments;
    bool m_custom = false;
};

} // namespace gs
