#include "map/mapcontroller.h"

#include "latent/decodeworker.h"
#include "latent/latentspace.h"
#include "map/embeddingworker.h"
#include "map/mapbuilder.h"
#include "map/mapworker.h"
#include "model/model.h"
#include "session.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace gs {

MapController::MapController(QObject* parent)
    : QObject(parent), m_embedder(std::make_unique<EmbeddingWorker>()), m_calibrator(std::make_unique<MapWorker>("gs-map-calib")), m_jobs(std::make_unique<MapWorker>("gs-map-jobs"))
{
    m_calibrateSoon.setSingleShot(true);
    m_calibrateSoon.setInterval(300);
    connect(&m_calibrateSoon, &QTimer::timeout, this, [this] {
        if (ready())
            requestCalibration();
    });
    connect(&m_map, &MapModel::cursorMovedByUser, this, &MapController::onCursorMoved);
    setSession(nullptr);
}

MapController::~MapController()
{
    m_embedder.reset();  // cancels and joins: a t-SNE stops at its next iteration
    m_jobs.reset();  // joins: no job runs against a dying controller
    m_calibrator.reset();
    stopWork();
}

void MapController::setSession(Session* session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &Session::modelChanged, this, &MapController::rebuild);
        connect(m_session, &Session::datasetChanged, this, &MapController::rebuild);
        connect(m_session, &Session::placeOnMapRequested, this, &MapController::placeOnMap);
    }
    rebuild();
    Q_EMIT sessionChanged();
}

int MapController::latent() const
{
    return m_space ? m_space->latent() : 0;
}

QString MapController::projectionInfo() const
{
    if (!m_space)
        return {};
    if (showingEmbedding())
        return tr("t-SNE of the %1-D latent means (between points, the nearest points' latents blend)")
            .arg(m_space->latent());
    if (!m_plane.isPca())
        return tr("%1-D latent space").arg(m_space->latent());
    const auto& explained = m_plane.explainedVariance();
    const double shown = explained.size() >= 2 ? 100.0 * (explained[0] + explained[1]) : 0.0;
    return tr("PCA of the %1-D latent space (%2% of the variance)").arg(m_space->latent()).arg(shown, 0, 'f', 0);
}

QString MapController::coverage() const
{
    if (!m_build || !m_space || m_build->otherShape == 0)
        return {};
    const Grid& grid = m_space->config().grid;
    return tr("%n window(s) in another meter or grid not on this map (the model plays %1 bar(s) of %2 at %3 "
              "steps per beat)", nullptr, m_build->otherShape)
        .arg(grid.bars)
        .arg(QString::fromStdString(grid.meter.text()))
        .arg(grid.stepsPerBeat);
}

void MapController::stopWork()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_buildThread.joinable())
        m_buildThread.join();  // the encoder checks the flag between batches
    m_worker.reset();
    m_requestTimes.clear();
}

void MapController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void MapController::rebuild()
{
    stopEmbedding();  // its points are gone
    stopWork();
    ++m_generation;
    invalidateCalibration();
    m_space.reset();
    m_build.reset();
    m_map.clear();
    setSelectedPoint(-1);
    std::shared_ptr<Model> model = m_session ? m_session->model() : nullptr;
    if (!model) {
        m_map.setStatus(tr("No model loaded"));
        setBusy(false);
        Q_EMIT readyChanged();
        return;
    }
    std::shared_ptr<const LatentSpace> space;
    try {
        space = std::make_shared<LatentSpace>(*model);
    } catch (const std::exception& e) {
        m_map.setStatus(tr("The model cannot be explored: %1").arg(QString::fromUtf8(e.what())));
        Q_EMIT readyChanged();
        return;
    }
    std::shared_ptr<const Dataset> dataset = m_session->dataset();
    m_map.setStatus(dataset ? tr("Encoding %1 windows…").arg(m_session->windowCount()) : tr("Preparing the map…"));
    setBusy(true);
    Q_EMIT readyChanged();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = m_generation;
    m_buildThread = std::thread([this, space, dataset, cancel = m_cancel, generation] {
        auto build = std::make_shared<MapBuild>();
        try {
            *build = buildMap(space, dataset, cancel.get());
        } catch (const std::exception& e) {
            build->error = QString::fromUtf8(e.what());
        } catch (...) {
            build->error = QStringLiteral("unexpected error while building the map");
        }
        if (!cancel->load())
            QMetaObject::invokeMethod(this, [this, build, generation] { applyBuild(build, generation); },
                                      Qt::QueuedConnection);
    });
}

void MapController::applyBuild(std::shared_ptr<MapBuild> build, quint64 generation)
{
    if (generation != m_generation)
        return;  // a newer model or dataset replaced this one
    if (m_buildThread.joinable())
        m_buildThread.join();
    setBusy(false);
    if (!build->error.isEmpty()) {
        m_map.setStatus(tr("Could not build the map: %1").arg(build->error));
        Q_EMIT error(build->error);
        Q_EMIT readyChanged();
        return;
    }
    m_build = build;
    m_space = build->space;
    m_plane = build->plane;
    m_volume = build->volume;
    m_map.setPoints(build->points, build->files, build->styles);
    m_map.setBackground(build->background, build->backgroundRect);
    if (!build->points.empty())
        m_map.setStatus(QString());
    else if (m_session && m_session->hasDataset() && m_session->windowCount() == 0)  // "None" in the browser
        m_map.setStatus(tr("Every window is excluded in the dataset browser: the map shows the model alone "
                           "(press All there to see the data)"));
    else
        m_map.setStatus(tr("No dataset windows fit this model: the map shows the model alone"));
    m_worker = std::make_unique<DecodeWorker>(m_space, [this](const DecodeResult& result) {
        QMetaObject::invokeMethod(this, [this, result] { onDecoded(result); }, Qt::QueuedConnection);
    });
    m_z = m_plane.unproject({0.0f, 0.0f});
    if (!build->means.empty()) {  // start on the data's centre
        m_z.assign(build->means[0].size(), 0.0f);
        for (const LatentVector& mean : build->means)
            for (std::size_t d = 0; d < mean.size(); ++d)
                m_z[d] += mean[d] / float(build->means.size());
    }
    setAnchor(m_z);
    m_map.setCursor(project(m_z));
    Q_EMIT readyChanged();
    if (m_layoutTsne) {  // the user chose t-SNE: lay out the new points too, or fall back where it means nothing
        if (embeddingAvailable())
            startEmbedding();
        else
            setLayout(QStringLiteral("pca"));
    }
    // A dataset window on the grid (chosen by the user, or restored by a project) stays there:
    // the map's first decode fills the grid only when nothing from the dataset is on it.
    if (m_session && m_session->currentWindow() >= 0) {
        Q_EMIT cursor3DChanged();
        Q_EMIT cursorMoved();
        return;
    }
    requestDecode();
}

QPointF MapController::project(const LatentVector& z) const
{
    if (!m_space || int(z.size()) != m_space->latent())
        return {};
    if (showingEmbedding()) {
        float x = 0.0f, y = 0.0f;
        m_embedding.positionOf(z, x, y);
        return {x, y};
    }
    const std::vector<float> p = m_plane.project(z);
    return {p[0], p[1]};
}

LatentVector MapController::pointZ(int index) const
{
    if (!m_build || index < 0 || std::size_t(index) >= m_build->means.size())
        return {};
    return m_build->means[std::size_t(index)];
}

void MapController::onCursorMoved(const QPointF& position)
{
    if (!ready())
        return;
    m_z = showingEmbedding() ? m_embedding.latentAt(float(position.x()), float(position.y()))
                             : m_plane.unproject({float(position.x()), float(position.y())});
    setAnchor(m_z);
    if (m_attributeAmount[0] != 0 || m_attributeAmount[1] != 0 || m_attributeAmount[2] != 0) {
        std::fill(std::begin(m_attributeAmount), std::end(m_attributeAmount), 0.0);
        Q_EMIT attributesChanged();
    }
    setSelectedPoint(-1);
    requestDecode();
}

void MapController::moveToZ(const LatentVector& z)
{
    if (!ready() || int(z.size()) != m_space->latent())
        return;
    m_z = z;
    setAnchor(z);
    m_map.setCursor(project(z));
    requestDecode();
}

void MapController::placeCursor(const LatentVector& z)
{
    if (!ready() || int(z.size()) != m_space->latent())
        return;
    m_z = z;
    m_anchor = z;
    m_map.setCursor(project(z));
    Q_EMIT cursor3DChanged();
    Q_EMIT cursorMoved();
}

QVector3D MapController::cursor3D() const
{
    if (!m_space || int(m_z.size()) != m_space->latent())
        return {};
    const std::vector<float> p = m_volume.project(m_z);
    return {p[0], p[1], p[2]};
}

void MapController::requestDecode()
{
    Q_EMIT cursor3DChanged();
    Q_EMIT cursorMoved();
    if (!m_worker)
        return;
    const std::uint64_t id = m_nextRequest++;
    m_requestTimes.emplace_back(id, std::chrono::steady_clock::now());
    m_worker->request(DecodeRequest{id, m_z, m_sampling});
}

void MapController::onDecoded(const DecodeResult& result)
{
    while (!m_requestTimes.empty() && m_requestTimes.front().first < result.id)
        m_requestTimes.pop_front();  // replaced before they ran
    if (m_requestTimes.empty() || m_requestTimes.front().first != result.id)
        return;  // from a worker of an earlier model
    const auto started = m_requestTimes.front().second;
    m_requestTimes.pop_front();
    if (!result.error.empty()) {
        Q_EMIT error(QString::fromStdString(result.error));
        return;
    }
    if (m_session)
        m_session->setGroove(result.groove, GrooveSource::Map);
    m_lastDecodeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++m_decodeCount;
    Q_EMIT decoded();
}

void MapController::jumpToPoint(int index)
{
    const LatentVector z = pointZ(index);
    if (z.empty())
        return;
    m_z = z;
    setAnchor(z);
    m_map.setCursor(project(z));
    setSelectedPoint(index);
    playOriginal();
}

void MapController::playOriginal()
{
    if (!m_build || !m_session || m_selectedPoint < 0)
        return;
    dropPendingDecodes();
    m_session->setCurrentWindow(m_build->windows[std::size_t(m_selectedPoint)]);
}

void MapController::playDecoded()
{
    requestDecode();
}

void MapController::randomiseNear(double sigma)
{
    if (!ready())
        return;
    static std::uint64_t seed = 1;
    moveToZ(jitter(m_z, float(std::max(0.0, sigma)), seed++));
}

void MapController::resetAttributes()
{
    for (int i = 0; i < 3; ++i)
        setAttribute(i, 0.0);
}

void MapController::setAttribute(int index, double amount)
{
    amount = std::clamp(amount, -1.0, 1.0);
    if (amount == m_attributeAmount[index])
        return;
    m_attributeAmount[index] = amount;
    Q_EMIT attributesChanged();
    if (!ready() || !m_build)
        return;
    if (m_calibrated)
        applyAttributes();
    else
        requestCalibration();
}

void MapController::setAnchor(const LatentVector& z)
{
    m_anchor = z;
    invalidateCalibration();
    Q_EMIT directionsChanged();
    m_calibrateSoon.start();  // once the cursor rests: the arrows and slider labels become exact
}

void MapController::invalidateCalibration()
{
    ++m_calibrationTicket;  // a calibration still out is for another start point
    m_calibrating = false;
    if (m_calibrated) {
        m_calibrated = false;
        m_calibrations = {};
        Q_EMIT calibrationChanged();
    }
}

void MapController::requestCalibration()
{
    if (m_calibrating || !m_space || !m_build)
        return;
    m_calibrating = true;
    const quint64 ticket = m_calibrationTicket;
    m_calibrator->post([this, space = m_space, vectors = m_build->attributes, anchor = m_anchor,
                        sampling = m_sampling, ticket] {
        std::array<std::optional<AttributeCalibration>, 3> calibrations;
        try {
            for (std::size_t a = 0; a < calibrations.size() && a < vectors.size(); ++a)
                calibrations[a] = calibrateAt(*space, anchor, vectors[a], sampling);
        } catch (...) {
            calibrations = {};  // no stops: the sliders stay where they start
        }
        QMetaObject::invokeMethod(
            this, [this, calibrations, ticket] { applyCalibration(calibrations, ticket); }, Qt::QueuedConnection);
    });
}

void MapController::applyCalibration(const std::array<std::optional<AttributeCalibration>, 3>& calibrations,
                                     quint64 ticket)
{
    if (ticket != m_calibrationTicket)
        return;  // the start point or the sampling changed meanwhile
    m_calibrating = false;
    m_calibrated = true;
    m_calibrations = calibrations;
    Q_EMIT calibrationChanged();
    Q_EMIT directionsChanged();
    if (m_attributeAmount[0] != 0 || m_attributeAmount[1] != 0 || m_attributeAmount[2] != 0)
        applyAttributes();  // a slider waited for its stops; at 0 the groove stays (it may be an edit)
}

void MapController::applyAttributes()
{
    if (!ready() || !m_build)
        return;
    // Each slider lands on a stop its calibration found from this start point (attributecalibration.h).
    LatentVector z = m_anchor;
    for (std::size_t a = 0; a < 3 && a < m_build->attributes.size(); ++a) {
        const LatentVector& direction = m_build->attributes[a].direction;
        if (direction.size() == z.size() && m_calibrations[a])
            z = moveAlong(z, direction, m_calibrations[a]->amountFor(float(m_attributeAmount[a])), false);
    }
    m_z = z;
    m_map.setCursor(project(z));
    requestDecode();
}

QVariantList MapController::directions() const
{
    QVariantList arrows;
    if (showingEmbedding())
        return arrows;  // a direction in latent space has no one way on a t-SNE layout
    if (!m_build || !m_space || int(m_anchor.size()) != m_space->latent())
        return arrows;
    static const char* const labels[3] = {QT_TR_NOOP("denser"), QT_TR_NOOP("louder"), QT_TR_NOOP("later")};
    for (std::size_t a = 0; a < 3 && a < m_build->attributes.size(); ++a) {
        const LatentVector& direction = m_build->attributes[a].direction;
        if (direction.size() != m_anchor.size())
            continue;
        float amount = 1.0f;
        if (m_calibrated) {
            const auto& c = m_calibrations[a];
            if (!c || !c->canRaise())
                continue;  // the model cannot go that way from here
            amount = c->upAmounts.back();
        }
        const QPointF head = project(moveAlong(m_anchor, direction, amount, false));
        arrows.append(QVariantMap{{QStringLiteral("label"), tr(labels[a])}, {QStringLiteral("x"), head.x()},
                                  {QStringLiteral("y"), head.y()}});
    }
    return arrows;
}

QVariantList MapController::attributeReach() const
{
    QVariantList reach;
    for (const auto& c : m_calibrations)
        reach.append(QVariantMap{{QStringLiteral("known"), m_calibrated},
                                 {QStringLiteral("up"), !m_calibrated || (c && c->canRaise())},
                                 {QStringLiteral("down"), !m_calibrated || (c && c->canLower())}});
    return reach;
}

void MapController::setThreshold(double threshold)
{
    threshold = std::clamp(threshold, 0.01, 0.99);
    if (float(threshold) == m_sampling.threshold)
        return;
    m_sampling.threshold = float(threshold);
    samplingEdited();
}

QList<double> MapController::voiceDensity() const
{
    QList<double> amounts(m_session ? m_session->voices() : 0, 0.0);
    for (qsizetype v = 0; v < amounts.size() && std::size_t(v) < m_voiceDensity.size(); ++v)
        amounts[v] = m_voiceDensity[std::size_t(v)];
    return amounts;
}

QList<double> MapController::voiceVelocity() const
{
    QList<double> scales(m_session ? m_session->voices() : 0, 1.0);
    for (qsizetype v = 0; v < scales.size() && std::size_t(v) < m_voiceVelocity.size(); ++v)
        scales[v] = m_voiceVelocity[std::size_t(v)];
    return scales;
}

void MapController::setVoiceDensity(int voice, double amount) { setVoiceControl(m_voiceDensity, voice, amount, 0.0, -1.0, 1.0); }

void MapController::setVoiceVelocity(int voice, double scale) { setVoiceControl(m_voiceVelocity, voice, scale, 1.0, 0.0, 2.0); }

void MapController::setVoiceControl(std::vector<double>& controls, int voice, double value, double neutral, double low,
                                    double high)
{
    if (voice < 0 || voice >= 64 || !std::isfinite(value))
        return;  // no drum map has that many voices; NaN from a broken binding changes nothing
    value = std::clamp(value, low, high);
    if (std::size_t(voice) >= controls.size())
        controls.resize(std::size_t(voice) + 1, neutral);
    if (controls[std::size_t(voice)] == value)
        return;
    controls[std::size_t(voice)] = value;
    samplingEdited();
}

void MapController::resetVoices()
{
    if (m_voiceDensity.empty() && m_voiceVelocity.empty())
        return;
    m_voiceDensity.clear();
    m_voiceVelocity.clear();
    samplingEdited();
}

void MapController::samplingEdited()
{
    applyVoiceControls();  // the voices' thresholds are relative to the global one
    Q_EMIT samplingChanged();
    invalidateCalibration();  // the sliders' stops were found under the old controls
    if (m_attributeAmount[0] != 0 || m_attributeAmount[1] != 0 || m_attributeAmount[2] != 0)
        requestCalibration();  // decodes once calibrated again
    else
        requestDecode();
}

void MapController::applyVoiceControls()
{
    setVoiceControls(m_sampling, std::vector<float>(m_voiceDensity.begin(), m_voiceDensity.end()),
        std::vector<float>(m_voiceVelocity.begin(), m_voiceVelocity.end()));
}

void MapController::setTemperature(double temperature)
{
    temperature = std::clamp(temperature, 0.05, 5.0);
    if (float(temperature) == m_sampling.temperature)
        return;
    m_sampling.temperature = float(temperature);
    samplingEdited();
}

void MapController::setSelectedPoint(int index)
{
    if (index == m_selectedPoint)
        return;
    m_selectedPoint = index;
    Q_EMIT selectedPointChanged();
}

} // namespace gs

namespace gs {

void MapController::placeOnMap()
{
    if (!m_session)
        return;
    if (!ready()) {
        setMessage(tr("Place on map needs a model: open or train one first."));
        Q_EMIT error(m_message);
        return;
    }
    dropPendingDecodes();  // the groove being placed is the one to keep
    const bool wasPlacing = placing();
    const quint64 ticket = m_nextPlaceTicket++;
    m_placingTicket = ticket;
    if (!wasPlacing)
        Q_EMIT placingChanged();
    const quint64 generation = m_generation;
    // A copy of the groove: the user may edit on while the encode runs.
    m_jobs->post([this, space = m_space, groove = m_session->groove(), generation, ticket] {
        LatentVector mean;
        QString failure;
        try {
            Result<EncodedSet> encoded = space->encode({groove});
            if (!encoded.ok())
                failure = QString::fromStdString(encoded.error().describe());
            else if (encoded->mean.empty())
                failure = QStringLiteral("the encoder returned nothing");
            else
                mean = encoded->mean.front();
        } catch (const std::exception& e) {
            failure = QString::fromUtf8(e.what());
        } catch (...) {
            failure = QStringLiteral("unexpected error while encoding");
        }
        QMetaObject::invokeMethod(
            this, [this, mean, failure, generation, ticket] { applyPlace(mean, failure, generation, ticket); },
            Qt::QueuedConnection);
    });
}

void MapController::applyPlace(const LatentVector& mean, const QString& failure, quint64 generation, quint64 ticket)
{
    if (ticket != m_placingTicket)
        return;  // a newer request is out; it reports
    m_placingTicket = 0;
    Q_EMIT placingChanged();
    if (generation != m_generation || !m_space)
        return;  // the model changed meanwhile: that z means nothing on the new map
    if (!failure.isEmpty()) {
        setMessage(tr("Cannot place this groove on the map: %1").arg(failure));
        Q_EMIT error(m_message);
        return;
    }
    setMessage(QString());
    m_z = mean;
    setAnchor(mean);
    if (m_attributeAmount[0] != 0 || m_attributeAmount[1] != 0 || m_attributeAmount[2] != 0) {
        std::fill(std::begin(m_attributeAmount), std::end(m_attributeAmount), 0.0);
        Q_EMIT attributesChanged();
    }
    setSelectedPoint(-1);
    // A decode still in flight would replace the user's groove on the grid: drop it.
    m_requestTimes.clear();
    m_map.setCursor(project(m_z));
    Q_EMIT cursor3DChanged();
    Q_EMIT cursorMoved();
    Q_EMIT placedOnMap();
}

void MapController::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

} // namespace gs
