#include "session.h"

#include "dataset/dataset.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace gs {

QString grooveSourceName(GrooveSource source)
{
    switch (source) {
    case GrooveSource::Empty: return QStringLiteral("empty");
    case GrooveSource::Dataset: return QStringLiteral("dataset");
    case GrooveSource::Map: return QStringLiteral("map");
    case GrooveSource::Edit: return QStringLiteral("edit");
    case GrooveSource::Sequence: return QStringLiteral("sequence");
    case GrooveSource::Accompaniment: return QStringLiteral("accompaniment");
    }
    return {};
}

Session::Session(QObject* parent)
    : QObject(parent)
    , m_drumMap(DrumMap::groovae())
{
    // An empty 2-bar 4/4 groove on the default map, so the grid has a shape from the start.
    m_groove = Groove(Grid{}, m_drumMap.voiceCount());
}

Session::~Session() = default;

bool switchSession(QObject* user, Session*& current, Session* next)
{
    if (!next || next == current)
        return false;
    QObject::disconnect(current, nullptr, user, nullptr);
    if (current->parent() == user)
        current->deleteLater();  // the placeholder
    current = next;
    return true;
}

void Session::setGroove(const Groove& groove, GrooveSource source)
{
    m_groove = groove;
    m_grooveSource = source;
    if (source != GrooveSource::Dataset && m_currentWindow != -1) {
        m_currentWindow = -1;
        Q_EMIT currentWindowChanged();
    }
    Q_EMIT grooveChanged();
}

void Session::setDrumMap(const DrumMap& map)
{
    if (map == m_drumMap)
        return;
    m_drumMap = map;
    Q_EMIT drumMapChanged();
    if (m_groove.voices() != map.voiceCount())
        setGroove(Groove(m_groove.grid(), map.voiceCount()), GrooveSource::Empty);
}

QStringList Session::voiceNames() const
{
    QStringList names;
    for (const DrumVoice& voice : m_drumMap.voices())
        names << QString::fromStdString(voice.name);
    return names;
}

void Session::setDataset(std::shared_ptr<const Dataset> dataset, const QString& name)
{
    m_dataset = std::move(dataset);
    m_datasetName = m_dataset ? name : QString();
    if (m_currentWindow != -1) {
        m_currentWindow = -1;
        Q_EMIT currentWindowChanged();
    }
    Q_EMIT datasetChanged();
    if (m_dataset)
        setDrumMap(m_dataset->settings().map);
}

int Session::windowCount() const { return m_dataset ? m_dataset->windowCount() : 0; }

void Session::setFollowFileTempo(bool follow)
{
    if (follow == m_followFileTempo)
        return;
    m_followFileTempo = follow;
    Q_EMIT followFileTempoChanged();
}

void Session::setCurrentWindow(int index)
{
    if (!m_dataset || index < 0 || index >= m_dataset->windowCount()) {
        if (m_currentWindow != -1) {
            m_currentWindow = -1;
            Q_EMIT currentWindowChanged();
        }
        return;
    }
    const DatasetWindow& window = m_dataset->windows()[std::size_t(index)];
    m_currentWindow = index;
    Q_EMIT currentWindowChanged();
    if (m_followFileTempo)
        setBpm(window.bpm);
    setGroove(window.groove, GrooveSource::Dataset);
}

void Session::setModel(std::shared_ptr<Model> model, const QString& name, const QString& path)
{
    m_model = std::move(model);
    m_modelName = m_model ? name : QString();
    m_modelPath = m_model && !path.isEmpty() ? QFileInfo(path).absoluteFilePath() : QString();
    Q_EMIT modelChanged();
}

void Session::setBpm(double bpm)
{
    if (!std::isfinite(bpm))
        return;  // std::clamp would pass NaN through to the engine
    const double clamped = std::clamp(bpm, 30.0, 300.0);
    if (clamped == m_bpm)
        return;
    m_bpm = clamped;
    Q_EMIT bpmChanged();
}

void Session::requestPlaceOnMap() { Q_EMIT placeOnMapRequested(); }

} // namespace gs
