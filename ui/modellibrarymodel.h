#pragma once
// The model library: the .gsm files of a folder (by default the user's data
// folder) with their settings and figures; open one (it becomes Session's
// model and the map fills), rename, delete. Files are read on a worker
// thread; results come back by queued calls. GUI thread only.
#include "session.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace gs {

class ModelLibraryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, PathRole, TypeRole, LatentRole, EpochsRole, ValidationLossRole, DatasetRole, ErrorRole };
    Q_ENUM(Role)

    struct Entry {
        QString path;
        QString type;
        int latent = 0;
        int epochs = 0;
        double validationLoss = 0.0;
        QString dataset;
        QString error;  // why the file could not be read ("" when fine)
    };

    explicit ModelLibraryModel(QObject* parent = nullptr);
    ~ModelLibraryModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where saved models live: <AppDataLocation>/models.
    static QString defaultFolder();
    QString folder() const { return m_folder; }
    void setFolder(const QString& folder);
    int count() const { return int(m_entries.size()); }
    bool busy() const { return m_busy; }
    QString message() const { return m_message; }

    // Re-reads the folder in the background.
    Q_INVOKABLE void refresh();
    // Loads the model in the background; then it becomes Session's model.
    Q_INVOKABLE void open(int row);
    // New file name (without folder or extension); false if it exists or is not a plain name.
    Q_INVOKABLE bool rename(int row, const QString& name);
    Q_INVOKABLE bool remove(int row);

Q_SIGNALS:
    void folderChanged();
    void countChanged();
    void busyChanged();
    void messageChanged();
    void opened(const QString& path);

private:
    void setBusy(bool busy);
    void setMessage(const QString& message);
    void join();

    QString m_folder;
    std::vector<Entry> m_entries;
    bool m_busy = false;
    QString m_message;
    std::thread m_thread;
    quint64 m_generation = 0;
};

} // namespace gs
