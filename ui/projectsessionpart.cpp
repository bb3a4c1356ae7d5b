#include "projectsessionpart.h"

#include "dataset/dataset.h"
#include "project.h"
#include "session.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace gs {

namespace {

bool underOrEqual(const QString& path, const QString& base)
{
    return path == base || path.startsWith(base.endsWith(QLatin1Char('/')) ? base : base + QLatin1Char('/'));
}

} // namespace

ProjectSessionPart::ProjectSessionPart(Project* project, Session* session, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_session(session)
{
    Q_ASSERT(project && session);
    connect(session, &Session::datasetChanged, this, &ProjectSessionPart::onDatasetChanged);
    connect(session, &Session::modelChanged, this, &ProjectSessionPart::onModelChanged);
    project->addPart(QLatin1String(key), [this] { return save(); }, [this](const QJsonValue& v) { load(v); }, this);
}

void ProjectSessionPart::noteModelPath(const QString& path)
{
    m_notedModel = QFileInfo(path).absoluteFilePath();
    if (m_session && m_session->hasModel() && m_session->modelName() == QFileInfo(path).completeBaseName())
        m_modelPath = m_notedModel;
}

void ProjectSessionPart::onModelChanged()
{
    // Loaders publish the model and report its file in either order: match them by name.
    const bool known = m_session->hasModel() && !m_notedModel.isEmpty()
        && m_session->modelName() == QFileInfo(m_notedModel).completeBaseName();
    m_modelPath = known ? m_notedModel : QString();
    m_modelRequested = false;
}

QStringList ProjectSessionPart::datasetSources() const
{
    if (!m_pendingSources.isEmpty())
        return m_pendingSources;
    const auto dataset = m_session ? m_session->dataset() : nullptr;
    if (!dataset)
        return {};
    if (dataset.get() == m_sourcesFor)
        return m_sources;
    // Imported some other way (drop, dialog, command line): its files are its sources.
    QStringList files;
    for (const FileRecord& file : dataset->files()) {
        const QString path = QString::fromStdString(file.path);
        if (!files.contains(path))
            files << path;
    }
    auto* self = const_cast<ProjectSessionPart*>(this);  // cache: the dataset is immutable
    self->m_sources = files;
    self->m_sourcesFor = dataset.get();
    return files;
}

QJsonValue ProjectSessionPart::save() const
{
    QJsonObject out;
    QJsonArray sources;
    for (const QString& source : datasetSources())
        sources.append(m_project->encodePath(source));
    out.insert(QStringLiteral("dataset"), sources);
    // While a requested model is loading, the project still holds that model.
    out.insert(QStringLiteral("model"), m_project->encodePath(m_modelRequested ? m_notedModel : m_modelPath));
    const bool pending = !m_pendingSources.isEmpty();
    out.insert(QStringLiteral("window"), pending ? m_pendingWindow : (m_session ? m_session->currentWindow() : -1));
    out.insert(QStringLiteral("bpm"), pending && m_pendingBpm > 0 ? m_pendingBpm : (m_session ? m_session->bpm() : 100.0));
    return out;
}

void ProjectSessionPart::load(const QJsonValue& value)
{
    if (!value.isObject() || !m_session)
        return;  // Null (File > New): the dataset and model stay
    const QJsonObject in = value.toObject();
    const int window = in.value(QStringLiteral("window")).toInt(-1);
    const double bpm = in.value(QStringLiteral("bpm")).toDouble(0.0);

    QStringList sources;
    for (const QJsonValue& entry : in.value(QStringLiteral("dataset")).toArray()) {
        const QString path = m_project->resolvePath(entry.toString());
        if (path.isEmpty())
            continue;
        if (m_project->pathExists(path))
            sources << path;
        else
            m_project->reportMissing(path, tr("Dataset source"));
    }
    const QString model = m_project->resolvePath(in.value(QStringLiteral("model")).toString());
    if (!model.isEmpty()) {
        if (!m_project->pathExists(model)) {
            m_project->reportMissing(model, tr("Model"));
        } else if (!(model == m_modelPath && m_session->hasModel())) {
            noteModelPath(model);
            if (m_modelLoader) {
                m_modelRequested = true;
                m_modelLoader(model);
            }
        }
    }

    const auto current = m_session->dataset();
    if (sources.isEmpty()) {
        m_pendingSources.clear();
        if (!in.value(QStringLiteral("dataset")).toArray().isEmpty() && current)
            m_session->setDataset(nullptr, QString());  // all of it is missing: do not pass off another dataset as this one
        applyWindowAndTempo(-1, bpm);
        return;
    }
    if (current && current.get() == m_sourcesFor && m_sources == sources) {
        applyWindowAndTempo(window, bpm);  // the same dataset is already here
        return;
    }
    m_pendingSources = sources;
    m_pendingWindow = window;
    m_pendingBpm = bpm;
    if (!m_datasetLoader || !m_datasetLoader(sources)) {
        m_project->reportMissing(sources.join(QStringLiteral(", ")), tr("Dataset (could not start loading)"));
        m_pendingSources.clear();
    }
}

bool ProjectSessionPart::matchesPending(const Dataset& dataset) const
{
    for (const QString& source : m_pendingSources)
        if (source.endsWith(QStringLiteral(".gsd")))
            return true;  // a saved dataset's records name the MIDI files it was imported from
    for (const FileRecord& file : dataset.files()) {
        const QString path = QDir::cleanPath(QFileInfo(QString::fromStdString(file.path)).absoluteFilePath());
        const bool inside = std::any_of(m_pendingSources.begin(), m_pendingSources.end(),
            [&](const QString& source) { return underOrEqual(path, QDir::cleanPath(source)); });
        if (!inside)
            return false;
    }
    return !dataset.files().empty();
}

void ProjectSessionPart::onDatasetChanged()
{
    const auto dataset = m_session->dataset();
    if (m_pendingSources.isEmpty() || !dataset)
        return;
    if (!matchesPending(*dataset)) {
        m_pendingSources.clear();  // the user imported something else meanwhile: that is the project's now
        return;
    }
    m_sources = m_pendingSources;
    m_sourcesFor = dataset.get();
    m_pendingSources.clear();
    applyWindowAndTempo(m_pendingWindow, m_pendingBpm);
    Q_EMIT restored();
}

void ProjectSessionPart::applyWindowAndTempo(int window, double bpm)
{
    if (window >= 0 && window < m_session->windowCount())
        m_session->setCurrentWindow(window);
    if (bpm > 0)
        m_session->setBpm(bpm);  // after the window, which brings its own tempo
}

} // namespace gs
