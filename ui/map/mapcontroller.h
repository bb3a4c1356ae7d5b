#pragma once
// The latent map's behaviour: when Session has a model, encode the dataset
// and fill the MapModel (off the GUI thread); a cursor move by the user is
// turned into a z and sent to the decode worker (latest request wins), and
// each result becomes Session's current groove. Also: jump to a point and
// hear its original, attribute sliders, sampling controls, "randomise near
// here", and "Place on map" (Session::requestPlaceOnMap: the edited groove is
// encoded on a worker and the cursor moves to its mean, the grid keeps the
// edit). GUI thread only; workers report through queued calls.
#include "latent/attributecalibration.h"
#include "latent/interpolation.h"
#include "latent/projection.h"
#include "latent/sampling.h"
#include "latent/embeddinglayout.h"
#include "map/mapmodel.h"
#include "session.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector3D>
#include <QtQml/qqmlregistration.h>

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <thread>

namespace gs {

class DecodeWorker;
class EmbeddingWorker;
class LatentSpace;
class MapWorker;
struct DecodeResult;
struct MapBuild;

class MapController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapModel* map READ map CONSTANT)
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(int latent READ latent NOTIFY readyChanged)
    Q_PROPERTY(QString projectionInfo READ projectionInfo NOTIFY readyChanged)
    // Why the map shows fewer points than the dataset has windows ("" when it shows them all).
    Q_PROPERTY(QString coverage READ coverage NOTIFY readyChanged)
    Q_PROPERTY(double threshold READ threshold WRITE setThreshold NOTIFY samplingChanged)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY samplingChanged)
    Q_PROPERTY(QList<double> voiceDensity READ voiceDensity NOTIFY samplingChanged)
    Q_PROPERTY(QList<double> voiceVelocity READ voiceVelocity NOTIFY samplingChanged)
    Q_PROPERTY(double density READ density WRITE setDensity NOTIFY attributesChanged)
    Q_PROPERTY(double velocity READ velocity WRITE setVelocity NOTIFY attributesChanged)
    Q_PROPERTY(double laidBack READ laidBack WRITE setLaidBack NOTIFY attributesChanged)
    // Per attribute (density, velocity, laid-back): {known, up, down}: whether the slider can move the decoded
    // attribute that way from the current start point (both true until the first calibration there).
    Q_PROPERTY(QVariantList attributeReach READ attributeReach NOTIFY calibrationChanged)
    // Where "denser", "louder" and "later" lie from the cursor, drawn as labelled arrows on the map: per
    // attribute {label, x, y} in map coordinates (the arrow's head), the way its slider goes up (calibrated
    // once known), as far as its highest stop (else one dataset step). A way the model cannot go is left out.
    Q_PROPERTY(QVariantList directions READ directions NOTIFY directionsChanged)
    Q_PROPERTY(int selectedPoint READ selectedPoint NOTIFY selectedPointChanged)
    Q_PROPERTY(double lastDecodeMs READ lastDecodeMs NOTIFY decoded)
    Q_PROPERTY(int decodeCount READ decodeCount NOTIFY decoded)
    Q_PROPERTY(QVector3D cursor3D READ cursor3D NOTIFY cursor3DChanged)
    Q_PROPERTY(bool placing READ placing NOTIFY placingChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // The 2D map's layout: "pca" (the projection's plane) or "tsne" (a t-SNE of the points' latent means,
    // for latent sizes above 3; mapembedding.cpp). Choosing "tsne" starts its computation on a worker; the
    // PCA map stays until the layout is ready (showingEmbedding).
    Q_PROPERTY(QString layout READ layout WRITE setLayout NOTIFY layoutChanged)
    Q_PROPERTY(bool embeddingAvailable READ embeddingAvailable NOTIFY readyChanged)
    Q_PROPERTY(bool embeddingRunning READ embeddingRunning NOTIFY embeddingChanged)
    Q_PROPERTY(double embeddingProgress READ embeddingProgress NOTIFY embeddingProgressChanged)
    Q_PROPERTY(bool showingEmbedding READ showingEmbedding NOTIFY embeddingChanged)
    Q_PROPERTY(QString embeddingError READ embeddingError NOTIFY embeddingChanged)

public:
    explicit MapController(QObject* parent = nullptr);
    ~MapController() override;

    MapModel* map() { return &m_map; }
    Session* session() const { return m_session; }
    void setSession(Session* session);
    bool busy() const { return m_busy; }
    bool ready() const { return m_space != nullptr && !m_busy; }
    int latent() const;
    QString projectionInfo() const;
    QString coverage() const;

    double threshold() const { return m_sampling.threshold; }
    void setThreshold(double threshold);
    double temperature() const { return m_sampling.temperature; }
    void setTemperature(double temperature);
    // Per voice (the session's drum map order), as the Groove Transformer plugin: density -1 (almost
    // never) .. 0 (the global threshold) .. 1 (every plausible hit) moves that voice's threshold from
    // the global one towards 0.98 or 0.02; velocity scales its decoded velocities (0..2, 1 = as decoded).
    QList<double> voiceDensity() const;
    QList<double> voiceVelocity() const;
    Q_INVOKABLE void setVoiceDensity(int voice, double amount);
    Q_INVOKABLE void setVoiceVelocity(int voice, double scale);
    Q_INVOKABLE void resetVoices();
    double density() const { return m_attributeAmount[0]; }
    void setDensity(double amount) { setAttribute(0, amount); }
    double velocity() const { return m_attributeAmount[1]; }
    void setVelocity(double amount) { setAttribute(1, amount); }
    double laidBack() const { return m_attributeAmount[2]; }
    void setLaidBack(double amount) { setAttribute(2, amount); }
    QVariantList attributeReach() const;
    QVariantList directions() const;
    // The slider stops are known for the current start point (tests wait for it).
    bool calibrated() const { return m_calibrated; }
    int selectedPoint() const { return m_selectedPoint; }
    double lastDecodeMs() const { return m_lastDecodeMs; }
    int decodeCount() const { return m_decodeCount; }
    // The cursor's z in the 3D view's (PCA) coordinates.
    QVector3D cursor3D() const;
    // An encode for "Place on map" is under way.
    bool placing() const { return m_placingTicket != 0; }
    // The last problem the user should read (place on map), empty when none.
    QString message() const { return m_message; }

    // Cursor to the point's encoded z, its original window on the grid.
    Q_INVOKABLE void jumpToPoint(int index);
    // The selected point's original window on the grid (and in the sequencer).
    Q_INVOKABLE void playOriginal();
    // Decodes the cursor's z again (after "original", or to hear the model's version).
    Q_INVOKABLE void playDecoded();
    // Moves the cursor to a random z near the current one (sigma in latent units).
    Q_INVOKABLE void randomiseNear(double sigma = 0.3);
    Q_INVOKABLE void resetAttributes();
    // Encodes Session's current groove off the GUI thread (latest request wins) and
    // moves the cursor to its mean without decoding: the edited groove stays on the
    // grid and in the sequencer. Emits placedOnMap, or error + message when the
    // groove does not fit the model.
    Q_INVOKABLE void placeOnMap();
    // The groove on the grid came from elsewhere (a window, a recalled bookmark): a decode still out must not replace it.
    void dropPendingDecodes() { m_requestTimes.clear(); }

    QString layout() const { return m_layoutTsne ? QStringLiteral("tsne") : QStringLiteral("pca"); }
    void setLayout(const QString& layout);
    // A latent above 3 and at least 4 points: a t-SNE layout means something.
    bool embeddingAvailable() const;
    bool embeddingRunning() const { return m_embeddingRunning; }
    double embeddingProgress() const { return m_embeddingProgress; }  // 0..1
    // The points sit at their t-SNE positions now (cursor moves blend the nearest points' latents).
    bool showingEmbedding() const { return m_layoutTsne && !m_embedding.empty(); }
    QString embeddingError() const { return m_embeddingError; }
    // Stops the t-SNE under way; the map goes back to PCA if it had no layout yet.
    Q_INVOKABLE void cancelEmbedding();
    const EmbeddingLayout& embedding() const { return m_embedding; }

    // The full latent vector at the cursor (the map shows its projection).
    const LatentVector& currentZ() const { return m_z; }
    // Moves the cursor to a z (interpolation steps, bookmarks) and decodes it.
    void moveToZ(const LatentVector& z);
    // Moves the cursor without decoding (a project restoring its cursor while a dataset
    // window it also restored is on the grid: the grid keeps that window).
    void placeCursor(const LatentVector& z);
    // The point's encoded mean, or empty.
    LatentVector pointZ(int index) const;
    QPointF project(const LatentVector& z) const;
    std::shared_ptr<const LatentSpace> space() const { return m_space; }
    const SamplingOptions& sampling() const { return m_sampling; }
    const Projection& volume() const { return m_volume; }

Q_SIGNALS:
    void sessionChanged();
    void busyChanged();
    void readyChanged();
    void samplingChanged();
    void attributesChanged();
    void calibrationChanged();
    void directionsChanged();
    void selectedPointChanged();
    // A decoded groove reached the session (lastDecodeMs: request to here).
    void decoded();
    void cursor3DChanged();
    // The cursor's z changed, whatever moved it (drag, slider, path, place on map).
    void cursorMoved();
    void placingChanged();
    void placedOnMap();
    void messageChanged();
    void layoutChanged();
    void embeddingChanged();
    void embeddingProgressChanged();
    void error(const QString& message);

private:
    void applyVoiceControls();  // m_voiceDensity / m_voiceVelocity -> m_sampling
    void setVoiceControl(std::vector<double>& controls, int voice, double value, double neutral, double low, double high);
    void samplingEdited();  // after any sampling control: the voices' options, the signal, a new decode
    void rebuild();
    void stopWork();
    void applyBuild(std::shared_ptr<MapBuild> build, quint64 generation);
    void onCursorMoved(const QPointF& position);
    void requestDecode();
    void onDecoded(const DecodeResult& result);
    void setAttribute(int index, double amount);
    void setAnchor(const LatentVector& z);  // a new start point for the sliders: their stops are found again
    void invalidateCalibration();
    void requestCalibration();
    void applyCalibration(const std::array<std::optional<AttributeCalibration>, 3>& calibrations, quint64 ticket);
    void applyAttributes();
    void setBusy(bool busy);
    void setSelectedPoint(int index);
    void applyPlace(const LatentVector& mean, const QString& failure, quint64 generation, quint64 ticket);
    void setMessage(const QString& message);
    void startEmbedding();
    void stopEmbedding();
    void applyEmbedding(const Result<std::vector<float>>& layout, quint64 ticket);
    void showLayout();  // the points, background and cursor for the current layout

    MapModel m_map;
    QPointer<Session> m_session;
    std::shared_ptr<const LatentSpace> m_space;
    std::shared_ptr<MapBuild> m_build;
    std::unique_ptr<DecodeWorker> m_worker;
    std::thread m_buildThread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    Projection m_plane;
    Projection m_volume;
    LatentVector m_z;
    LatentVector m_anchor;  // where the attribute sliders start from
    double m_attributeAmount[3] = {0, 0, 0};
    std::array<std::optional<AttributeCalibration>, 3> m_calibrations;  // the sliders' stops from m_anchor
    bool m_calibrated = false;
    bool m_calibrating = false;
    QTimer m_calibrateSoon;  // calibrates 300 ms after the start point last moved (not on every drag step)
    quint64 m_calibrationTicket = 0;
    SamplingOptions m_sampling;
    std::vector<double> m_voiceDensity;  // per voice; missing entries are 0
    std::vector<double> m_voiceVelocity;  // per voice; missing entries are 1
    bool m_busy = false;
    int m_selectedPoint = -1;
    std::uint64_t m_nextRequest = 1;
    std::deque<std::pair<std::uint64_t, std::chrono::steady_clock::time_point>> m_requestTimes;
    double m_lastDecodeMs = 0.0;
    int m_decodeCount = 0;
    quint64 m_placingTicket = 0;  // the latest place request still out, 0 when none
    quint64 m_nextPlaceTicket = 1;
    QString m_message;
    bool m_layoutTsne = false;
    EmbeddingLayout m_embedding;  // for m_build's points; empty until a run finishes
    bool m_embeddingRunning = false;
    double m_embeddingProgress = 0.0;
    QString m_embeddingError;
    quint64 m_embeddingTicket = 0;  // the run whose reports count
    std::unique_ptr<EmbeddingWorker> m_embedder;
    std::unique_ptr<MapWorker> m_calibrator;  // the sliders' calibration: its own worker, so it never replaces a job
    std::unique_ptr<MapWorker> m_jobs;  // last: its thread ends first
};

} // namespace gs
