#pragma once
// The model library: the models the user trained (the .gsm files of a folder,
// by default <AppDataLocation>/models) and the bundled ones (models/*.gsmodel
// along the data search path, read-only), each with its data, settings and
// evaluation table. Open (the model becomes Session's; the map rebuilds),
// Evaluate on the session dataset's validation split (stored in the file),
// Rename, Delete, Export. Every file operation runs on a worker (one for file
// jobs, one for evaluation); results come back by queued calls, so the GUI
// thread never waits on a file or a model. GUI thread only.
#include "training/modelentry.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QThreadPool>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace gs {

class Session;

class ModelLibraryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one library: App.library")
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)
    Q_PROPERTY(QString bundledFolder READ bundledFolder WRITE setBundledFolder NOTIFY folderChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool evaluating READ evaluating NOTIFY evaluatingChanged)
    Q_PROPERTY(QString evaluationPhase READ evaluationPhase NOTIFY evaluationProgressChanged)
    Q_PROPERTY(double evaluationProgress READ evaluationProgress NOTIFY evaluationProgressChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // The last evaluation's global feature comparison (modeleval.h: compareFeaturesInto) and the model
    // file it is of; empty until a model was evaluated in this session (only the overlaps are stored).
    Q_PROPERTY(QVariantMap featureComparison READ featureComparison NOTIFY featureComparisonChanged)
    Q_PROPERTY(QString featureComparisonPath READ featureComparisonPath NOTIFY featureComparisonChanged)
    Q_PROPERTY(QString sortRole READ sortRole NOTIFY sortChanged)
    Q_PROPERTY(bool sortAscending READ sortAscending NOTIFY sortChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, PathRole, BundledRole, ErrorRole, TypeRole, LatentRole, HiddenRole,
        ParametersRole, DatasetRole, TrainWindowsRole, ValidationWindowsRole, StyleCountRole, StylesRole,
        LearningRateRole, BetaRole, FreeBitsRole, KlAnnealRole, FlatRole, FlatEtaRole, EpochsRole,
        TrainingSecondsRole, ValidationLossRole, EvaluationRole, HasEvaluationRole, HitF1Role,
        HitPrecisionRole, HitRecallRole, VelocityMseRole, OffsetMseRole, SmoothnessMeanRole,
        SmoothnessMaxRole, DensityCorrelationRole, VelocityCorrelationRole, OffsetCorrelationRole,
        EvaluatingRole, MapAxesRole,
    };
    Q_ENUM(Role)

    // Opened models go to `session`; Evaluate uses its dataset.
    explicit ModelLibraryModel(Session* session = nullptr, QObject* parent = nullptr);
    ~ModelLibraryModel() override;  // cancels an evaluation and waits for the workers

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Where the app saves trained models: <AppDataLocation>/models.
    static QString defaultFolder();
    QString folder() const { return m_folder; }
    void setFolder(const QString& folder);  // re-reads
    // The bundled models' folder ("" = none); by default models/ along the data search path.
    QString bundledFolder() const { return m_bundledFolder; }
    void setBundledFolder(const QString& folder);  // re-reads
    int count() const { return int(m_entries.size()); }
    bool busy() const { return m_pending > 0; }
    bool evaluating() const { return !m_evaluatingPath.isEmpty(); }
    // While evaluating: what it does now ("Loading the model", "Reconstruction", "Smoothness",
    // "Attributes", "Features") and how far the whole evaluation is (0..1, the phases weighted by their cost).
    QString evaluationPhase() const { return m_evaluationPhase; }
    double evaluationProgress() const { return m_evaluationProgress; }
    QString message() const { return m_message; }
    QVariantMap featureComparison() const { return m_featureComparison; }
    QString featureComparisonPath() const { return m_featureComparisonPath; }
    QString sortRole() const { return m_sortRole; }
    bool sortAscending() const { return m_sortAscending; }
    const ModelEntry* entry(int row) const;
    Q_INVOKABLE int rowOf(const QString& path) const;

    // Re-reads both folders.
    Q_INVOKABLE void refresh();
    // Reads one file again (a model just trained or saved) and adds or updates its row.
    Q_INVOKABLE void reload(const QString& path);
    // Loads the model; it then becomes Session's model (opened()).
    Q_INVOKABLE void open(int row);
    // Evaluates the model on the session dataset's validation split and stores
    // the figures in its file (evaluated()). Not for bundled models (read-only).
    Q_INVOKABLE bool evaluate(int row);
    Q_INVOKABLE void cancelEvaluation();
    // New name without folder or extension. False at once for a bad name or a
    // bundled model; a clash with an existing file is reported by renamed(false).
    Q_INVOKABLE bool rename(int row, const QString& name);
    // Deletes the file (the view asks first). False for bundled models.
    Q_INVOKABLE bool remove(int row);
    // Writes a copy to `target` (a path or a file: URL) atomically (exported()).
    Q_INVOKABLE bool exportTo(int row, const QString& target);
    // Sorts by a role name ("name", "hit_f1" is "hitF1", ...); the order stays through refreshes.
    Q_INVOKABLE void sortBy(const QString& roleName, bool ascending);

Q_SIGNALS:
    void folderChanged();
    void countChanged();
    void busyChanged();
    void evaluatingChanged();
    void evaluationProgressChanged();
    void messageChanged();
    void featureComparisonChanged();
    void sortChanged();
    void refreshed();
    void opened(const QString& path);
    void evaluated(const QString& path, bool ok);
    void renamed(const QString& oldPath, const QString& newPath, bool ok);
    void removed(const QString& path, bool ok);
    void exported(const QString& target, bool ok);

private:
    QPointer<Session> m_session;
    // Runs `job` on the file worker; its result function runs on the GUI thread.
    void runJob(std::function<std::function<void()>()> job);
    void setMessage(const QString& message);
    void upsert(const ModelEntry& entry);
    void applySort();
    void emitRowChanged(const QString& path);
    void setEvaluationProgress(const QString& phase, double progress);

    QString m_folder;
    QString m_bundledFolder;
    std::vector<ModelEntry> m_entries;
    int m_pending = 0;
    quint64 m_generation = 0;
    QString m_evaluatingPath;
    QString m_evaluationPhase;
    double m_evaluationProgress = 0;
    QString m_message;
    QVariantMap m_featureComparison;
    QString m_featureComparisonPath;
    QString m_sortRole;
    bool m_sortAscending = true;
    std::shared_ptr<std::atomic<bool>> m_cancelEval = std::make_shared<std::atomic<bool>>(false);
    QThreadPool m_files;  // one thread: file jobs run in order
    QThreadPool m_eval;  // one thread: an evaluation does not hold up Open or Rename
};

} // namespace gs
