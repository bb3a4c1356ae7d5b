#include "project/projectsessionpart.h"

#include "dataset/dataset.h"
#include "project/project.h"
#include "session.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

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
    m_failedModel.clear();
}

void ProjectSessionPart::modelFailed()
{
    if (m_modelRequested)
        m_failedModel = m_notedModel;
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
    self->m_sourcesName = m_session->datasetName();
    return files;
}

QJsonValue ProjectSessionPart::savePart() const
{
    QJsonObject out;
    QJsonArray sources;
    for (const QString& source : datasetSources())
        sources.append(m_project->encodePath(source));
    out.insert(QStringLiteral("dataset"), sources);
    // While a requested model is loading, the project still holds that model.
    const QString model = m_modelRequested ? m_notedModel : (m_failedModel.isEmpty() ? m_modelPath : m_failedModel);
    out.insert(QStringLiteral("model"), m_project->encodePath(model));
    const bool pending = !m_pendingSources.isEmpty();
    // A project from before names were saved keeps its shape (no key) while its dataset is the one
    // it restored: opening it must not make it look edited.
    const auto dataset = m_session ? m_session->dataset() : nullptr;
    const bool nameless = pending ? m_pendingName.isEmpty()
                                  : (m_namelessFor && dataset && dataset.get() == m_namelessFor && m_namelessFor == m_sourcesFor);
    if (!nameless)
        out.insert(QStringLiteral("dataset_name"), pending ? m_pendingName : (m_session ? m_session->datasetName() : QString()));
    out.insert(QStringLiteral("window"), pending ? m_pendingWindow : (m_session ? m_session->currentWindow() : -1));
    out.insert(QStringLiteral("bpm"), pending && m_pendingBpm > 0 ? m_pendingBpm : (m_session ? m_session->bpm() : 100.0));
    return out;
}

void ProjectSessionPart::loadPart(const QJsonValue& value)
{
    if (!m_session)
        return;
    if (!value.isObject()) {
        if (!value.isNull() && !value.isUndefined())
            m_project->reportProblem(tr("the session (dataset, model, tempo) is not a JSON object; nothing of it was loaded"));
        return;  // Null (File > New): the dataset and model stay
    }
    const QJsonObject in = value.toObject();
    m_failedModel.clear();
    // Each value is checked for its JSON type and range: a hostile file is refused value by value.
    int window = -1;
    if (const QJsonValue w = in.value(QStringLiteral("window")); !w.isUndefined()) {
        const double x = w.toDouble(-1.0);
        if (!w.isDouble() || x != std::floor(x) || x < -1 || x > 1e9)
            m_project->reportProblem(tr("\"window\" is not a window number; the first one is shown"));
        else
            window = int(x);
    }
    double bpm = 0.0;
    if (const QJsonValue b = in.value(QStringLiteral("bpm")); !b.isUndefined()) {
        const double x = b.toDouble(std::nan(""));
        if (!b.isDouble() || !std::isfinite(x) || x <= 0)
            m_project->reportProblem(tr("the tempo \"bpm\" is not a valid number; the tempo stays %1 BPM").arg(m_session->bpm()));
        else if (x < 30.0 || x > 300.0)
            m_project->reportProblem(tr("the tempo %1 BPM is outside 30-300; it is clamped").arg(x));
        if (b.isDouble() && std::isfinite(x) && x > 0)
            bpm = std::clamp(x, 30.0, 300.0);
    }
    const QJsonValue nameValue = in.value(QStringLiteral("dataset_name"));
    if (!nameValue.isUndefined() && !nameValue.isString())
        m_project->reportProblem(tr("\"dataset_name\" is not text"));
    const QString name = nameValue.toString().left(200);

    QStringList sources;
    const QJsonValue datasetValue = in.value(QStringLiteral("dataset"));
    if (!datasetValue.isUndefined() && !datasetValue.isArray())
        m_project->reportProblem(tr("\"dataset\" is not a list of files"));
    const QJsonArray datasetList = datasetValue.toArray();
    int notPaths = 0;
    for (const QJsonValue& entry : datasetList) {
        if (!entry.isString()) {
            ++notPaths;
            continue;
        }
        const QString path = m_project->resolvePath(entry.toString());
        if (path.isEmpty())
            continue;
        if (m_project->pathExists(path))
            sources << path;
        else
            m_project->reportMissing(path, tr("Dataset source"));
    }
    if (notPaths > 0)
        m_project->reportProblem(tr("%1 dataset entries are not file names; left out").arg(notPaths));
    const QJsonValue modelValue = in.value(QStringLiteral("model"));
    if (!modelValue.isUndefined() && !modelValue.isString())
        m_project->reportProblem(tr("\"model\" is not a file name; the current model stays"));
    const QString model = m_project->resolvePath(modelValue.toString());
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
        if (!datasetList.isEmpty() && current)
            m_session->setDataset(nullptr, QString());  // all of it is missing: do not pass off another dataset as this one
        applyWindowAndTempo(-1, bpm);
        return;
    }
    if (current && current.get() == m_sourcesFor && m_sources == sources) {
        m_namelessFor = nameValue.isUndefined() ? m_sourcesFor : nullptr;
        applyWindowAndTempo(window, bpm);  // the same dataset is already here
        return;
    }
    m_pendingSources = sources;
    m_pendingName = name;
    m_pendingWindow = window;
    m_pendingBpm = bpm;
    if (!m_datasetLoader || !m_datasetLoader(sources, name)) {
        m_project->reportMissing(sources.join(QStringLiteral(", ")), tr("Dataset (could not start loading)"));
        m_pendingSources.clear();
    }
}

bool ProjectSessionPart::filesUnder(const Dataset& dataset, const QStringList& sources)
{
    for (const FileRecord& file : dataset.files()) {
        const QString path = QDir::cleanPath(QFileInfo(QString::fromStdString(file.path)).absoluteFilePath());
        const bool inside = std::any_of(sources.begin(), sources.end(),
            [&](const QString& source) { return underOrEqual(path, QDir::cleanPath(source)); });
        if (!inside)
            return false;
    }
    return true;
}

bool ProjectSessionPart::matchesPending(const Dataset& dataset) const
{
    for (const QString& source : m_pendingSources)
        if (source.endsWith(QStringLiteral(".gsd")))
            return true;  // a saved dataset's records name the MIDI files it was imported from
    return !dataset.files().empty() && filesUnder(dataset, m_pendingSources);
}

void ProjectSessionPart::onDatasetChanged()
{
    const auto dataset = m_session->dataset();
    if (!dataset)
        return;
    if (m_pendingSources.isEmpty()) {
        // The browser republishes the same import (other include choices, a re-import with other
        // options): it keeps its sources and name, so the project still names the folder rather
        // than every file in it (which would come back as "112 items").
        if (m_sourcesFor && !m_sources.isEmpty() && m_session->datasetName() == m_sourcesName
            && filesUnder(*dataset, m_sources)) {
            if (m_namelessFor == m_sourcesFor)
                m_namelessFor = dataset.get();
            m_sourcesFor = dataset.get();
        }
        return;
    }
    if (!matchesPending(*dataset)) {
        // Not the project's dataset: the result of an import that began before the project was
        // opened (the demo the browser loads at start, finished just before it could be cancelled).
        // Taking it as "the user imported something else" dropped the project's tempo and window,
        // and the project's own import then looked like an outside one ("112 items"). The
        // project's import follows (the browser takes no other import while it runs);
        // datasetImportEnded() settles it.
        return;
    }
    m_sources = m_pendingSources;
    m_sourcesFor = dataset.get();
    m_sourcesName = m_session->datasetName();
    m_namelessFor = m_pendingName.isEmpty() ? m_sourcesFor : nullptr;
    m_pendingSources.clear();
    applyWindowAndTempo(m_pendingWindow, m_pendingBpm);
    Q_EMIT restored();
}

void ProjectSessionPart::datasetImportEnded()
{
    // The project's import ended without its dataset (an error the browser shows): nothing
    // to wait for any more; the next dataset is the user's.
    m_pendingSources.clear();
}

void ProjectSessionPart::applyWindowAndTempo(int window, double bpm)
{
    if (window >= 0 && window < m_session->windowCount())
        m_session->setCurrentWindow(window);
    if (bpm > 0)
        m_session->setBpm(bpm);  // after the window, which brings its own tempo
}

} // namespace gs
