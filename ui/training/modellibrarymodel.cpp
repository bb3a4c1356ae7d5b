#include "training/modellibrarymodel.h"
#include "files/workerguard.h"
#include "files/filecheck.h"

#include "assetpaths.h"
#include "dataset/dataset.h"
#include "model/model.h"
#include "training/modeleval.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gs {

namespace {

const char* const kEvalRoles[][2] = {
    {"hitF1", "hit_f1"},
    {"hitPrecision", "hit_precision"},
    {"hitRecall", "hit_recall"},
    {"velocityMse", "velocity_mse"},
    {"offsetMse", "offset_mse"},
    {"smoothnessMean", "smoothness_mean"},
    {"smoothnessMax", "smoothness_max"},
    {"densityCorrelation", "attribute_correlation_density"},
    {"velocityCorrelation", "attribute_correlation_velocity"},
    {"offsetCorrelation", "attribute_correlation_offset"},
};

// The Evaluator's phases: the name the view shows and the share of the whole run
// (smoothness and attributes decode tens of thousands of z's; reconstruction one per window).
struct EvalPhase {
    const char* key;
    const char* label;
    double start;
    double share;
};
const EvalPhase kEvalPhases[] = {
    {"reconstruction", QT_TRANSLATE_NOOP("ModelLibraryModel", "Reconstruction"), 0.05, 0.05},
    {"smoothness", QT_TRANSLATE_NOOP("ModelLibraryModel", "Smoothness"), 0.10, 0.45},
    {"attributes", QT_TRANSLATE_NOOP("ModelLibraryModel", "Attributes"), 0.55, 0.35},
    // The feature comparison: one encode and two batched decodes of the windows.
    {"features", QT_TRANSLATE_NOOP("ModelLibraryModel", "Features"), 0.90, 0.10},
};

std::vector<ModelEntry> readFolder(const QString& folder, bool bundled)
{
    std::vector<ModelEntry> entries;
    if (folder.isEmpty())
        return entries;
    const QFileInfoList files = QDir(folder).entryInfoList({QStringLiteral("*.gsm"), QStringLiteral("*.gsmodel")},
                                                           QDir::Files, QDir::Name);
    for (const QFileInfo& file : files)
        entries.push_back(ModelEntry::read(file.absoluteFilePath(), bundled));
    return entries;
}

// A plain file name: no folder parts, no hidden file, no control characters.
bool plainName(const QString& name)
{
    if (name.isEmpty() || name.size() > 200 || name.startsWith(QLatin1Char('.')))
        return false;
    return std::none_of(name.begin(), name.end(), [](QChar c) {
        return c == QLatin1Char('/') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control;
    });
}

} // namespace

ModelLibraryModel::ModelLibraryModel(Session* session, QObject* parent)
    : QAbstractListModel(parent)
    , m_session(session)
    , m_folder(defaultFolder())
    , m_bundledFolder(AssetPaths::findModelsDir())
{
    m_files.setMaxThreadCount(1);
    m_eval.setMaxThreadCount(1);
}

ModelLibraryModel::~ModelLibraryModel()
{
    m_cancelEval->store(true);
    m_files.waitForDone();
    m_eval.waitForDone();
}

QString ModelLibraryModel::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models");
}

int ModelLibraryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

const ModelEntry* ModelLibraryModel::entry(int row) const
{
    return row >= 0 && row < count() ? &m_entries[std::size_t(row)] : nullptr;
}

int ModelLibraryModel::rowOf(const QString& path) const
{
    for (int row = 0; row < count(); ++row)
        if (m_entries[std::size_t(row)].path == path)
            return row;
    return -1;
}

QVariant ModelLibraryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelEntry& e = m_entries[std::size_t(index.row())];
    if (role >= HitF1Role && role <= OffsetCorrelationRole) {
        const QVariant v = e.evaluation.value(QString::fromLatin1(kEvalRoles[role - HitF1Role][1]));
        return v.isValid() ? v : QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return e.name;
    case PathRole: return e.path;
    case BundledRole: return e.bundled;
    case ErrorRole: return e.error;
    case TypeRole: return e.type;
    case LatentRole: return e.latent;
    case HiddenRole: return e.hidden;
    case ParametersRole: return e.parameters;
    case DatasetRole: return e.datasetName;
    case TrainWindowsRole: return e.trainWindows;
    case ValidationWindowsRole: return e.validationWindows;
    case StyleCountRole: return e.styleCount;
    case StylesRole: return e.styles;
    case LearningRateRole: return e.learningRate;
    case BetaRole: return e.beta;
    case FreeBitsRole: return e.freeBits;
    case KlAnnealRole: return e.klAnneal;
    case FlatRole: return e.flat;
    case FlatEtaRole: return e.flatEta;
    case MapAxesRole: return e.mapAxes;
    case EpochsRole: return e.epochs;
    case TrainingSecondsRole: return e.trainingSeconds;
    case ValidationLossRole: return e.validationLoss;
    case EvaluationRole: return e.evaluation;
    case HasEvaluationRole: return !e.evaluation.isEmpty();
    case EvaluatingRole: return !m_evaluatingPath.isEmpty() && e.path == m_evaluatingPath;
    default: return {};
    }
}

QHash<int, QByteArray> ModelLibraryModel::roleNames() const
{
    QHash<int, QByteArray> names{{NameRole, "name"}, {PathRole, "path"}, {BundledRole, "bundled"},
        {ErrorRole, "error"}, {TypeRole, "type"}, {LatentRole, "latent"}, {HiddenRole, "hidden"},
        {ParametersRole, "parameters"}, {DatasetRole, "dataset"}, {TrainWindowsRole, "trainWindows"},
        {ValidationWindowsRole, "validationWindows"}, {StyleCountRole, "styleCount"}, {StylesRole, "styles"},
        {LearningRateRole, "learningRate"}, {BetaRole, "beta"}, {FreeBitsRole, "freeBits"},
        {KlAnnealRole, "klAnneal"}, {FlatRole, "flat"}, {FlatEtaRole, "flatEta"}, {MapAxesRole, "mapAxes"}, {EpochsRole, "epochs"},
        {TrainingSecondsRole, "trainingSeconds"}, {ValidationLossRole, "validationLoss"},
        {EvaluationRole, "evaluation"}, {HasEvaluationRole, "hasEvaluation"}, {EvaluatingRole, "evaluating"}};
    for (int role = HitF1Role; role <= OffsetCorrelationRole; ++role)
        names.insert(role, kEvalRoles[role - HitF1Role][0]);
    return names;
}

void ModelLibraryModel::setFolder(const QString& folder)
{
    if (folder == m_folder)
        return;
    m_folder = folder;
    Q_EMIT folderChanged();
    refresh();
}

void ModelLibraryModel::setBundledFolder(const QString& folder)
{
    if (folder == m_bundledFolder)
        return;
    m_bundledFolder = folder;
    Q_EMIT folderChanged();
    refresh();
}

void ModelLibraryModel::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void ModelLibraryModel::runJob(std::function<std::function<void()>()> job)
{
    if (m_pending++ == 0)
        Q_EMIT busyChanged();
    m_files.start([this, job = std::move(job)] {
        // A job that throws (a hostile model file) reports like a failed one instead of ending the app.
        std::function<void()> done;
        const QString thrown = runGuarded(QStringLiteral("model library"), [&] { done = job(); });
        if (!thrown.isEmpty())
            done = [this, thrown] { setMessage(thrown); };
        QMetaObject::invokeMethod(this, [this, done = std::move(done)] {
            done();
            if (--m_pending == 0)
                Q_EMIT busyChanged();
        }, Qt::QueuedConnection);
    });
}

void ModelLibraryModel::refresh()
{
    const quint64 generation = ++m_generation;
    const QString folder = m_folder, bundled = m_bundledFolder;
    runJob([this, generation, folder, bundled]() -> std::function<void()> {
        std::vector<ModelEntry> entries = readFolder(folder, false);
        for (ModelEntry& e : readFolder(bundled, true))
            entries.push_back(std::move(e));
        return [this, generation, entries = std::move(entries)]() mutable {
            if (generation != m_generation)
                return;  // a newer refresh is on its way
            beginResetModel();
            m_entries = std::move(entries);
            endResetModel();
            applySort();
            Q_EMIT countChanged();
            Q_EMIT refreshed();
        };
    });
}

void ModelLibraryModel::reload(const QString& path)
{
    const bool bundled = !m_bundledFolder.isEmpty() && QFileInfo(path).absolutePath() == QDir(m_bundledFolder).absolutePath();
    runJob([this, path, bundled]() -> std::function<void()> {
        ModelEntry e = ModelEntry::read(path, bundled);
        return [this, e] { upsert(e); };
    });
}

void ModelLibraryModel::upsert(const ModelEntry& entry)
{
    const int row = rowOf(entry.path);
    if (row >= 0) {
        m_entries[std::size_t(row)] = entry;
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        beginInsertRows(QModelIndex(), count(), count());
        m_entries.push_back(entry);
        endInsertRows();
        Q_EMIT countChanged();
    }
    applySort();
}

void ModelLibraryModel::emitRowChanged(const QString& path)
{
    if (const int row = rowOf(path); row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {EvaluatingRole});
}

void ModelLibraryModel::open(int row)
{
    const ModelEntry* e = entry(row);
    if (!e)
        return;
    const QString path = e->path, name = e->name;
    setMessage(tr("Opening %1…").arg(name));
    runJob([this, path, name]() -> std::function<void()> {
        const QString problem = regularFileProblem(path, QStringLiteral("model"));
        Result<Model> loaded = problem.isEmpty() ? Model::load(path.toStdString()) : Result<Model>(Error{"", problem.toStdString()});
        auto model = loaded.ok() ? std::make_shared<Model>(std::move(loaded.value())) : nullptr;
        const QString error = loaded.ok() ? QString() : QString::fromStdString(loaded.error().describe());
        return [this, model, path, name, error] {
            if (!model) {
                setMessage(error);
                return;
            }
            if (m_session)
                m_session->setModel(model, name, path);
            setMessage(tr("Opened %1").arg(name));
            Q_EMIT opened(path);
        };
    });
}

bool ModelLibraryModel::evaluate(int row)
{
    const ModelEntry* e = entry(row);
    if (!e || evaluating())
        return false;
    if (e->bundled) {
        setMessage(tr("%1 is bundled (read-only); its figures are from the Groove MIDI Dataset validation split. "
                      "Export a copy into the library to evaluate it on your data.").arg(e->name));
        return false;
    }
    Session* session = m_session.data();
    std::shared_ptr<const Dataset> dataset = session ? session->dataset() : nullptr;
    if (!dataset) {
        setMessage(tr("Import a dataset first: Evaluate uses its validation split."));
        return false;
    }
    if (session->windowCount() == 0) {  // "None" in the dataset browser
        setMessage(tr("Nothing to evaluate on: every window is excluded in the dataset browser. Press All there "
                      "(or tick files) and evaluate again."));
        return false;
    }
    const QString path = e->path, name = e->name, datasetName = session->datasetName();
    m_evaluatingPath = path;
    m_cancelEval->store(false);
    setEvaluationProgress(tr("Loading the model"), 0.0);
    Q_EMIT evaluatingChanged();
    emitRowChanged(path);
    setMessage(tr("Evaluating %1 on the validation split of %2…").arg(name, datasetName));
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancelEval;
    m_eval.start([this, path, name, datasetName, dataset, cancel] {
        ModelEntry updated;
        QString error;
        QVariantMap features;
        int windows = 0;
        const QString thrown = runGuarded(path, [&] {
            const QString problem = regularFileProblem(path, QStringLiteral("model"));
            Result<Model> model = problem.isEmpty() ? Model::load(path.toStdString()) : Result<Model>(Error{"", problem.toStdString()});
            if (!model.ok()) {
                error = QString::fromStdString(model.error().describe());
            } else {
                const std::vector<Groove> validation = validationWindows(*dataset, model->config());
                windows = int(validation.size());
                // A few dozen calls per run (one per decoded batch): each becomes one queued update.
                auto progress = [this, cancel, path](const char* phase, double fraction) {
                    for (const EvalPhase& p : kEvalPhases)
                        if (std::strcmp(p.key, phase) == 0) {
                            const QString label = tr(p.label);
                            const double overall = p.start + p.share * std::clamp(fraction, 0.0, 1.0);
                            QMetaObject::invokeMethod(this, [this, label, overall, path] {
                                if (m_evaluatingPath == path)
                                    setEvaluationProgress(label, overall);
                            }, Qt::QueuedConnection);
                        }
                    return !cancel->load();
                };
                Status status = evaluateInto(model.value(), validation, cancel.get(), progress);
                if (status.ok() && progress("features", 0.0)) {
                    Result<QVariantMap> compared = compareFeaturesInto(
                        model.value(), validation, validationStyles(*dataset, model->config()), cancel.get());
                    if (compared.ok())
                        features = compared.value();
                    else
                        status = compared.error();
                    progress("features", 1.0);
                }
                if (status.ok() && cancel->load())
                    status = Error{"", "evaluation cancelled"};
                if (status.ok())
                    status = model->save(path.toStdString());
                if (status.ok())
                    updated = ModelEntry::fromModel(model.value(), path, false);
                else
                    error = QString::fromStdString(status.error().describe());
            }
        });
        if (!thrown.isEmpty())
            error = thrown;
        const bool cancelled = !error.isEmpty() && cancel->load();
        QMetaObject::invokeMethod(this, [this, path, name, datasetName, updated, error, windows, cancelled, features] {
            m_evaluatingPath.clear();
            setEvaluationProgress(QString(), 0.0);
            Q_EMIT evaluatingChanged();
            emitRowChanged(path);
            const bool ok = error.isEmpty();
            if (ok) {
                upsert(updated);
                m_featureComparison = features;
                m_featureComparisonPath = path;
                Q_EMIT featureComparisonChanged();
                setMessage(tr("Evaluated %1 on %2 validation windows of %3: F1 %4")
                               .arg(name).arg(windows).arg(datasetName)
                               .arg(updated.evaluation.value(QStringLiteral("hit_f1")).toDouble(), 0, 'f', 3));
            } else if (cancelled) {
                setMessage(tr("Evaluation of %1 cancelled; its file is unchanged.").arg(name));
            } else {
                setMessage(tr("Could not evaluate %1: %2").arg(name, error));
            }
            Q_EMIT evaluated(path, ok);
        }, Qt::QueuedConnection);
    });
    return true;
}

void ModelLibraryModel::setEvaluationProgress(const QString& phase, double progress)
{
    if (phase == m_evaluationPhase && progress == m_evaluationProgress)
        return;
    m_evaluationPhase = phase;
    m_evaluationProgress = progress;
    Q_EMIT evaluationProgressChanged();
}

void ModelLibraryModel::cancelEvaluation()
{
    if (!evaluating())
        return;
    m_cancelEval->store(true);
    setMessage(tr("Stopping the evaluation…"));  // the worker stops at its next batch
}

bool ModelLibraryModel::rename(int row, const QString& name)
{
    const ModelEntry* e = entry(row);
    const QString trimmed = name.trimmed();
    if (!e)
        return false;
    if (e->bundled || e->path == m_evaluatingPath) {
        setMessage(e->bundled ? tr("%1 is bundled and cannot be renamed.").arg(e->name)
                              : tr("%1 is being evaluated; rename it afterwards.").arg(e->name));
        return false;
    }
    if (!plainName(trimmed)) {
        setMessage(tr("\"%1\" is not a usable name (no slashes, no leading dot).").arg(trimmed));
        return false;
    }
    if (trimmed == e->name)
        return true;
    const QString from = e->path;
    const QFileInfo info(from);
    const QString to = info.dir().filePath(trimmed + QLatin1Char('.') + info.suffix());
    runJob([this, from, to, trimmed]() -> std::function<void()> {
        QString error;
        if (QFileInfo::exists(to))
            error = tr("a model named \"%1\" already exists (%2)").arg(trimmed, to);
        else if (QFile file(from); !file.rename(to))  // QFile::rename never replaces an existing file
            error = file.errorString();
        return [this, from, to, trimmed, error] {
            const int at = rowOf(from);
            if (!error.isEmpty() || at < 0) {
                setMessage(tr("Could not rename %1: %2").arg(QFileInfo(from).completeBaseName(), error));
                Q_EMIT renamed(from, to, false);
                return;
            }
            m_entries[std::size_t(at)].path = to;
            m_entries[std::size_t(at)].name = trimmed;
            if (m_featureComparisonPath == from) {  // the comparison follows its file
                m_featureComparisonPath = to;
                Q_EMIT featureComparisonChanged();
            }
            Q_EMIT dataChanged(index(at), index(at), {Qt::DisplayRole, NameRole, PathRole});
            applySort();
            setMessage(tr("Renamed to %1").arg(trimmed));
            Q_EMIT renamed(from, to, true);
        };
    });
    return true;
}

bool ModelLibraryModel::remove(int row)
{
    const ModelEntry* e = entry(row);
    if (!e)
        return false;
    if (e->bundled || e->path == m_evaluatingPath) {
        setMessage(e->bundled ? tr("%1 is bundled with the app and cannot be deleted.").arg(e->name)
                              : tr("%1 is being evaluated; delete it afterwards.").arg(e->name));
        return false;
    }
    const QString path = e->path, name = e->name;
    runJob([this, path, name]() -> std::function<void()> {
        QFile file(path);
        const bool ok = file.remove() || !file.exists();
        const QString error = ok ? QString() : file.errorString();
        return [this, path, name, ok, error] {
            if (ok) {
                if (const int at = rowOf(path); at >= 0) {
                    beginRemoveRows(QModelIndex(), at, at);
                    m_entries.erase(m_entries.begin() + at);
                    endRemoveRows();
                    Q_EMIT countChanged();
                }
                if (m_featureComparisonPath == path) {
                    m_featureComparison.clear();
                    m_featureComparisonPath.clear();
                    Q_EMIT featureComparisonChanged();
                }
                setMessage(tr("Deleted %1").arg(name));
            } else {
                setMessage(tr("Could not delete %1: %2").arg(path, error));
            }
            Q_EMIT removed(path, ok);
        };
    });
    return true;
}

bool ModelLibraryModel::exportTo(int row, const QString& target)
{
    const ModelEntry* e = entry(row);
    QString to = target.startsWith(QLatin1String("file:")) ? QUrl(target).toLocalFile() : target;
    if (!e || to.isEmpty())
        return false;
    if (QFileInfo(to).suffix().isEmpty())
        to += QStringLiteral(".gsm");
    if (QFileInfo(to).absoluteFilePath() == QFileInfo(e->path).absoluteFilePath()) {
        setMessage(tr("Export needs another file than the model itself."));
        return false;
    }
    const QString from = e->path;
    runJob([this, from, to]() -> std::function<void()> {
        QString error;
        QFile in(from);
        QSaveFile out(to);  // temp file + rename: never a half-written model
        if (!in.open(QIODevice::ReadOnly)) {
            error = tr("cannot read %1: %2").arg(from, in.errorString());
        } else if (!out.open(QIODevice::WriteOnly)) {
            error = tr("cannot write %1: %2").arg(to, out.errorString());
        } else {
            QByteArray chunk;
            while (error.isEmpty() && !(chunk = in.read(1 << 20)).isEmpty())
                if (out.write(chunk) != chunk.size())
                    error = tr("cannot write %1: %2").arg(to, out.errorString());
            if (error.isEmpty() && in.error() != QFile::NoError)
                error = tr("cannot read %1: %2").arg(from, in.errorString());
            if (error.isEmpty() && !out.commit())
                error = tr("cannot write %1: %2").arg(to, out.errorString());
            if (!error.isEmpty())
                out.cancelWriting();
        }
        return [this, to, error] {
            setMessage(error.isEmpty() ? tr("Exported to %1").arg(to) : tr("Export failed: %1").arg(error));
            Q_EMIT exported(to, error.isEmpty());
        };
    });
    return true;
}

void ModelLibraryModel::sortBy(const QString& roleName, bool ascending)
{
    if (!roleNames().values().contains(roleName.toUtf8()))
        return;
    m_sortRole = roleName;
    m_sortAscending = ascending;
    Q_EMIT sortChanged();
    applySort();
}

void ModelLibraryModel::applySort()
{
    if (m_sortRole.isEmpty() || m_entries.size() < 2)
        return;
    const int role = roleNames().key(m_sortRole.toUtf8());
    std::vector<std::pair<QVariant, std::size_t>> keys;
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        keys.emplace_back(data(index(int(i)), role), i);
    const bool ascending = m_sortAscending;
    // Missing values (never evaluated) go last whichever the direction.
    std::stable_sort(keys.begin(), keys.end(), [ascending](const auto& a, const auto& b) {
        if (!a.first.isValid() || !b.first.isValid())
            return a.first.isValid() && !b.first.isValid();
        if (a.first.typeId() == QMetaType::QString) {
            const int c = QString::localeAwareCompare(a.first.toString().toLower(), b.first.toString().toLower());
            return ascending ? c < 0 : c > 0;
        }
        const double x = a.first.toDouble(), y = b.first.toDouble();
        return ascending ? x < y : x > y;
    });
    std::vector<ModelEntry> sorted;
    sorted.reserve(m_entries.size());
    for (const auto& key : keys)
        sorted.push_back(std::move(m_entries[key.second]));
    beginResetModel();
    m_entries = std::move(sorted);
    endResetModel();
}

} // namespace gs
