#pragma once
// The Groove panel's view-model: play a rhythm, get drums back (the Groove
// Transformer VAE in its "groove" mode, through src/latent's Accompanist).
//
// The input rhythm is one lane of the loop's steps (two bars): clicked in by hand,
// tapped with a key or the mouse while the loop plays, or played on a MIDI input
// (any note of any channel). "Generate" turns it into drums on a worker; the drums
// go to the Session like any groove, so the grid, the sampler and MIDI out have them.
//
// Follow mode, as the Groove Transformer slides propose for real time: while the
// transport plays, each pass of the loop is caught, and half a step before the loop
// ends (when every tap of the pass is in: RhythmCapture) the pass is answered. The
// drums take over at the loop's end, so they answer the player one loop later. Memory
// averages the last N passes' latents; follow amount moves the playing drums' latent
// only part of the way. A pass with no input leaves the drums as they are.
// A/B: two stored latents and a crossfade between them, by hand or oscillating
// (cycles per loop), decoded under the current redirect and style.
//
// Threads: GUI thread only. The model loads and generates on workers (LatestWorker);
// results come back queued. The audio thread never sees the model: the Session's
// groove reaches the engine as a pattern snapshot, as map drags do.
#include "core/groove.h"
#include "latent/interpolation.h"
#include "latentmix.h"
#include "playheadclock.h"
#include "rhythmcapture.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace gs {

class Accompanist;
class Session;
class Transport;
struct GenerateJob;
struct GenerateResult;
template <class Request, class Result>
class LatestWorker;

class Accompaniment : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one Accompaniment: App.accompaniment")
    Q_PROPERTY(bool ready READ ready NOTIFY modelChanged)
    Q_PROPERTY(QString modelName READ modelName NOTIFY modelChanged)
    Q_PROPERTY(QStringList styles READ styles NOTIFY modelChanged)
    Q_PROPERTY(QStringList groups READ groups CONSTANT)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    // The input lane: one entry per step, the velocity (0..1) of its hit or 0.
    Q_PROPERTY(QVariantList lane READ lane NOTIFY laneChanged)
    // The pass being caught while the loop plays (same layout), and the step the playhead is on (-1: stopped).
    Q_PROPERTY(QVariantList livePass READ livePass NOTIFY livePassChanged)
    Q_PROPERTY(int liveStep READ liveStep NOTIFY liveStepChanged)
    Q_PROPERTY(int steps READ steps NOTIFY modelChanged)
    Q_PROPERTY(int stepsPerBar READ stepsPerBar NOTIFY modelChanged)
    Q_PROPERTY(QString style READ style WRITE setStyle NOTIFY conditionsChanged)
    Q_PROPERTY(QVariantList without READ without NOTIFY conditionsChanged)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY optionsChanged)
    Q_PROPERTY(double variation READ variation WRITE setVariation NOTIFY optionsChanged)
    Q_PROPERTY(double threshold READ threshold WRITE setThreshold NOTIFY optionsChanged)
    // Drums only on the rhythm's steps, and on each of them at least one drum (Tap2Drum's constraint): on by
    // default, so an answer is never silent where the player played.
    Q_PROPERTY(bool lockToRhythm READ lockToRhythm WRITE setLockToRhythm NOTIFY optionsChanged)
    Q_PROPERTY(bool follow READ follow WRITE setFollow NOTIFY followChanged)
    Q_PROPERTY(int memory READ memory WRITE setMemory NOTIFY followChanged)
    Q_PROPERTY(double followAmount READ followAmount WRITE setFollowAmount NOTIFY followChanged)
    Q_PROPERTY(bool hasA READ hasA NOTIFY abChanged)
    Q_PROPERTY(bool hasB READ hasB NOTIFY abChanged)
    Q_PROPERTY(double crossfade READ crossfade WRITE setCrossfade NOTIFY abChanged)
    // A/B oscillation in cycles per loop (0: off; the crossfade is then the musician's).
    Q_PROPERTY(double oscillationRate READ oscillationRate WRITE setOscillationRate NOTIFY abChanged)
    Q_PROPERTY(int generations READ generations NOTIFY generated)
    Q_PROPERTY(double lastGenerationMs READ lastGenerationMs NOTIFY generated)
    // Follow mode: how long after (negative: before) the loop's end the last answer was ready to play.
    Q_PROPERTY(double lastLatencyMs READ lastLatencyMs NOTIFY generated)
    Q_PROPERTY(int lastHits READ lastHits NOTIFY generated)

public:
    Accompaniment(Session* session, Transport* transport, QObject* parent = nullptr);
    ~Accompaniment() override;

    // Loads a model file on a worker (a groove-mode transformer; others are refused with a message).
    Q_INVOKABLE void loadModel(const QString& path);
    // Loads the bundled model the first time the Groove tab shows (not at start: a musician who never
    // opens the tab pays nothing for it); nothing when a model is loaded or loading.
    Q_INVOKABLE void ensureLoaded();
    // The bundled models/groove-transformer.gsmodel, or "" when there is none.
    static QString defaultModelPath();
    // Tests: the accompanist itself (null until a model loaded).
    std::shared_ptr<const Accompanist> accompanist() const { return m_accompanist; }

    bool ready() const { return m_accompanist != nullptr; }
    QString modelName() const { return m_modelName; }
    QStringList styles() const { return m_styles; }
    QStringList groups() const;
    QString status() const { return m_status; }
    QVariantList lane() const;
    QVariantList livePass() const;
    int liveStep() const { return m_liveStep; }
    int steps() const { return m_capture.steps(); }
    int stepsPerBar() const { return m_capture.grid().stepsPerBar(); }

    // Lane editing by hand: toggles a step (velocity when it is set), sets one's velocity, clears all.
    Q_INVOKABLE void toggleStep(int step, double velocity = 0.8);
    Q_INVOKABLE void setStepVelocity(int step, double velocity);
    Q_INVOKABLE void clearLane();
    const Groove& rhythm() const { return m_rhythm; }
    void setRhythm(const Groove& rhythm);  // one voice on the model's grid (others are refused)

    // A tap now (a key, the pad): placed on the loop by the playhead; ignored while stopped.
    Q_INVOKABLE void tap(double velocity = 0.8);
    // A tap or note at `seconds` on MidiInput::now()'s clock (the MIDI input's notes come here).
    void tapAt(double seconds, double velocity);
    // Fed by the audio link: the playhead and when it is heard (see AudioLink::playheadAt).
    void playheadAt(double step, int steps, qint64 loop, int stepsPerBeat, double seconds);

    QString style() const { return m_style; }
    void setStyle(const QString& style);  // "" = any
    QVariantList without() const;
    Q_INVOKABLE void setWithout(int group, bool on);

    double temperature() const { return m_temperature; }
    void setTemperature(double t);
    double variation() const { return m_variation; }
    void setVariation(double v);
    double threshold() const { return m_threshold; }
    void setThreshold(double t);
    bool lockToRhythm() const { return m_lock; }
    void setLockToRhythm(bool on);

    bool follow() const { return m_follow; }
    void setFollow(bool on);
    int memory() const { return m_memory.loops(); }
    void setMemory(int loops);
    double followAmount() const { return m_followAmount; }
    void setFollowAmount(double amount);

    bool hasA() const { return !m_a.empty(); }
    bool hasB() const { return !m_b.empty(); }
    Q_INVOKABLE void storeA();
    Q_INVOKABLE void storeB();
    double crossfade() const { return m_crossfade; }
    void setCrossfade(double x);  // decodes the blend at once (when A and B are stored)
    void setCrossfadeQuietly(double x);  // only moves the slider (a project being opened)
    const LatentVector& latentA() const { return m_a; }
    const LatentVector& latentB() const { return m_b; }
    // Both stored latents at once (a project being opened); ones of another size than the model's are dropped.
    void setLatents(LatentVector a, LatentVector b);
    double oscillationRate() const { return m_oscillationRate; }
    void setOscillationRate(double cyclesPerLoop);

    // Turns the lane into drums now (on the worker); the drums go to the Session.
    Q_INVOKABLE void generate();

    int generations() const { return m_generations; }
    double lastGenerationMs() const { return m_lastGenerationMs; }
    double lastLatencyMs() const { return m_lastLatencyMs; }
    int lastHits() const { return m_lastHits; }
    // The latent of the drums playing (empty before any), and of the last pass's encoding.
    const LatentVector& currentLatent() const { return m_current; }

    // Tests: blocks until the worker has nothing left (replies are still delivered queued).
    void waitIdle();
    // Tests with a manual engine clock (AudioLink::setManualClock): "now" on that clock instead of MidiInput::now().
    void setClockSource(std::function<double()> now) { m_now = std::move(now); }

Q_SIGNALS:
    void modelChanged();
    void statusChanged();
    void laneChanged();
    void livePassChanged();
    void liveStepChanged();
    void conditionsChanged();
    void optionsChanged();
    void followChanged();
    void abChanged();
    void generated();

private:
    void setStatus(const QString& text);
    void adopt(std::shared_ptr<const Accompanist> accompanist, const QString& name);
    void closePass();
    void armCloseTimer();
    void post(GenerateJob job);
    void deliver(const GenerateResult& result);
    GenerateJob baseJob() const;
    void crossfadeChanged();

    Session* m_session;
    Transport* m_transport;
    std::shared_ptr<const Accompanist> m_accompanist;
    QString m_modelName;
    QStringList m_styles;
    QString m_status;
    RhythmCapture m_capture;
    Groove m_rhythm;
    PlayheadClock m_clock;
    int m_liveStep = -1;
    QTimer m_closeTimer;  // fires when the open pass is complete
    std::function<double()> m_now;  // MidiInput::now(), the clock taps and the playhead are on

    QString m_style;
    std::array<bool, 5> m_without{};
    double m_temperature = 1.0;
    double m_variation = 0.0;
    double m_threshold = 0.5;
    bool m_lock = true;
    bool m_follow = false;
    LatentMemory m_memory;
    double m_followAmount = 1.0;
    LatentVector m_current;  // the latent of the drums playing (before variation)
    LatentVector m_a, m_b;
    Groove m_currentRhythm, m_aRhythm, m_bRhythm;  // what the playing / stored drums were locked to
    double m_crossfade = 0.0;
    double m_oscillationRate = 0.0;
    std::int64_t m_passesClosed = 0;

    int m_generations = 0;
    double m_lastGenerationMs = 0.0;
    double m_lastLatencyMs = 0.0;
    int m_lastHits = 0;
    std::uint64_t m_nextId = 1;
    std::uint64_t m_loadId = 0;

    struct Workers;
    std::unique_ptr<Workers> m_workers;  // last: joins before the members above go
};

} // namespace gs
