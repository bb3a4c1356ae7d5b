#pragma once
// The kit browser's list: the kits found in the usual places
// (~/.hydrogen/data/drumkits, /usr/share/hydrogen/data/drumkits,
// /usr/share/sounds/sf2, Groovescape's own kits) and in folders the musician
// adds (saved in the settings, "kits/folders"), grouped by format. Scanning runs
// on a worker (kitscan.h); the newest scan wins. choose() asks for a kit to be
// played: the composition root hands it to the audio link.
// Threads: GUI thread (the scan's worker reports back queued).
#include "kitscan.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace gs {

class KitBrowserModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one kit browser: App.kitBrowser")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged)
    Q_PROPERTY(bool scanned READ scanned NOTIFY scanningChanged)
    Q_PROPERTY(QStringList places READ places NOTIFY foldersChanged)
    Q_PROPERTY(QStringList folders READ folders NOTIFY foldersChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString currentId READ currentId NOTIFY currentIdChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, FormatRole, PathRole, PresetRole, IdRole, CurrentRole };

    explicit KitBrowserModel(QObject* parent = nullptr);
    ~KitBrowserModel() override;

    // The usual places on this machine (existing or not): where Hydrogen, SoundFonts and Groovescape keep kits.
    static QStringList usualPlaces();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool scanning() const { return m_scanning; }
    bool scanned() const { return m_scanned; }
    QStringList places() const { return m_places; }
    QStringList folders() const { return m_folders; }
    QString status() const { return m_status; }
    QString currentId() const { return m_currentId; }

    // Tests (and the root) replace the usual places; the musician's folders stay.
    void setPlaces(const QStringList& places);
    // The kit the audio link plays (kitvoices::kitId), marked in the list.
    void setCurrentId(const QString& id);
    const FoundKit* kitAt(int row) const;

    // Scans every place and folder again (on a worker).
    Q_INVOKABLE void rescan();
    // A folder (path or file:// URL) the musician adds; saved, then scanned. False if it is no folder.
    Q_INVOKABLE bool addFolder(const QString& pathOrUrl);
    Q_INVOKABLE void removeFolder(const QString& path);
    // Plays the kit of `row` (kitChosen).
    Q_INVOKABLE void choose(int row);

Q_SIGNALS:
    void countChanged();
    void scanningChanged();
    void foldersChanged();
    void statusChanged();
    void currentIdChanged();
    void scanFinished();
    void kitChosen(const QString& path, int preset, const QString& name);

private:
    void applyScan(KitScanResult result);
    void setStatus(const QString& text);

    std::vector<FoundKit> m_kits;
    QStringList m_places;
    QStringList m_folders;
    QString m_status;
    QString m_currentId;
    bool m_scanning = false;
    bool m_scanned = false;
    int m_request = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::vector<QPointer<QThread>> m_workers;
};

} // namespace gs
